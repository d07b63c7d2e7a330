/** When the popup says a backup is due, and why. */
import { describe, expect, it } from 'vitest';
import type { BackupEntry } from '@/src/vault/backup-entry';
import type { FileProtection } from '@/src/vault/file-protection';
import {
  backupReminder,
  undecryptableBackups,
  type ReminderInput,
} from '@/src/vault/backup-reminder';

const NOW = new Date('2024-06-15T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

function backup(date: string, kind: FileProtection = 'password', keyGeneration = 1): BackupEntry {
  return {
    date,
    fileName: 'coffer_export.json',
    format: kind === 'plain' ? 'json' : 'encrypted_json',
    kind,
    itemCount: 3,
    folderCount: 0,
    keyGeneration,
  };
}

function input(extra: Partial<ReminderInput>): ReminderInput {
  return {
    lastExport: null,
    accountCreatedAt: ago(100 * DAY),
    keyGeneration: 1,
    reminderDays: 7,
    hasItems: true,
    now: NOW,
    ...extra,
  };
}

describe('backupReminder', () => {
  it('is due, as never made, when no backup exists and the account is older than the interval', () => {
    expect(backupReminder(input({ accountCreatedAt: ago(10 * DAY) }))).toEqual({
      due: true,
      reason: 'never',
      daysSince: 10,
    });
  });

  it('is not due yet for an account younger than the interval', () => {
    expect(backupReminder(input({ accountCreatedAt: ago(3 * DAY) }))).toEqual({
      due: false,
      reason: null,
      daysSince: 3,
    });
  });

  it('is due, as old, from the day the last backup is as old as the interval', () => {
    expect(backupReminder(input({ lastExport: backup(ago(7 * DAY)) }))).toEqual({
      due: true,
      reason: 'old',
      daysSince: 7,
    });
  });

  it('counts whole days: a backup one minute short of 7 days is 6 days old and not due', () => {
    expect(backupReminder(input({ lastExport: backup(ago(7 * DAY - 60_000)) }))).toEqual({
      due: false,
      reason: null,
      daysSince: 6,
    });
  });

  it('counts from the last backup, not from when the account was made', () => {
    const result = backupReminder(
      input({ accountCreatedAt: ago(400 * DAY), lastExport: backup(ago(2 * DAY)) }),
    );
    expect(result).toEqual({ due: false, reason: null, daysSince: 2 });
  });

  it('is never due when reminders are off, however old the backup', () => {
    expect(backupReminder(input({ reminderDays: null, lastExport: null }))).toEqual({
      due: false,
      reason: null,
      daysSince: 100,
    });
    const undecryptable = backup(ago(DAY), 'account', 1);
    expect(
      backupReminder(input({ reminderDays: null, lastExport: undecryptable, keyGeneration: 2 })),
    ).toMatchObject({ due: false, reason: null });
  });

  it('is never due for an empty vault', () => {
    expect(backupReminder(input({ hasItems: false }))).toMatchObject({ due: false, reason: null });
  });

  it('is due at once when the last backup is account restricted under a key since rotated', () => {
    expect(
      backupReminder(input({ lastExport: backup(ago(DAY), 'account', 1), keyGeneration: 2 })),
    ).toEqual({ due: true, reason: 'undecryptable', daysSince: 1 });
  });

  it('is not due for a recent account-restricted backup under the current key', () => {
    expect(
      backupReminder(input({ lastExport: backup(ago(DAY), 'account', 2), keyGeneration: 2 })),
    ).toMatchObject({ due: false, reason: null });
  });

  it.each<FileProtection>(['password', 'plain'])(
    'is not due for a recent %s backup made before a key rotation',
    (kind) => {
      expect(
        backupReminder(input({ lastExport: backup(ago(DAY), kind, 1), keyGeneration: 3 })),
      ).toMatchObject({ due: false, reason: null });
    },
  );

  it('counts a backup dated in the future as 0 days old', () => {
    expect(backupReminder(input({ lastExport: backup(ago(-5 * DAY)) })).daysSince).toBe(0);
  });
});

describe('undecryptableBackups', () => {
  it('lists the account-restricted backups made under an older key, in their order', () => {
    const oldest = backup(ago(30 * DAY), 'account', 1);
    const older = backup(ago(20 * DAY), 'account', 2);
    const backups = [
      oldest,
      backup(ago(25 * DAY), 'password', 1),
      backup(ago(24 * DAY), 'plain', 1),
      older,
      backup(ago(DAY), 'account', 3),
    ];
    expect(undecryptableBackups(backups, 3)).toEqual([oldest, older]);
    expect(undecryptableBackups(backups, 1)).toEqual([]);
  });
});
