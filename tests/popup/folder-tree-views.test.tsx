/**
 * Folders as a tree (issue 17, in part): `Kids` created under `Family` is the folder
 * `Family/Kids` (Bitwarden's nesting by name), drawn inside `Family` in Settings → Folders, the
 * vault's folder filter (with counts), the editor's folder choice and Export Vault's one folder.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { App } from '@/src/popup/App';
import { createUnlockedBackground } from '../helpers/background';
import { sampleDrafts } from '../helpers/items';
import { chooseOption, click, field, type } from '../helpers/popup-view';

vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

const optionTexts = (label: string) =>
  [...(field(label) as HTMLSelectElement).options].map((o) => [o.textContent, o.disabled]);

describe('folders as a tree', () => {
  it('creates Kids under Family as Family/Kids and draws it nested, with counts', async () => {
    const { client } = await createUnlockedBackground();
    render(<App client={client} />);
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    click('Folders');
    click('New folder');
    type('Folder name', 'Family');
    click('Save');
    await screen.findByText('Folder “Family” saved.');
    await screen.findByRole('button', { name: 'Rename folder Family' });
    click('New folder');
    chooseOption('Parent folder', 'Family');
    type('Folder name', 'Kids');
    click('Save');
    await screen.findByText('Folder “Family/Kids” saved.');
    expect((await client.listFolders()).map((f) => f.name)).toEqual(['Family', 'Family/Kids']);

    const kids = (await screen.findByRole('button', { name: 'Rename folder Family/Kids' })).closest(
      'li',
    )!;
    expect(kids.style.paddingLeft).toBe('20px');
    expect(kids.textContent).toContain('Kids');

    const folders = await client.listFolders();
    const kidsId = folders.find((f) => f.name === 'Family/Kids')!.id;
    await client.saveItem({ item: { ...sampleDrafts()[0]!, folderId: kidsId } });
    fireEvent.click(screen.getByRole('tab', { name: 'Vault' }));
    await screen.findByRole('button', { name: /^MARK-login-name|^MARK/ });
    await waitFor(() =>
      expect(optionTexts('Filter by folder').slice(-2)).toEqual([
        ['Family (0)', false],
        ['\u2003Kids (1)', false],
      ]),
    );
  });

  it('shows a parent nobody created, which cannot be chosen', async () => {
    const { client } = await createUnlockedBackground();
    await client.saveFolder({ name: 'Work/Projects' });
    render(<App client={client} />);
    await screen.findByRole('heading', { name: 'Your vault is empty' });
    fireEvent.click(await screen.findByRole('button', { name: 'New item' }));
    await screen.findByRole('heading', { name: 'New item' });
    await waitFor(() =>
      expect(optionTexts('Folder').slice(-2)).toEqual([
        ['Work', true],
        ['\u2003Projects', false],
      ]),
    );
    // Export Vault's one-folder choice draws the same tree.
    click('Cancel');
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    click('Export Vault');
    fireEvent.click(await screen.findByText('Export only part of the vault'));
    fireEvent.click(screen.getByRole('radio', { name: 'One folder' }));
    await waitFor(() =>
      expect(optionTexts('Folder').slice(-2)).toEqual([
        ['Work', true],
        ['\u2003Projects', false],
      ]),
    );
  });
});
