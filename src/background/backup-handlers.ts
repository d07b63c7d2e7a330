/**
 * Keeping backups restorable: where they stand (the reminder, and account-restricted backups a
 * rotation made undecryptable), the toolbar badge, and Tools → Verify backup, which reads a
 * backup as an import would and compares it with the vault, its attachments too, without writing
 * anything.
 */
import { decryptFolders, decryptItems } from '@/src/formats/encrypted-item';
import type { BackupStatus, VerifyRequest, VerifyResult } from '@/src/protocol/vault-api';
import { errorData } from '@/src/protocol/envelope';
import { compareBackup } from '@/src/vault/backup-diff';
import { backupReminder, undecryptableBackups } from '@/src/vault/backup-reminder';
import type { BackgroundContext } from './context';
import { requireAccount } from './master-password';
import { readBackupFile } from './read-backup-file';
import { verifyAttachments } from './verify-attachments';

export async function backupStatus(ctx: BackgroundContext): Promise<BackupStatus> {
  const [account, backups, settings, hasItems] = await Promise.all([
    requireAccount(ctx),
    ctx.store.listBackups(),
    ctx.store.getSettings(),
    ctx.store.hasItems(),
  ]);
  const entries = backups.map(({ seq: _seq, ...entry }) => entry);
  const lastExport = entries.at(-1) ?? null;
  const reminder = backupReminder({
    lastExport,
    accountCreatedAt: account.createdAt,
    keyGeneration: account.keyGeneration,
    reminderDays: settings.backupReminderDays,
    hasItems,
    now: ctx.now(),
  });
  return {
    lastExport,
    ...reminder,
    reminderDays: settings.backupReminderDays,
    keyGeneration: account.keyGeneration,
    keyCreatedAt: account.keyCreatedAt,
    undecryptable: undecryptableBackups(entries, account.keyGeneration).reverse(),
  };
}

/** Shows on the toolbar icon whether a backup is due; no account, no badge. */
export async function refreshBackupBadge(ctx: BackgroundContext): Promise<void> {
  const due = (await ctx.store.getAccount()) ? (await backupStatus(ctx)).due : false;
  await ctx.badge.showBackupDue(due);
}

export function createBackupHandlers(ctx: BackgroundContext) {
  return {
    getBackupStatus: () => backupStatus(ctx),

    async verifyBackup(params: VerifyRequest): Promise<VerifyResult> {
      const key = await ctx.session.requireKey();
      const file = await readBackupFile(ctx, params, key);
      if (file.state === 'needsFilePassword') return { needsFilePassword: true };
      // Read: the upload is done with (verifying again sends the file again).
      if (params.uploadId !== undefined) ctx.uploads.import.drop(params.uploadId);
      if (file.state === 'unreadable') {
        return {
          needsFilePassword: false,
          fileKind: file.fileKind,
          readable: false,
          reason: errorData(file.error),
        };
      }
      const [items, folders] = await Promise.all([
        ctx.store.listItems().then((records) => decryptItems(records, key)),
        ctx.store.listFolders().then((records) => decryptFolders(records, key)),
      ]);
      const { diff, matches } = compareBackup(file.parsed, { items, folders });
      if (file.holdsAttachments) {
        diff.attachments = await verifyAttachments(ctx, key, file.parsed, matches);
      } else {
        const inVault = (await ctx.store.listAllAttachments()).length;
        if (inVault > 0) diff.attachments = { held: false, inVault };
      }
      return {
        needsFilePassword: false,
        fileKind: file.fileKind,
        readable: true,
        itemCount: file.parsed.items.length,
        folderCount: file.parsed.folders.length,
        diff,
      };
    },
  };
}
