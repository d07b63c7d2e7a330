/**
 * Whether a backup is due: the last export is older than the chosen number of days, or there is
 * none since the account was made, or the last one was account restricted under a key that has
 * since been rotated (so it can no longer be decrypted). An empty vault has nothing to lose.
 */
import type { BackupEntry } from './backup-entry';

const DAY_MS = 24 * 60 * 60 * 1000;

export type ReminderReason = 'never' | 'old' | 'undecryptable';

export interface BackupReminder {
  due: boolean;
  reason: ReminderReason | null;
  /** Whole days since the last export, or since the account was made when there is none. */
  daysSince: number;
}

export interface ReminderInput {
  lastExport: BackupEntry | null;
  accountCreatedAt: string;
  keyGeneration: number;
  reminderDays: number | null;
  /** An empty vault has nothing to back up. */
  hasItems: boolean;
  now: Date;
}

export function backupReminder(input: ReminderInput): BackupReminder {
  const since = input.lastExport?.date ?? input.accountCreatedAt;
  const daysSince = Math.max(0, Math.floor((input.now.getTime() - Date.parse(since)) / DAY_MS));
  const reason = reminderReason(input, daysSince);
  return { due: reason !== null, reason, daysSince };
}

function reminderReason(input: ReminderInput, daysSince: number): ReminderReason | null {
  if (input.reminderDays === null || !input.hasItems) return null;
  const last = input.lastExport;
  if (last?.kind === 'account' && last.keyGeneration < input.keyGeneration) return 'undecryptable';
  if (daysSince < input.reminderDays) return null;
  return last ? 'old' : 'never';
}

/**
 * Account-restricted backups made under a key generation before `keyGeneration`: they can no
 * longer be decrypted by this account.
 */
export function undecryptableBackups(backups: BackupEntry[], keyGeneration: number): BackupEntry[] {
  return backups.filter((b) => b.kind === 'account' && b.keyGeneration < keyGeneration);
}
