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

export interface VaultSettings {
  vaultTimeout: VaultTimeout;
  /** Days after the last export before Coffer reminds; null = never remind. */
  backupReminderDays: number | null;
  /** Write an account-restricted backup at unlock when one is due. Off by default. */
  autoBackup: boolean;
}

export const DEFAULT_SETTINGS: VaultSettings = {
  vaultTimeout: 15,
  backupReminderDays: 30,
  autoBackup: false,
};

export function isVaultTimeout(value: unknown): value is VaultTimeout {
  return VAULT_TIMEOUTS.includes(value as VaultTimeout);
}
