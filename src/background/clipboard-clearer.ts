/**
 * Clears a copied secret from the clipboard once the chosen delay has passed, even when the
 * popup that copied it has closed. What is pending (a hash and a time, never the text) lives in
 * `storage.session`: in memory only, and still there after the browser stops and restarts the
 * service worker. A timer clears on time while the worker runs; an alarm wakes a stopped worker
 * (Chrome fires alarms no sooner than 30 s, so for short delays the timer is the one that counts).
 */
import { browser } from 'wxt/browser';
import { CofferError } from '@/src/errors/coffer-error';
import { clearDue, isClipboardHash, isDue, type PendingClear } from '@/src/vault/clipboard-clear';
import type { VaultSettings } from '@/src/vault/settings';

export const CLIPBOARD_ALARM = 'coffer-clipboard-clear';
const STORAGE_KEY = 'coffer.clipboardClear';

/** Clears the clipboard if it still holds the pending secret (offscreen document or page). */
export interface ClipboardAccess {
  clearIfHolds(pending: PendingClear): Promise<void>;
}

export interface ClipboardClearer {
  /** The popup copied a secret whose SHA-256 is `hash`. */
  copied(hash: unknown): Promise<void>;
  /** The timer or the alarm fired: clears when due, re-arms when early. */
  run(): Promise<void>;
  /** The worker started: a clear still pending gets its timer back. */
  started(): Promise<void>;
}

export interface ClipboardClearerDeps {
  /** Undefined where the background has no way to the clipboard: nothing is scheduled. */
  clipboard: ClipboardAccess | undefined;
  getSettings(): Promise<VaultSettings>;
  now?: () => number;
  /** setTimeout, replaceable in tests; returns a function that cancels. */
  setTimer?: (run: () => void, ms: number) => () => void;
}

export function createClipboardClearer(deps: ClipboardClearerDeps): ClipboardClearer {
  const now = deps.now ?? Date.now;
  const setTimer =
    deps.setTimer ??
    ((run, ms) => {
      const id = setTimeout(run, ms);
      return () => clearTimeout(id);
    });
  let cancelTimer: (() => void) | undefined;

  const read = async (): Promise<PendingClear | undefined> =>
    (await browser.storage.session.get(STORAGE_KEY))[STORAGE_KEY] as PendingClear | undefined;

  const arm = async (pending: PendingClear) => {
    cancelTimer?.();
    cancelTimer = setTimer(() => void clearer.run(), Math.max(0, pending.due - now()));
    await browser.alarms.create(CLIPBOARD_ALARM, { when: pending.due });
  };

  const forget = async () => {
    cancelTimer?.();
    cancelTimer = undefined;
    await browser.storage.session.remove(STORAGE_KEY);
    await browser.alarms.clear(CLIPBOARD_ALARM);
  };

  const clearer: ClipboardClearer = {
    async copied(hash) {
      if (!isClipboardHash(hash)) throw new CofferError('errClipboardHash');
      if (!deps.clipboard) return;
      const { clearClipboard } = await deps.getSettings();
      const due = clearDue(now(), clearClipboard);
      // A new copy replaces what was on the clipboard, so an earlier pending clear is moot.
      if (due === null) return forget();
      const pending = { hash, due };
      await browser.storage.session.set({ [STORAGE_KEY]: pending });
      await arm(pending);
    },

    async run() {
      const pending = await read();
      if (!pending) return forget();
      if (!isDue(pending, now())) return arm(pending);
      // A copy made since the read above has its own clear pending: it is kept.
      const latest = await read();
      if (latest && (latest.hash !== pending.hash || latest.due !== pending.due)) return;
      await forget();
      try {
        await deps.clipboard?.clearIfHolds(pending);
      } catch (error) {
        // Nothing to retry with: the clipboard could not be reached (no offscreen document).
        console.warn('Coffer: could not clear the clipboard', error);
      }
    },

    async started() {
      const pending = await read();
      if (pending) await arm(pending);
    },
  };
  return clearer;
}
