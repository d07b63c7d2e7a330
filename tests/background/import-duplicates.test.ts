/** Duplicate detection and folder matching when importing into a vault that has items. */
import { describe, expect, it } from 'vitest';
import type { Item } from '@/src/vault/item';
import { planImport } from '@/src/vault/import-plan';
import { readFixtureText } from '../helpers/fixtures';
import { loadTruthVault } from '../helpers/truth-vault';
import { readVault } from '../helpers/vault-snapshot';

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

describe('planImport', () => {
  const NOW = '2026-01-01T00:00:00.000Z';
  const note = (id: string, name: string, extra: Partial<Item> = {}): Item =>
    ({
      id,
      folderId: null,
      organizationId: null,
      collectionIds: null,
      name,
      notes: 'n',
      type: 2,
      secureNote: { type: 0 },
      favorite: false,
      reprompt: 0,
      passwordHistory: null,
      revisionDate: '2024-01-01T00:00:00.000Z',
      creationDate: '2024-01-01T00:00:00.000Z',
      deletedDate: null,
      ...extra,
    }) as Item;

  it('matches folders by name and keeps "a/b" names whole', () => {
    let n = 0;
    const plan = planImport({
      fileItems: [
        note('1', 'x', { folderId: 'f1' }),
        note('2', 'y', { folderId: 'f2' }),
        note('3', 'z', { folderId: 'missing' }),
      ],
      fileFolders: [
        { id: 'f1', name: 'Work' },
        { id: 'f2', name: 'Family/Kids' },
      ],
      vaultItems: [],
      vaultFolders: [{ id: 'v1', name: 'Work' }],
      policy: 'skip',
      newId: () => `new-${n++}`,
      now: NOW,
    });
    expect(plan.newFolders).toEqual([{ id: 'f2', name: 'Family/Kids' }]);
    expect(plan.add.map((i) => i.folderId)).toEqual(['v1', 'f2', null]);
  });

  const planAgainst = (vaultItems: Item[], fileItems: Item[]) =>
    planImport({
      fileItems,
      fileFolders: [],
      vaultItems,
      vaultFolders: [],
      policy: 'skip',
      newId: () => crypto.randomUUID(),
      now: NOW,
    });
  const later = '2025-01-01T00:00:00.000Z';

  it('tells content apart whatever the key order, and ignores ids and dates', () => {
    const vaultNote = note('v', 'x', { notes: 'same' });
    // The same content built in another key order, another id and later dates: identical.
    const reordered = Object.fromEntries(
      Object.entries({ ...vaultNote, id: 'f', revisionDate: later, creationDate: later }).reverse(),
    ) as Item;
    expect(planAgainst([vaultNote], [reordered])).toMatchObject({ identical: 1, add: [] });
  });

  it('a field present as null differs from one absent; one holding undefined does not', () => {
    const vaultNote = note('v', 'x');
    const withUndefined = { ...note('f', 'x'), fields: undefined } as unknown as Item;
    expect(planAgainst([vaultNote], [withUndefined])).toMatchObject({ identical: 1 });
    const withNull = {
      ...note('f', 'x', { revisionDate: later }),
      fields: null,
    } as unknown as Item;
    expect(planAgainst([vaultNote], [withNull])).toMatchObject({ identical: 0 });
  });

  it('items of other types match on their whole content, not their name alone', () => {
    const vaultNote = note('v', 'x', { notes: 'one' });
    const plan = planAgainst([vaultNote], [note('f', 'x', { notes: 'two', revisionDate: later })]);
    // Same name, other content, and no id in common: a different note, added.
    expect(plan.add.map((i) => i.notes)).toEqual(['two']);
    expect(plan.update).toEqual([]);
  });

  it('a login with the same name, username and websites is the same login, changed', () => {
    const login = (id: string, password: string, extra: Partial<Item> = {}) =>
      ({
        ...note(id, 'Bank'),
        type: 1,
        secureNote: undefined,
        login: {
          username: 'ada',
          password,
          totp: null,
          uris: [
            { uri: 'https://b.example', match: null },
            { uri: 'https://a.example', match: null },
          ],
          fido2Credentials: [],
          passwordRevisionDate: null,
        },
        ...extra,
      }) as unknown as Item;
    const vaultLogin = login('v', 'old');
    // The websites in another order and a newer password: an update of the vault's login.
    const fileLogin = login('f', 'new', { revisionDate: later });
    (fileLogin as { login: { uris: unknown[] } }).login.uris.reverse();
    const plan = planAgainst([vaultLogin], [fileLogin]);
    expect(
      plan.update.map((i) => [i.id, (i as { login: { password: string } }).login.password]),
    ).toEqual([['v', 'new']]);
    // Only the password's date differs: identical.
    const dated = login('f', 'old');
    (dated as { login: { passwordRevisionDate: string } }).login.passwordRevisionDate = later;
    expect(planAgainst([vaultLogin], [dated])).toMatchObject({ identical: 1 });
  });

  it('stays linear: 10,000 new items against 10,000 existing in well under a second', () => {
    const existing = Array.from({ length: 10_000 }, (_, i) => note(`e${i}`, `existing ${i}`));
    const incoming = Array.from({ length: 10_000 }, (_, i) => note(`i${i}`, `incoming ${i}`));
    const start = performance.now();
    const plan = planImport({
      fileItems: incoming,
      fileFolders: [],
      vaultItems: existing,
      vaultFolders: [],
      policy: 'skip',
      newId: () => crypto.randomUUID(),
      now: NOW,
    });
    expect(plan.add).toHaveLength(10_000);
    // A guard against quadratic matching, not a benchmark (npm run bench measures it).
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});
