/** Reading and changing the vault's preferences, and what they start (clearing the clipboard). */
import { CofferError } from '@/src/errors/coffer-error';
import { BACKUP_REMINDER_DAYS } from '@/src/vault/policy';
import { isClearClipboard, isVaultTimeout, type VaultSettings } from '@/src/vault/settings';
import type { BackgroundContext } from './context';

export function createSettingsHandlers(ctx: BackgroundContext) {
  return {
    getSettings: (): Promise<VaultSettings> => ctx.store.getSettings(),

    async updateSettings(params: Partial<VaultSettings>): Promise<VaultSettings> {
      const current = await ctx.store.getSettings();
      const next = { ...current };
      if (params?.vaultTimeout !== undefined) {
        if (!isVaultTimeout(params.vaultTimeout)) {
          throw new CofferError('ERR_INVALID_INPUT', 'errUnknownVaultTimeout', {
            field: 'vaultTimeout',
          });
        }
        next.vaultTimeout = params.vaultTimeout;
      }
      if (params?.backupReminderDays !== undefined) {
        const days = params.backupReminderDays;
        const [minDays, maxDays] = BACKUP_REMINDER_DAYS;
        if (days !== null && (!Number.isInteger(days) || days < minDays || days > maxDays)) {
          throw new CofferError('ERR_INVALID_INPUT', 'errReminderDays', {
            field: 'backupReminderDays',
          });
        }
        next.backupReminderDays = days;
      }
      if (params?.autoBackup !== undefined) {
        if (typeof params.autoBackup !== 'boolean') {
          throw new CofferError('ERR_INVALID_INPUT', 'errAutoBackupFlag', {
            field: 'autoBackup',
          });
        }
        next.autoBackup = params.autoBackup;
      }
      if (params?.clearClipboard !== undefined) {
        if (!isClearClipboard(params.clearClipboard)) {
          throw new CofferError('ERR_INVALID_INPUT', 'errUnknownClearClipboard', {
            field: 'clearClipboard',
          });
        }
        next.clearClipboard = params.clearClipboard;
      }
      await ctx.store.putSettings(next);
      await ctx.timeout.reschedule();
      return next;
    },

    async clipboardCopied(params: { hash: string }): Promise<null> {
      await ctx.clipboard.copied(params?.hash);
      return null;
    },
  };
}
