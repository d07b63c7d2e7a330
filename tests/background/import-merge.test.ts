/**
 * Issue 11: re-importing one's own lossy backup must not delete what the file cannot carry
 * (passkeys, password history, hidden field types, URI match types), and the preview says what
 * is kept.
 */
import { describe, expect, it, vi } from 'vitest';
import type { LoginItem } from '@/src/vault/item';
import { TEST_EMAIL, TEST_KDF, TEST_PASSWORD, createTestBackground } from '../helpers/background';
import { sampleDrafts } from '../helpers/items';
import { readVault } from '../helpers/vault-snapshot';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

const DAY = 24 * 60 * 60 * 1000;

/** A vault holding the sample items, saved at a fixed time, and its `.csv` export. */
async function vaultAndCsvBackup() {
  let now = new Date('2025-03-01T12:00:00.000Z');
  const background = await createTestBackground({ now: () => now });
  const { client, downloads } = background;
  await client.createAccount({ email: TEST_EMAIL, masterPassword: TEST_PASSWORD, kdf: TEST_KDF });
  for (const draft of sampleDrafts()) await client.saveItem({ item: draft });
  const before = await readVault(client);
  await client.exportVault({ format: 'csv', masterPassword: TEST_PASSWORD });
  const csv = downloads.files[0]!.text;
  const login = before.items.find((i): i is LoginItem => i.type === 1)!;
  return {
    client,
    before,
    login,
    csv,
    later: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

describe('re-importing a .csv backup a day later', () => {
  it('keeps everything the CSV cannot hold: nothing to update, nothing written', async () => {
    const { client, before, login, csv, later } = await vaultAndCsvBackup();
    // The item really has what a CSV loses.
    expect(login.login.fido2Credentials).toHaveLength(1);
    expect(login.passwordHistory).toHaveLength(1);
    expect(login.fields?.map((f) => f.type)).toEqual([0, 1, 2, 3]);
    expect(login.login.uris?.map((u) => u.match)).toEqual([null, 3]);
    later(DAY);
    expect(await client.previewImport({ format: 'bitwarden_csv', content: csv })).toMatchObject({
      toAdd: 0,
      toUpdate: 0,
      updates: [],
      identical: 2,
    });
    await client.importVault({ format: 'bitwarden_csv', content: csv });
    expect(await readVault(client)).toEqual(before);
  });

  it('with a password changed in the file: updates it, keeps the rest, and the preview says so', async () => {
    const { client, login, csv, later } = await vaultAndCsvBackup();
    later(DAY);
    // Edited in a spreadsheet before re-importing.
    const edited = csv.replace('MARK-password', 'changed in the spreadsheet');
    expect(edited).not.toBe(csv);
    const preview = await client.previewImport({ format: 'bitwarden_csv', content: edited });
    expect(preview).toMatchObject({ toAdd: 0, toUpdate: 1, identical: 1 });
    expect(preview.needsFilePassword === false && preview.updates).toEqual([
      {
        name: 'MARK-login-name',
        kept: [
          { kind: 'fieldType', field: 'MARK-hidden-name', fieldType: 'hidden' },
          { kind: 'fieldType', field: 'MARK-bool-name', fieldType: 'checkbox' },
          { kind: 'fieldType', field: 'MARK-linked-name', fieldType: 'linked' },
          { kind: 'uriMatch', count: 1 },
          { kind: 'passkeys', count: 1 },
          { kind: 'previousPassword' },
          { kind: 'passwordHistory', count: 1 },
        ],
      },
    ]);
    // Names only: no password, key or field value crosses to the popup in the preview.
    const previewText = JSON.stringify(preview);
    for (const secret of ['MARK-password', 'changed in the spreadsheet', 'MARK-hidden-value'])
      expect(previewText).not.toContain(secret);

    expect(await client.importVault({ format: 'bitwarden_csv', content: edited })).toMatchObject({
      added: 0,
      updated: 1,
      skipped: 1,
    });
    const { items } = await readVault(client);
    const updated = items.find((i): i is LoginItem => i.id === login.id)!;
    expect(updated.login.password).toBe('changed in the spreadsheet');
    expect(updated.login.fido2Credentials).toEqual(login.login.fido2Credentials);
    expect(updated.login.uris).toEqual(login.login.uris);
    expect(updated.fields).toEqual(login.fields);
    expect(updated.passwordHistory!.map((e) => e.password)).toEqual([
      'MARK-password',
      'MARK-old-password',
    ]);
    expect(updated.creationDate).toBe(login.creationDate);
    expect(items).toHaveLength(5);
  });

  it('a file dated in the future is stored dated now and cannot beat a later edit', async () => {
    const { client, login, later } = await vaultAndCsvBackup();
    const now = later(DAY).toISOString();
    // A Bitwarden JSON file claiming a far-future edit of the same login.
    const future: LoginItem = {
      ...login,
      login: { ...login.login, password: 'from a hostile file' },
      revisionDate: '2999-01-01T00:00:00.000Z',
    };
    const content = JSON.stringify({ encrypted: false, folders: [], items: [future] });
    await client.importVault({ format: 'bitwarden_json', content });
    const stored = (await client.getItem({ id: login.id })) as LoginItem;
    expect(stored.revisionDate).toBe(now);
    expect(stored.passwordHistory![0]).toEqual({ password: 'MARK-password', lastUsedDate: now });
    // Edited in the vault at that same moment: the same file, re-imported, is no longer newer.
    await client.saveItem({ item: { ...stored, notes: 'edited in the vault' } });
    expect(await client.previewImport({ format: 'bitwarden_json', content })).toMatchObject({
      toUpdate: 0,
      older: 1,
    });
  });
});
