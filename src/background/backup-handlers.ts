/**
 * Keeping backups restorable: where they stand (the reminder, and account-restricted backups a
 * rotation made undecryptable), the toolbar badge, and Tools → Verify backup, which reads a
 * backup as an import would and compares it with the vault without writing anything.
 */
import { CofferError, isCofferError } from '@/src/errors/coffer-error';
import { decryptFolders, decryptItems } from '@/src/formats/encrypted-item';
import { readBitwardenFile, readBitwardenJson } from '@/src/formats/import-bitwarden-json';
import type { BackupStatus, VerifyRequest, VerifyResult } from '@/src/protocol/vault-api';
import { errorData } from '@/src/protocol/envelope';
import { diffBackup } from '@/src/vault/backup-diff';
import { backupReminder, undecryptableBackups } from '@/src/vault/backup-reminder';
import { MAX_IMPORT_FILE_BYTES } from '@/src/vault/policy';
import type { BackgroundContext } from './context';
import { requireAccount } from './master-password';

/** Failures that mean "this account cannot decrypt the file", as opposed to a bad request. */
const UNREADABLE = new Set(['ERR_DIFFERENT_ACCOUNT_KEY', 'ERR_DECRYPT_FAILED']);

export async function backupStatus(ctx: BackgroundContext): Promise<BackupStatus> {
  const [account, backups, settings, itemCount] = await Promise.all([
    requireAccount(ctx),
    ctx.store.listBackups(),
    ctx.store.getSettings(),
    ctx.store.countItems(),
  ]);
  const entries = backups.map(({ seq: _seq, ...entry }) => entry);
  const lastExport = entries.at(-1) ?? null;
  const reminder = backupReminder({
    lastExport,
    accountCreatedAt: account.createdAt,
    keyGeneration: account.keyGeneration,
    reminderDays: settings.backupReminderDays,
    itemCount,
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
      checkRequest(params);
      const importContext = { newId: ctx.newId, now: ctx.now().toISOString() };
      const read = readBitwardenJson(params.content);
      let file;
      try {
        file = await readBitwardenFile(read, params.filePassword, key, importContext);
      } catch (error) {
        if (!isCofferError(error) || !UNREADABLE.has(error.code)) throw error;
        return {
          needsFilePassword: false,
          fileKind: read.kind,
          readable: false,
          reason: errorData(error),
        };
      }
      if (!file) return { needsFilePassword: true };
      const [items, folders] = await Promise.all([
        ctx.store.listItems().then((records) => decryptItems(records, key)),
        ctx.store.listFolders().then((records) => decryptFolders(records, key)),
      ]);
      return {
        needsFilePassword: false,
        fileKind: file.fileKind,
        readable: true,
        itemCount: file.parsed.items.length,
        folderCount: file.parsed.folders.length,
        diff: diffBackup(file.parsed, { items, folders }),
      };
    },
  };
}

/** The file's text as a person chose it: not blank, not too large to read. */
function checkRequest(params: VerifyRequest): void {
  if (params.content.trim() === '') {
    throw new CofferError('errChooseBackupFile');
  }
  if (params.content.length > MAX_IMPORT_FILE_BYTES) {
    throw new CofferError('errFileTooLargeToRead', {
      args: [MAX_IMPORT_FILE_BYTES / 1024 / 1024],
    });
  }
}
