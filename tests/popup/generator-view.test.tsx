/**
 * The Generator (issue 17, in part): reachable from the Vault tab, passwords or EFF passphrases
 * with their options and the strength of what is shown, copied from there; the editor's generator
 * makes passphrases too.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { App } from '@/src/popup/App';
import { EFF_LONG_WORDLIST } from '@/src/vault/passphrase-generator';
import { createUnlockedBackground } from '../helpers/background';
import { sampleDrafts } from '../helpers/items';
import { field, type } from '../helpers/popup-view';

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
    expect(shown()).toContain('-');
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
    const phrase = shown();
    fireEvent.click(screen.getByRole('button', { name: 'Use this password' }));
    expect((field('Password') as HTMLInputElement).value).toBe(phrase);
  });
});
