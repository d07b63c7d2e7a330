/**
 * Lossless round trips (issue #6): Bitwarden's own files and Coffer's four export kinds import
 * to the vault of truth.json, every field of every item and folder, ids aside.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ExportRequest } from '@/src/protocol/vault-api';
import type { Item } from '@/src/vault/item';
import { KDF_FIXTURES, readFixtureText } from '../helpers/fixtures';
import { truthFolders, truthItems } from '../helpers/truth-items';
import { freshExtensionState } from '../helpers/fresh-extension-state';
import { loadTruthVault } from '../helpers/truth-vault';
import { comparable, readVault } from '../helpers/vault-snapshot';

// Each fixture account's master key is derived once for the file: readVault confirms every
// re-prompt item with the master password, and the files' own KDFs are what these tests are about.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

describe.each(KDF_FIXTURES)('importing the %s fixture files', (kdfName) => {
  it.each([
    ['sdk-plain.json', undefined],
    ['sdk-password-protected.json', 'file password'],
    ['assembled-account.json', undefined],
  ] as const)('%s yields the vault of truth.json', async (file, needsPassword) => {
    const vault = await loadTruthVault(kdfName, { empty: true });
    const content = readFixtureText(kdfName, file);
    const filePassword = needsPassword ? vault.truth.password : undefined;
    if (needsPassword) {
      expect(await vault.client.previewImport({ format: 'bitwarden_json', content })).toEqual({
        needsFilePassword: true,
      });
    }
    const preview = await vault.client.previewImport({
      format: 'bitwarden_json',
      content,
      filePassword,
    });
    const folders = truthFolders(vault.truth).length;
    expect(preview).toMatchObject({
      needsFilePassword: false,
      itemCount: 22,
      folderCount: folders,
      toAdd: 22,
      identical: 0,
    });
    const summary = await vault.client.importVault({
      format: 'bitwarden_json',
      content,
      filePassword,
    });
    expect(summary).toEqual({
      added: 22,
      updated: 0,
      skipped: 0,
      failed: 0,
      foldersCreated: folders,
    });
    const imported = await readVault(vault.client);
    expect(comparable(imported.items, imported.folders)).toEqual(
      comparable(truthItems(vault.truth), truthFolders(vault.truth)),
    );
    expect(imported.folders.map((f) => f.name).sort()).toEqual(
      truthFolders(vault.truth)
        .map((f) => f.name)
        .sort(),
    );
  });

  it('sdk.csv yields its logins and notes', async () => {
    const vault = await loadTruthVault(kdfName, { empty: true });
    const summary = await vault.client.importVault({
      format: 'bitwarden_csv',
      content: readFixtureText(kdfName, 'sdk.csv'),
    });
    const truth = truthItems(vault.truth).filter((i) => i.type === 1 || i.type === 2);
    expect(summary.added).toBe(truth.length);
    const imported = await readVault(vault.client);
    const folderName = new Map(truthFolders(vault.truth).map((f) => [f.id, f.name]));
    const importedFolder = new Map(imported.folders.map((f) => [f.id, f.name]));
    // What a CSV can carry: no match types, field types, history or dates.
    const csvShape = (item: Item, folders: Map<string, string>) => ({
      type: item.type,
      name: item.name,
      notes: item.notes || null,
      folder: item.folderId ? folders.get(item.folderId) : null,
      favorite: item.favorite,
      reprompt: item.reprompt,
      // The CSV carries "name: value" lines; which ": " splits them it cannot say.
      fields: (item.fields ?? [])
        .map((f) => `${f.name ?? ''}: ${f.type === 3 ? '' : (f.value ?? '')}`)
        .join('\n'),
      login:
        item.type === 1
          ? {
              username: item.login.username || null,
              password: item.login.password || null,
              totp: item.login.totp || null,
              uris: (item.login.uris ?? []).map((u) => u.uri),
            }
          : null,
    });
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
    expect(imported.items.map((i) => csvShape(i, importedFolder)).sort(byName)).toEqual(
      truth.map((i) => csvShape(i, folderName)).sort(byName),
    );
  });
});

describe.each(KDF_FIXTURES)('Coffer’s own exports of the %s vault round-trip', (kdfName) => {
  type WithoutPassword<T> = T extends unknown ? Omit<T, 'masterPassword'> : never;
  it.each<[string, WithoutPassword<ExportRequest>]>([
    ['.json', { format: 'json' }],
    ['.json (Encrypted), account restricted', { format: 'encrypted_json', mode: 'account' }],
    [
      '.json (Encrypted), password protected',
      { format: 'encrypted_json', mode: 'password', filePassword: 'round trip pw' },
    ],
  ])('%s', async (_name, request) => {
    const source = await loadTruthVault(kdfName);
    await source.client.exportVault({
      ...request,
      masterPassword: source.truth.account.masterPassword,
    } as ExportRequest);
    const content = source.downloads.files.at(-1)!.text;
    freshExtensionState();
    const target = await loadTruthVault(kdfName, { empty: true });
    const filePassword = 'filePassword' in request ? request.filePassword : undefined;
    await target.client.importVault({ format: 'bitwarden_json', content, filePassword });
    const imported = await readVault(target.client);
    expect(comparable(imported.items, imported.folders)).toEqual(
      comparable(source.items, source.folders),
    );
  });

  it('.csv', async () => {
    const source = await loadTruthVault(kdfName);
    await source.client.exportVault({
      format: 'csv',
      masterPassword: source.truth.account.masterPassword,
    });
    freshExtensionState();
    const target = await loadTruthVault(kdfName, { empty: true });
    const summary = await target.client.importVault({
      format: 'bitwarden_csv',
      content: source.downloads.files.at(-1)!.text,
    });
    expect(summary.added).toBe(source.items.filter((i) => i.type <= 2).length);
  });
});

describe('an organization export', () => {
  it('imports every item, keeping its organization and collection ids, and no collections', async () => {
    const vault = await loadTruthVault('pbkdf2', { empty: true });
    const plain = JSON.parse(readFixtureText('pbkdf2', 'sdk-plain.json'));
    const orgId = 'a9e3c1f2-0000-4000-8000-000000000001';
    const collectionId = 'c0110000-0000-4000-8000-000000000002';
    // Bitwarden's organization export: collections instead of folders, items tied to them.
    const content = JSON.stringify({
      encrypted: false,
      collections: [{ id: collectionId, organizationId: orgId, name: 'Team', externalId: null }],
      items: plain.items.map((item: Record<string, unknown>) => ({
        ...item,
        folderId: null,
        organizationId: orgId,
        collectionIds: [collectionId],
      })),
    });
    const summary = await vault.client.importVault({ format: 'bitwarden_json', content });
    expect(summary).toMatchObject({ added: plain.items.length, foldersCreated: 0 });
    const imported = await readVault(vault.client);
    expect(imported.folders).toEqual([]);
    expect(imported.items).toHaveLength(plain.items.length);
    expect(new Set(imported.items.map((i) => i.organizationId))).toEqual(new Set([orgId]));
    expect(imported.items.every((i) => i.collectionIds?.join() === collectionId)).toBe(true);
  });
});
