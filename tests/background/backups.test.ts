/**
 * Keeping backups restorable (issue #7): the reminder and its badge, the automatic backup at
 * unlock, and Verify backup, which reads a backup and compares it with the vault.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ExportRequest } from '@/src/protocol/vault-api';
import { TEST_EMAIL, TEST_KDF, TEST_PASSWORD, createTestBackground } from '../helpers/background';
import { trackBackgroundWork } from '../helpers/background-work';
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
