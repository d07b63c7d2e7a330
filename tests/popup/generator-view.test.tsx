/**
 * The Generator (issue 17, in part): reachable from the Vault tab, passwords or EFF passphrases
 * with their options and the strength of what is shown, copied from there; the editor's generator
 * makes passphrases too.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { App } from '@/src/popup/App';
import { EFF_LONG_WORDLIST } from '@/src/vault/passphrase-generator';
import { createUnlockedBackground } from '../helpers/background';
import { sampleDrafts } from '../helpers/items';
import { click, field, type } from '../helpers/popup-view';

vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

const shown = () => screen.getByLabelText('Generated password').textContent ?? '';

describe('the Generator', () => {
  it('opens from the Vault tab and makes a 6-word passphrase to copy', async () => {
    const background = await createUnlockedBackground();
    await background.client.saveItem({ item: sampleDrafts()[0]! });
    render(<App client={background.client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Generator' }));
    await screen.findByRole('heading', { name: 'Generator' });
    expect(shown()).toHaveLength(20);
    fireEvent.click(screen.getByRole('radio', { name: 'Passphrase' }));
    // The wordlist is a script of its own: the first passphrase shows once it is loaded.
    await waitFor(() => expect(shown()).toMatch(/^[a-z-]+$/));
    // EFF's words may hold a hyphen (t-shirt): words are counted with a space between them.
    type('Word separator', ' ');
    const words = shown().split(' ');
    expect(words).toHaveLength(6);
    for (const word of words) expect(EFF_LONG_WORDLIST).toContain(word);
    fireEvent.click(screen.getByLabelText('Capitalize'));
    fireEvent.input(field('Number of words'), { target: { value: '4' } });
    expect(shown().split(' ')).toHaveLength(4);
    expect(
      shown()
        .split(' ')
        .every((w) => /^[A-Z]/.test(w)),
    ).toBe(true);
    expect(screen.getByText(/strength|Strength|weak|strong/i)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy generated password' }));
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe(shown()));
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    await screen.findByRole('heading', { name: 'Vault' });
  });

  it('puts a passphrase into the editor’s password', async () => {
    const background = await createUnlockedBackground();
    await background.client.saveItem({ item: sampleDrafts()[0]! });
    render(<App client={background.client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'New item' }));
    await screen.findByRole('heading', { name: 'New item' });
    fireEvent.click(screen.getByRole('button', { name: /generat/i }));
    fireEvent.click(screen.getByRole('radio', { name: 'Passphrase' }));
    await waitFor(() => expect(shown()).toMatch(/^[a-z-]+$/));
    const phrase = shown();
    fireEvent.click(screen.getByRole('button', { name: 'Use this password' }));
    expect((field('Password') as HTMLInputElement).value).toBe(phrase);
  });

  it('keeps what is copied or used in its history, newest first, and clears it on request', async () => {
    const background = await createUnlockedBackground();
    await background.client.saveItem({ item: sampleDrafts()[0]! });
    render(<App client={background.client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Generator' }));
    // Closed until asked for: the values are passwords.
    const summary = await screen.findByText('Generator history (0)');
    expect(summary.closest('details')!.open).toBe(false);
    fireEvent.click(summary);
    await screen.findByText('Nothing from the generator has been copied or used yet.');
    // Values only looked at are not kept; the copied one is.
    click('Regenerate');
    const password = shown();
    fireEvent.click(screen.getByRole('button', { name: 'Copy generated password' }));
    await screen.findByText('Generator history (1)');
    fireEvent.click(screen.getByRole('radio', { name: 'Passphrase' }));
    await waitFor(() => expect(shown()).toMatch(/^[a-z-]+$/));
    const phrase = shown();
    fireEvent.click(screen.getByRole('button', { name: 'Copy generated password' }));
    await screen.findByText('Generator history (2)');
    const history = screen.getByRole('list');
    expect(
      within(history)
        .getAllByRole('listitem')
        .map((li) => li.querySelector('.history-value')!.textContent),
    ).toEqual([phrase, password]);
    // Each value copies from its own row, named by its kind and time, not by the secret.
    const copyOld = within(history).getAllByRole('button')[1]!;
    expect(copyOld.getAttribute('aria-label')).toMatch(/^Copy the password from /);
    expect(copyOld.getAttribute('aria-label')).not.toContain(password);
    fireEvent.click(copyOld);
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe(password));

    // Used in the editor: kept too, and there when the Generator opens again.
    click('Back');
    click(await screen.findByRole('button', { name: 'New item' }).then((b) => b.textContent!));
    await screen.findByRole('heading', { name: 'New item' });
    fireEvent.click(screen.getByRole('button', { name: /generat/i }));
    const used = shown();
    click('Use this password');
    await vi.waitFor(async () =>
      expect((await background.client.generatorHistory())[0]?.value).toBe(used),
    );
    click('Cancel');
    fireEvent.click(await screen.findByRole('button', { name: 'Generator' }));
    fireEvent.click(await screen.findByText('Generator history (3)'));

    click('Clear history');
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/deleted from your vault/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Clear history' }));
    await screen.findByText('Generator history cleared.');
    expect(screen.getByText('Generator history (0)')).toBeTruthy();
    expect(await background.client.generatorHistory()).toEqual([]);
  });

  it('says a history that cannot be read, and clears it', async () => {
    const background = await createUnlockedBackground();
    await background.client.saveItem({ item: sampleDrafts()[0]! });
    await background.ctx.store.putGeneratorHistory('2.AAAA|BBBB|CCCC');
    render(<App client={background.client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Generator' }));
    // Said with the history closed: nothing has to be opened to see it.
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^The generator history cannot be read\./,
    );
    // Copying still works; the history says, once, why it could not keep the value.
    fireEvent.click(screen.getByRole('button', { name: 'Copy generated password' }));
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe(shown()));
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    fireEvent.click(screen.getByText('Generator history (0)'));
    click('Clear history');
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Clear history' }),
    );
    await screen.findByText('Generator history cleared.');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Copy generated password' }));
    await screen.findByText('Generator history (1)');
  });
});
