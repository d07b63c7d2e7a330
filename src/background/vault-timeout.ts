/**
 * Locks the vault after the chosen time without interaction with Coffer (ui.md, Vault timeout).
 * Minutes use an alarm that every request pushes back; "immediately" locks when the last popup
 * closes. The count of open popups lives in the worker's memory, which a stopped worker loses:
 * popups reconnect their port when the worker goes away (popup-port.ts), and a worker that
 * starts with the vault unlocked and no popup connecting within a moment locks at once, so
 * "immediately" holds across restarts. "On browser restart" and "never" set no timer (the key lives in storage.session, which
 * a browser restart empties either way: Coffer never keeps the key on disk).
 */
import { browser } from 'wxt/browser';
import type { VaultSettings } from '@/src/vault/settings';

export const VAULT_TIMEOUT_ALARM = 'coffer-vault-timeout';

/** Time a starting worker gives open popups to reconnect (they do so at once; this is slack). */
export const POPUP_RECONNECT_GRACE_MS = 2_000;

export interface VaultTimeout {
  /** Called on every interaction: restarts the countdown. */
  touch(): Promise<void>;
  /** Called when a popup closes. */
  popupClosed(openPopups: number): Promise<void>;
  /**
   * Called when the worker starts: with "immediately" chosen, an unlocked vault that no popup
   * claims within POPUP_RECONNECT_GRACE_MS is locked.
   */
  started(openPopups: () => number): void;
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

/** Interactions closer together than this move the timeout's alarm once. */
export const TOUCH_COALESCE_MS = 5_000;

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
  const lockIfNoPopup = async (openPopups: number) => {
    if (openPopups > 0) return;
    const { vaultTimeout } = await deps.getSettings();
    if (vaultTimeout === 'immediately' && (await deps.isUnlocked())) await deps.lock();
  };
  /** The last touch's rescheduling, while later touches may lean on it. */
  let lastTouch: { at: number; done: Promise<void> } | null = null;
  return {
    touch() {
      // An opening popup asks five questions at once, and each would read the settings and set
      // the alarm again, in the worker the list's answer waits for. Touches this close together
      // move the alarm once: the vault locks at most TOUCH_COALESCE_MS sooner than it would.
      if (lastTouch && now() - lastTouch.at < TOUCH_COALESCE_MS) return lastTouch.done;
      const touch = { at: now(), done: schedule() };
      lastTouch = touch;
      touch.done.catch(() => {
        if (lastTouch === touch) lastTouch = null;
      });
      return touch.done;
    },
    reschedule() {
      lastTouch = null;
      return schedule();
    },
    popupClosed: lockIfNoPopup,
    started(openPopups) {
      setTimeout(() => void lockIfNoPopup(openPopups()), POPUP_RECONNECT_GRACE_MS);
    },
    async expire() {
      await deps.lock();
      await browser.alarms.clear(VAULT_TIMEOUT_ALARM);
    },
  };
}
