/**
 * Reading and changing the vault's preferences, and what they start (clearing the clipboard).
 * The dispatcher has checked each setting is one of its choices (param-shapes.ts); the reminder's
 * number of days is a value, checked here.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { BACKUP_REMINDER_DAYS } from '@/src/vault/policy';
import type { VaultSettings } from '@/src/vault/settings';
import type { BackgroundContext } from './context';

export function createSettingsHandlers(ctx: BackgroundContext) {
  return {
    getSettings: (): Promise<VaultSettings> => ctx.store.getSettings(),

    async updateSettings(params: Partial<VaultSettings>): Promise<VaultSettings> {
      const days = params.backupReminderDays;
      const [minDays, maxDays] = BACKUP_REMINDER_DAYS;
      if (
        days !== undefined &&
        days !== null &&
        (!Number.isInteger(days) || days < minDays || days > maxDays)
      ) {
        throw new CofferError('errReminderDays', {
          field: 'backupReminderDays',
        });
      }
      const next = { ...(await ctx.store.getSettings()) };
      if (params.vaultTimeout !== undefined) next.vaultTimeout = params.vaultTimeout;
      if (days !== undefined) next.backupReminderDays = days;
      if (params.autoBackup !== undefined) next.autoBackup = params.autoBackup;
      if (params.autoBackupAttachments !== undefined) {
        next.autoBackupAttachments = params.autoBackupAttachments;
      }
      if (params.clearClipboard !== undefined) next.clearClipboard = params.clearClipboard;
      await ctx.store.putSettings(next);
      await ctx.timeout.reschedule();
      return next;
    },

    async clipboardCopied(params: { hash: string }): Promise<null> {
      await ctx.clipboard.copied(params.hash);
      return null;
    },
  };
}
