/**
 * Keeping backups restorable (issue #7): the reminder and its badge, the automatic backup at
 * unlock, and Verify backup, which reads a backup and compares it with the vault.
 */
import { describe, expect, it, vi } from 'vitest';
import { toBase64 } from '@/src/crypto/bytes';
import { readArchiveHeader } from '@/src/formats/encrypted-archive-reader';
import { bytesSource } from '@/src/formats/encrypted-archive-stream';
import type { ExportRequest, VaultClient } from '@/src/protocol/vault-api';
import { attach, expectSameBytes, fileBytes } from '../helpers/attachments';
import { TEST_EMAIL, TEST_KDF, TEST_PASSWORD, createTestBackground } from '../helpers/background';
import { trackBackgroundWork } from '../helpers/background-work';
import { readArchive } from '../helpers/encrypted-archive';
import { sampleDrafts } from '../helpers/items';
import { snapshotDatabase } from '../helpers/vault-snapshot';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

const DAY = 24 * 60 * 60 * 1000;

/**
 * A vault with a clock the test moves forward, and a way to wait for what the background does
 * on its own (the automatic backup after an unlock).
 */
async function vaultWithClock(items = 3) {
  let now = Date.parse('2026-03-01T09:00:00.000Z');
  const background = await createTestBackground({ now: () => new Date(now) });
  await background.client.createAccount({
    email: TEST_EMAIL,
    masterPassword: TEST_PASSWORD,
    kdf: TEST_KDF,
  });
  for (const draft of sampleDrafts().slice(0, items))
    await background.client.saveItem({ item: draft });
  const work = trackBackgroundWork(background.ctx);
  return {
    ...background,
    settled: work.settled,
    passDays(days: number) {
      now += days * DAY;
    },
  };
}

const accountExport: ExportRequest = {
  format: 'encrypted_json',
  mode: 'account',
  masterPassword: TEST_PASSWORD,
};

