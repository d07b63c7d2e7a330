/**
 * Issue 13's item kinds through files: bank accounts, driver's licenses, passports and archived
 * items come back whole from every Bitwarden JSON kind Coffer writes; both spellings of an SSH
 * key's fingerprint are read; a malformed part of a new kind refuses the file where it is.
 */
import { describe, expect, it } from 'vitest';
import type { ExportRequest } from '@/src/protocol/vault-api';
import { createUnlockedBackground, TEST_PASSWORD } from '../helpers/background';
import { freshExtensionState } from '../helpers/fresh-extension-state';
import { NEW_KIND_DRAFTS } from '../helpers/items';
import { comparable, readVault, snapshotDatabase } from '../helpers/vault-snapshot';

const EXPORTS: [string, ExportRequest, string | undefined][] = [
  ['.json', { format: 'json', masterPassword: TEST_PASSWORD }, undefined],
  [
    'account restricted',
    { format: 'encrypted_json', mode: 'account', masterPassword: TEST_PASSWORD },
    undefined,
  ],
  [
    'password protected',
    {
      format: 'encrypted_json',
      mode: 'password',
      masterPassword: TEST_PASSWORD,
      filePassword: 'a file password',
      kdf: { type: 'pbkdf2', iterations: 600_000 },
    },
    'a file password',
  ],
];

describe('bank accounts, driver’s licenses, passports and archived items', () => {
  it.each(EXPORTS)('come back whole from a %s export', async (_name, request, filePassword) => {
    const { client, downloads } = await createUnlockedBackground();
    for (const draft of NEW_KIND_DRAFTS) await client.saveItem({ item: draft });
    const archived = await client.saveItem({
      item: { ...NEW_KIND_DRAFTS[0]!, name: 'Old account' },
    });
    await client.setItemArchived({ id: archived.id, archived: true });
    const before = await readVault(client);
    await client.exportVault(request);
    const content = downloads.files[0]!.text;

    // Into the same account (account-restricted files open only there), emptied first.
    for (const item of before.items) await client.deleteItem({ id: item.id });
    const preview = await client.previewImport({ format: 'bitwarden_json', content, filePassword });
    expect(preview).toMatchObject({
      needsFilePassword: false,
      itemCount: 4,
      byKind: { bankAccount: 2, driversLicense: 1, passport: 1 },
    });
    await client.importVault({ format: 'bitwarden_json', content, filePassword });
    const after = await readVault(client);
    expect(comparable(after.items, after.folders)).toEqual(
      comparable(before.items, before.folders),
    );
    expect(after.items.find((i) => i.name === 'Old account')?.archivedDate).toBe(
      before.items.find((i) => i.name === 'Old account')?.archivedDate,
    );
  });

  it('are verified as the same by Verify backup, and survive a key rotation whole', async () => {
    const { client, downloads } = await createUnlockedBackground();
    for (const draft of NEW_KIND_DRAFTS) await client.saveItem({ item: draft });
    const archived = await client.saveItem({
      item: { ...NEW_KIND_DRAFTS[2]!, name: 'Old passport' },
    });
    await client.setItemArchived({ id: archived.id, archived: true });
    const before = await readVault(client);
    await client.exportVault({ format: 'json', masterPassword: TEST_PASSWORD });
    expect(await client.verifyBackup({ content: downloads.files[0]!.text })).toMatchObject({
      readable: true,
      itemCount: 4,
      diff: { same: 4, changed: [] },
    });

    await client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    const after = await readVault(client);
    expect(comparable(after.items, after.folders)).toEqual(
      comparable(before.items, before.folders),
    );
  });

  it('leaves them out of a .csv, as Bitwarden does', async () => {
    const { client, downloads } = await createUnlockedBackground();
    for (const draft of NEW_KIND_DRAFTS) await client.saveItem({ item: draft });
    await client.exportVault({ format: 'csv', masterPassword: TEST_PASSWORD });
    expect(downloads.files[0]!.text.trim().split('\n')).toHaveLength(1);
  });
});

function fileWith(items: unknown[]): string {
  return JSON.stringify({ encrypted: false, folders: [], items });
}

const SSH = {
  type: 5,
  name: 'Server',
  sshKey: { privateKey: 'PRIVATE', publicKey: 'ssh-ed25519 AAAA' },
};

describe('reading Bitwarden files', () => {
  it('takes an SSH key fingerprint spelled keyFingerprint or fingerprint', async () => {
    for (const spelling of ['keyFingerprint', 'fingerprint']) {
      await freshExtensionState();
      const { client } = await createUnlockedBackground();
      const content = fileWith([{ ...SSH, sshKey: { ...SSH.sshKey, [spelling]: 'SHA256:abc' } }]);
      await client.importVault({ format: 'bitwarden_json', content });
      const [item] = (await readVault(client)).items;
      expect(item).toMatchObject({ type: 5, sshKey: { keyFingerprint: 'SHA256:abc' } });
    }
  });

  it.each([
    ['a part that is not an object', { type: 6, name: 'B', bankAccount: 'x' }, 'bankAccount'],
    [
      'a value that is not text',
      { type: 7, name: 'L', driversLicense: { licenseNumber: true } },
      'driversLicense.licenseNumber',
    ],
    [
      'a value that is a list',
      { type: 8, name: 'P', passport: { surname: ['Mustermann'] } },
      'passport.surname',
    ],
  ])('refuses %s where it is, and writes nothing', async (_what, bad, field) => {
    const { client } = await createUnlockedBackground();
    const before = await snapshotDatabase();
    const content = fileWith([{ type: 2, name: 'fine', secureNote: { type: 0 } }, bad]);
    await expect(client.importVault({ format: 'bitwarden_json', content })).rejects.toMatchObject({
      code: 'ERR_INVALID_FILE',
      place: { item: 2 },
      field,
    });
    expect(await snapshotDatabase()).toBe(before);
  });
});
