/** Per-vault preferences. None is secret; they live and die with the vault. */

/** Minutes of inactivity, or one of the special choices (ui.md, Security → Vault timeout). */
export type VaultTimeout = 'immediately' | 1 | 5 | 15 | 30 | 60 | 240 | 'onRestart' | 'never';

export const VAULT_TIMEOUTS: readonly VaultTimeout[] = [
  'immediately',
  1,
  5,
  15,
  30,
  60,
  240,
  'onRestart',
  'never',
];

/**
 * Seconds after which a copied secret is cleared from the clipboard, or never. 30 s is the
 * default: long enough to paste into another window, short enough not to linger there.
 */
export type ClearClipboard = 10 | 20 | 30 | 60 | 120 | 300 | 'never';

export const CLEAR_CLIPBOARD_CHOICES: readonly ClearClipboard[] = [
  10,
  20,
  30,
  60,
  120,
  300,
  'never',
];

export interface VaultSettings {
  vaultTimeout: VaultTimeout;
  /** Days after the last export before Coffer reminds; null = never remind. */
  backupReminderDays: number | null;
  /** Write an account-restricted backup at unlock when one is due. Off by default. */
  autoBackup: boolean;
  /**
   * The automatic backup holds the attachments too: Coffer's encrypted archive under the account
   * key instead of the account-restricted .json. Off by default.
   */
  autoBackupAttachments: boolean;
  /** When copied secrets leave the clipboard again. */
  clearClipboard: ClearClipboard;
}

export const DEFAULT_SETTINGS: VaultSettings = {
  vaultTimeout: 15,
  backupReminderDays: 30,
  autoBackup: false,
  autoBackupAttachments: false,
  clearClipboard: 30,
};
