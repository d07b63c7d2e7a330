/**
 * The popup's keyboard and first screen (issue 17, in part): a new account's empty vault offers
 * Import Data and New item, each with its sentence; `/` jumps to the search; Escape goes back,
 * but never out of the editor or out of a dialog.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { App } from '@/src/popup/App';
import { createUnlockedBackground } from '../helpers/background';
import { sampleDrafts } from '../helpers/items';

vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

async function openApp(drafts = true) {
  const background = await createUnlockedBackground();
  if (drafts) for (const draft of sampleDrafts()) await background.client.saveItem({ item: draft });
  render(<App client={background.client} />);
  return background;
}

describe('the empty vault', () => {
  it('offers Import Data and New item, each with one sentence, instead of an empty list', async () => {
    await openApp(false);
    await screen.findByRole('heading', { name: 'Your vault is empty' });
    const importButton = screen.getByRole('button', { name: 'Import Data' });
    expect(importButton.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText(/Bring in what you already have/)).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'New item' })).toHaveLength(1);
    expect(
      screen.getByText(/Add a login, note, card, identity or other item by hand/),
    ).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
    fireEvent.click(importButton);
    await screen.findByRole('heading', { name: 'Import Data' });
  });

  it('leads to the editor from its New item', async () => {
    await openApp(false);
    fireEvent.click(await screen.findByRole('button', { name: 'New item' }));
    await screen.findByRole('heading', { name: 'New item' });
  });
});

describe('keyboard shortcuts', () => {
  it('/ focuses the search, but is typed as itself inside a field', async () => {
    await openApp();
    await screen.findByRole('button', { name: /^MARK-card-name/ });
    const search = screen.getByLabelText('Search vault');
    expect(search.getAttribute('aria-keyshortcuts')).toBe('/');
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(search);
    const typed = fireEvent.keyDown(search, { key: '/' });
    expect(typed).toBe(true);
  });

  it('Escape goes back from an item to the vault, and from a settings tool to Settings', async () => {
    await openApp();
    fireEvent.click(await screen.findByRole('button', { name: /^MARK-card-name/ }));
    await screen.findByRole('heading', { name: 'MARK-card-name' });
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await screen.findByRole('heading', { name: 'Vault' });

    fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Export Vault' }));
    await screen.findByRole('heading', { name: 'Export Vault' });
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await screen.findByRole('heading', { name: 'Security' });
  });

  it('Escape leaves the editor alone, so that nothing typed is lost', async () => {
    await openApp();
    fireEvent.click(await screen.findByRole('button', { name: /^MARK-card-name/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await screen.findByRole('heading', { name: 'Edit item' });
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Edit item' })).toBeTruthy());
  });
});

describe('a URI in the item view', () => {
  it('has Open beside it for http and https only, which opens a new tab', async () => {
    const { browser } = await import('wxt/browser');
    const create = vi.spyOn(browser.tabs, 'create').mockResolvedValue({} as never);
    const background = await createUnlockedBackground();
    const login = sampleDrafts().find((d) => d.type === 1)!;
    await background.client.saveItem({
      item: {
        ...login,
        name: 'Two URIs',
        login: {
          ...(login as Extract<typeof login, { type: 1 }>).login,
          uris: [
            { uri: 'https://example.com/login', match: null },
            { uri: 'javascript:alert(1)', match: null },
          ],
        },
      } as typeof login,
    });
    render(<App client={background.client} />);
    fireEvent.click(await screen.findByRole('button', { name: /^Two URIs/ }));
    await screen.findByRole('heading', { name: 'Two URIs' });
    const open = screen.getAllByRole('button', { name: 'Open' });
    expect(open).toHaveLength(1);
    fireEvent.click(open[0]!);
    await waitFor(() => expect(create).toHaveBeenCalledWith({ url: 'https://example.com/login' }));
    create.mockRestore();
  });
});