describe('the backup reminder', () => {
  it('falls due when the last export is older than the chosen days; the badge follows', async () => {
    const vault = await vaultWithClock();
    expect(await vault.client.getBackupStatus()).toMatchObject({
      due: false,
      daysSince: 0,
      reminderDays: 30,
      lastExport: null,
    });
    vault.passDays(30);
    expect(await vault.client.getBackupStatus()).toMatchObject({ due: true, reason: 'never' });
    await vault.client.exportVault(accountExport);
    await expect.poll(() => vault.badge.at(-1)).toBe(false);
    vault.passDays(29);
    expect(await vault.client.getBackupStatus()).toMatchObject({ due: false, daysSince: 29 });
    vault.passDays(1);
    expect(await vault.client.getBackupStatus()).toMatchObject({ due: true, reason: 'old' });
    await vault.client.lock();
    await vault.client.unlock({ masterPassword: TEST_PASSWORD });
    await expect.poll(() => vault.badge.at(-1)).toBe(true);
  });

  it('follows the chosen number of days, and "never" never reminds', async () => {
    const vault = await vaultWithClock();
    await vault.client.updateSettings({ backupReminderDays: 7 });
    vault.passDays(7);
    expect((await vault.client.getBackupStatus()).due).toBe(true);
    await vault.client.updateSettings({ backupReminderDays: null });
    expect((await vault.client.getBackupStatus()).due).toBe(false);
    await expect.poll(() => vault.badge.at(-1)).toBe(false);
    await expect(vault.client.updateSettings({ backupReminderDays: 0 })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
  });

  it('does not nag about an empty vault', async () => {
    const vault = await vaultWithClock(0);
    vault.passDays(400);
    expect((await vault.client.getBackupStatus()).due).toBe(false);
  });
});

describe('the automatic backup', () => {
  it('does not hold up reading the vault while it is written; a change waits for it', async () => {
    const vault = await vaultWithClock();
    await vault.client.updateSettings({ autoBackup: true });
    vault.passDays(31);
    await vault.client.lock();
    // The backup's file is held at the door until the test lets it through.
    let letThrough!: () => void;
    const door = new Promise<void>((resolve) => (letThrough = resolve));
    const save = vault.downloads.save.bind(vault.downloads);
    let saving = false;
    vault.downloads.save = async (file) => {
      saving = true;
      await door;
      return save(file);
    };
    await vault.client.unlock({ masterPassword: TEST_PASSWORD });
    await vi.waitFor(() => expect(saving).toBe(true));
    const held = new Promise<'held'>((resolve) => setTimeout(() => resolve('held'), 2_000));
    const read = (call: Promise<unknown>) => Promise.race([call, held]);
    const all = { search: '', folder: 'all' };
    expect(
      await read(vault.client.queryVault({ filter: all, offset: 0, limit: 10 })),
    ).toMatchObject({ total: 3 });
    const [first] = (await vault.client.queryVault({ filter: all, offset: 0, limit: 1 })).items;
    expect(await read(vault.client.getItem({ id: first!.id }))).toMatchObject({ id: first!.id });
    expect(await read(vault.client.listFolders())).toEqual([]);
    // A change to the vault waits for the backup: the file holds the vault as it was.
    let changed = false;
    const change = vault.client
      .saveItem({ item: { ...sampleDrafts()[0]!, name: 'after the backup' } })
      .then(() => (changed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(changed).toBe(false);
    letThrough();
    await change;
    await vault.settled();
    expect(vault.downloads.files).toHaveLength(1);
    expect(vault.downloads.files[0]!.text).not.toContain('after the backup');
  });

  it('is off by default: an unlock with a backup due writes nothing', async () => {
    const vault = await vaultWithClock();
    vault.passDays(31);
    await vault.client.lock();
    await vault.client.unlock({ masterPassword: TEST_PASSWORD });
    // The unlock's automatic-backup check has run to its end.
    await vault.settled();
    expect(vault.downloads.files).toEqual([]);
  });

  it('when on and due, the next unlock writes an account-restricted export to Coffer/', async () => {
    const vault = await vaultWithClock();
    await vault.client.updateSettings({ autoBackup: true });
    await vault.client.lock();
    await vault.client.unlock({ masterPassword: TEST_PASSWORD });
    await vault.settled();
    expect(vault.downloads.files).toEqual([]); // not due yet

    vault.passDays(31);
    await vault.client.lock();
    await vault.client.unlock({ masterPassword: TEST_PASSWORD });
    // The same wait sees the backup through: it would have seen one above.
    await vault.settled();
    expect(vault.downloads.files).toHaveLength(1);
    const file = vault.downloads.files[0]!;
    expect(file.folder).toBe('Coffer');
    expect(file.fileName).toMatch(/^coffer_encrypted_export_\d{14}\.json$/);
    expect(JSON.parse(file.text)).toMatchObject({ encrypted: true });
    await expect.poll(async () => (await vault.client.getBackupStatus()).due).toBe(false);
    expect((await vault.client.getBackupStatus()).lastExport).toMatchObject({
      kind: 'account',
      automatic: true,
      itemCount: 3,
    });
    // What it wrote is a real backup of this vault.
    expect(await vault.client.verifyBackup({ content: file.text })).toMatchObject({
      readable: true,
      itemCount: 3,
      diff: { same: 3, changed: [] },
    });
  });
});

/** Sends a backup file as Import Data does: an upload for an import, in one piece. */
async function importUpload(client: VaultClient, bytes: Uint8Array): Promise<string> {
  const { uploadId } = await client.beginUpload({ size: bytes.length, purpose: 'import' });
  await client.uploadChunk({ uploadId, offset: 0, base64: toBase64(bytes) });
  return uploadId;
}

describe('the automatic backup with attachments', () => {
  /** A vault whose automatic backup is due at the next unlock, with two attachments. */
  async function dueVaultWithAttachments(autoBackupAttachments?: boolean) {
    const vault = await vaultWithClock();
    const { items } = await vault.client.listVault();
    const scan = fileBytes(3000);
    const codes = fileBytes(10, 7);
    await attach(vault.client, items[0]!.id, 'scan.pdf', scan);
    await attach(vault.client, items[1]!.id, 'codes.txt', codes);
    // Left out: the setting's default.
    await vault.client.updateSettings({
      autoBackup: true,
      ...(autoBackupAttachments !== undefined && { autoBackupAttachments }),
    });
    vault.passDays(31);
    await vault.client.lock();
    await vault.client.unlock({ masterPassword: TEST_PASSWORD });
    await vault.settled();
    return { vault, items, scan, codes };
  }

  it('is the encrypted archive under the account key, attachments and all, in Coffer/', async () => {
    const { vault, items, scan, codes } = await dueVaultWithAttachments(true);
    expect(vault.downloads.files).toHaveLength(1);
    const file = vault.downloads.files[0]!;
    expect(file.folder).toBe('Coffer');
    expect(file.fileName).toMatch(/^coffer_encrypted_export_\d{14}\.coffer$/);
    expect(file.content.kind).toBe('bytes');
    const bytes = file.content.kind === 'bytes' ? file.content.bytes : new Uint8Array();
    expect((await readArchiveHeader(bytesSource(bytes))).keySource).toEqual({ kind: 'account' });

    // The session's account key opens it: no file password exists.
    const read = await readArchive(bytes, { accountKey: await vault.ctx.session.requireKey() });
    expect((JSON.parse(read.data) as { items: unknown[] }).items).toHaveLength(3);
    expect(read.attachments.map((a) => [a.itemId, a.fileName])).toEqual(
      expect.arrayContaining([
        [items[0]!.id, 'scan.pdf'],
        [items[1]!.id, 'codes.txt'],
      ]),
    );
    expectSameBytes(read.attachments.find((a) => a.fileName === 'scan.pdf')!.content, scan);
    expectSameBytes(read.attachments.find((a) => a.fileName === 'codes.txt')!.content, codes);

    const status = await vault.client.getBackupStatus();
    expect(status.due).toBe(false);
    expect(status.lastExport).toMatchObject({
      fileName: file.fileName,
      format: 'encrypted_zip',
      kind: 'account',
      automatic: true,
      itemCount: 3,
      keyGeneration: 1,
    });
    // Import Data reads it back in this account, without a file password.
    const uploadId = await importUpload(vault.client, bytes);
    expect(await vault.client.previewImport({ format: 'coffer_zip', uploadId })).toMatchObject({
      needsFilePassword: false,
      fileKind: 'account',
      itemCount: 3,
      attachments: { count: 2, inVault: 2 },
    });
  });

  it('is off by default, and while off the backup stays the account-restricted .json', async () => {
    const { vault } = await dueVaultWithAttachments();
    expect((await vault.client.getSettings()).autoBackupAttachments).toBe(false);
    expect(vault.downloads.files).toHaveLength(1);
    const file = vault.downloads.files[0]!;
    expect(file.fileName).toMatch(/^coffer_encrypted_export_\d{14}\.json$/);
    expect(JSON.parse(file.text)).toMatchObject({ encrypted: true });
    expect((await vault.client.getBackupStatus()).lastExport).toMatchObject({
      format: 'encrypted_json',
      kind: 'account',
      automatic: true,
    });
  });

  it('dies with a key rotation like the account-restricted .json, and says so', async () => {
    const { vault } = await dueVaultWithAttachments(true);
    const old = vault.downloads.files[0]!;
    const oldBytes = old.content.kind === 'bytes' ? old.content.bytes : new Uint8Array();
    const rotation = await vault.client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    expect(rotation.undecryptableBackups).toEqual([
      expect.objectContaining({ fileName: old.fileName, format: 'encrypted_zip', kind: 'account' }),
    ]);
    const status = await vault.client.getBackupStatus();
    expect(status).toMatchObject({ due: true, reason: 'undecryptable' });
    expect(status.undecryptable.map((b) => b.fileName)).toEqual([old.fileName]);

    const uploadId = await importUpload(vault.client, oldBytes);
    const before = await snapshotDatabase();
    await expect(
      vault.client.previewImport({ format: 'coffer_zip', uploadId }),
    ).rejects.toMatchObject({
      code: 'ERR_DIFFERENT_ACCOUNT_KEY',
      message: expect.stringContaining('the account key was rotated after export'),
    });
    await expect(
      vault.client.importVault({ format: 'coffer_zip', uploadId }),
    ).rejects.toMatchObject({ key: 'errDifferentAccountKey' });
    expect(await snapshotDatabase()).toBe(before);

    // The next automatic backup is under the new key, and opens again.
    await vault.client.lock();
    await vault.client.unlock({ masterPassword: TEST_PASSWORD });
    await vault.settled();
    expect(vault.downloads.files).toHaveLength(2);
    const fresh = vault.downloads.files[1]!;
    const freshBytes = fresh.content.kind === 'bytes' ? fresh.content.bytes : new Uint8Array();
    const read = await readArchive(freshBytes, {
      accountKey: await vault.ctx.session.requireKey(),
    });
    expect(read.attachments).toHaveLength(2);
    expect((await vault.client.getBackupStatus()).lastExport).toMatchObject({ keyGeneration: 2 });
  });
});

describe('Verify backup', () => {
  it('says a backup matches the vault, then how the vault has moved on', async () => {
    const vault = await vaultWithClock();
    await vault.client.exportVault({ format: 'json', masterPassword: TEST_PASSWORD });
    const backup = vault.downloads.files.at(-1)!.text;
    expect(await vault.client.verifyBackup({ content: backup })).toEqual({
      needsFilePassword: false,
      fileKind: 'plain',
      readable: true,
      itemCount: 3,
      folderCount: 0,
      diff: { same: 3, onlyInFile: [], onlyInVault: [], changed: [] },
    });

    const listing = await vault.client.listVault();
    const first = await vault.client.getItem({ id: listing.items[0]!.id });
    await vault.client.saveItem({ item: { ...first, notes: 'edited after the backup' } });
    await vault.client.deleteItem({ id: listing.items[1]!.id });
    await vault.client.saveItem({ item: sampleDrafts('NEW')[3]! });
    const snapshot = await snapshotDatabase();
    const result = await vault.client.verifyBackup({ content: backup });
    expect(result).toMatchObject({
      readable: true,
      diff: {
        same: 1,
        changed: [first.name],
        onlyInFile: [listing.items[1]!.name],
        onlyInVault: ['NEW-identity-name'],
      },
    });
    // Verifying never writes.
    expect(await snapshotDatabase()).toBe(snapshot);
  });

  it('asks for a password-protected backup’s file password and refuses a wrong one', async () => {
    const vault = await vaultWithClock();
    await vault.client.exportVault({
      format: 'encrypted_json',
      mode: 'password',
      masterPassword: TEST_PASSWORD,
      filePassword: 'file password 1',
    });
    const content = vault.downloads.files.at(-1)!.text;
    expect(await vault.client.verifyBackup({ content })).toEqual({ needsFilePassword: true });
    await expect(
      vault.client.verifyBackup({ content, filePassword: 'not it at all' }),
    ).rejects.toMatchObject({ code: 'ERR_WRONG_FILE_PASSWORD' });
    expect(
      await vault.client.verifyBackup({ content, filePassword: 'file password 1' }),
    ).toMatchObject({ fileKind: 'password', readable: true, diff: { same: 3 } });
  });

  it('tells that an account-restricted backup made before a rotation cannot be decrypted', async () => {
    const vault = await vaultWithClock();
    await vault.client.exportVault(accountExport);
    const old = vault.downloads.files.at(-1)!.text;
    await vault.client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    expect(await vault.client.verifyBackup({ content: old })).toMatchObject({
      needsFilePassword: false,
      fileKind: 'account',
      readable: false,
      reason: expect.objectContaining({
        key: 'errDifferentAccountKey',
        message: expect.stringContaining('different account key'),
      }),
    });
    await vault.client.exportVault(accountExport);
    const fresh = vault.downloads.files.at(-1)!.text;
    expect(await vault.client.verifyBackup({ content: fresh })).toMatchObject({
      readable: true,
      diff: { same: 3, onlyInFile: [], onlyInVault: [], changed: [] },
    });
  });

  it('refuses what is not a Bitwarden JSON backup with the import’s words', async () => {
    const vault = await vaultWithClock();
    await expect(vault.client.verifyBackup({ content: 'name,url\nx,y' })).rejects.toMatchObject({
      code: 'ERR_NOT_BITWARDEN_JSON',
    });
    await expect(vault.client.verifyBackup({ content: '' })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
  });
});

describe('a failed automatic backup', () => {
  it('logs only its error code, never the error itself', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const vault = await vaultWithClock();
      await vault.client.updateSettings({ autoBackup: true });
      vault.passDays(31);
      await vault.client.lock();
      vault.downloads.failNext = new Error('secret file text');
      await vault.client.unlock({ masterPassword: TEST_PASSWORD });
      await expect.poll(() => warn.mock.calls.length).toBe(1);
      expect(warn.mock.calls[0]).toEqual([
        'Coffer: the automatic backup failed:',
        expect.stringMatching(/^ERR_[A-Z_]+$/),
      ]);
      expect(JSON.stringify(warn.mock.calls)).not.toContain('secret');
    } finally {
      warn.mockRestore();
    }
  });
});
