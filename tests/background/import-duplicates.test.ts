/** Duplicate detection and folder matching when importing into a vault that has items. */
import { describe, expect, it, vi } from 'vitest';
import type { Item } from '@/src/vault/item';
import { readFixtureText } from '../helpers/fixtures';
import { loadTruthVault } from '../helpers/truth-vault';
import { readVault } from '../helpers/vault-snapshot';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

describe('re-importing a backup', () => {
  it('skips every identical item and creates no folder twice', async () => {
    const vault = await loadTruthVault('pbkdf2');
    const content = readFixtureText('pbkdf2', 'sdk-plain.json');
    expect(await vault.client.previewImport({ format: 'bitwarden_json', content })).toMatchObject({
      itemCount: 22,
      toAdd: 0,
      toUpdate: 0,
      identical: 22,
      newFolders: [],
    });
    expect(await vault.client.importVault({ format: 'bitwarden_json', content })).toEqual({
      added: 0,
      updated: 0,
      skipped: 22,
      failed: 0,
      foldersCreated: 0,
    });
    expect((await vault.client.listVault()).items).toHaveLength(22);
  });

  it('keeps a newer vault edit, and takes a newer file version', async () => {
    const vault = await loadTruthVault('pbkdf2');
    const file = JSON.parse(readFixtureText('pbkdf2', 'sdk-plain.json'));
    // Edited in the vault after the backup: the backup's version is older and is skipped.
    const steam = vault.items.find((i) => i.name === 'Steam')!;
    await vault.client.saveItem({ item: { ...steam, notes: 'edited after the backup' } });
    // Edited in the file with a later date: it replaces the vault's version.
    const bank = file.items.find((i: Item) => i.name === 'Bank of Example (basic)');
    bank.login.password = 'newer password from the file';
    bank.revisionDate = '2030-01-01T00:00:00.000Z';
    const content = JSON.stringify(file);
    expect(await vault.client.previewImport({ format: 'bitwarden_json', content })).toMatchObject({
      toAdd: 0,
      toUpdate: 1,
      identical: 20,
      older: 1,
    });
    expect(await vault.client.importVault({ format: 'bitwarden_json', content })).toMatchObject({
      added: 0,
      updated: 1,
      skipped: 21,
    });
    const { items } = await readVault(vault.client);
    expect(items.find((i) => i.id === steam.id)?.notes).toBe('edited after the backup');
    const updated = items.find((i) => i.id === bank.id)!;
    expect(updated.type === 1 && updated.login.password).toBe('newer password from the file');
    expect(items).toHaveLength(22);
  });

  it('“Import all” keeps both: copies get new ids', async () => {
    const vault = await loadTruthVault('pbkdf2');
    const content = readFixtureText('pbkdf2', 'sdk-plain.json');
    expect(
      await vault.client.importVault({ format: 'bitwarden_json', content, duplicates: 'all' }),
    ).toMatchObject({
      added: 22,
      skipped: 0,
      foldersCreated: 0,
    });
    const { items, folders } = await readVault(vault.client);
    expect(items).toHaveLength(44);
    expect(new Set(items.map((i) => i.id)).size).toBe(44);
    expect(folders).toHaveLength(3);
  });

  it('matches logins from a CSV (no ids) by name, username and websites', async () => {
    const vault = await loadTruthVault('pbkdf2');
    const csv = readFixtureText('pbkdf2', 'sdk.csv');
    await vault.client.importVault({ format: 'bitwarden_csv', content: csv });
    const { items } = await readVault(vault.client);
    // Every login was recognised. Of the notes, only the one with a hidden and a checkbox field
    // differs: a CSV turns every custom field into text, so it is no longer the same content.
    expect(items.filter((i) => i.type === 1)).toHaveLength(11);
    const notes = items.filter((i) => i.type === 2).map((i) => i.name);
    expect(notes.sort()).toEqual([
      'Note, with "JSON" & CSV',
      'Recovery codes',
      'Wi-Fi (fields only)',
      'Wi-Fi (fields only)',
    ]);
  });
});
