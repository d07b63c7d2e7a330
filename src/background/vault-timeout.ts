/**
 * Locks the vault after the chosen time without interaction with Coffer (ui.md, Vault timeout).
 * Minutes use an alarm that every request pushes back; "immediately" locks when the last popup
 * closes; "on browser restart" and "never" set no timer (the key lives in storage.session, which
 * a browser restart empties either way: Coffer never keeps the key on disk).
 */
import { browser } from 'wxt/browser';
import type { VaultSettings } from '@/src/vault/settings';

export const VAULT_TIMEOUT_ALARM = 'coffer-vault-timeout';

export interface VaultTimeout {
  /** Called on every interaction: restarts the countdown. */
  touch(): Promise<void>;
  /** Called when a popup closes. */
  popupClosed(openPopups: number): Promise<void>;
  /** Called when the alarm fires. */
  expire(): Promise<void>;
  /** Called when the setting changes or the vault locks or unlocks. */
  reschedule(): Promise<void>;
}

export interface VaultTimeoutDeps {
  getSettings(): Promise<VaultSettings>;
  isUnlocked(): Promise<boolean>;
  lock(): Promise<void>;
  now?: () => number;
}

export function createVaultTimeout(deps: VaultTimeoutDeps): VaultTimeout {
  const now = deps.now ?? Date.now;
  const schedule = async () => {
    const { vaultTimeout } = await deps.getSettings();
    if (typeof vaultTimeout === 'number' && (await deps.isUnlocked())) {
      await browser.alarms.create(VAULT_TIMEOUT_ALARM, { when: now() + vaultTimeout * 60_000 });
    } else {
      await browser.alarms.clear(VAULT_TIMEOUT_ALARM);
    }
  };
  return {
    touch: schedule,
    reschedule: schedule,
    async popupClosed(openPopups) {
      if (openPopups > 0) return;
      const { vaultTimeout } = await deps.getSettings();
      if (vaultTimeout === 'immediately') await deps.lock();
    },
    async expire() {
      await deps.lock();
      await browser.alarms.clear(VAULT_TIMEOUT_ALARM);
    },
  };
}
