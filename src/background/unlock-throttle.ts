/**
 * Slows down guessing of the master password: three free attempts, then a wait that doubles with
 * every further failure, up to five minutes. The count survives worker and browser restarts
 * (storage.local holds only a number and a time, nothing secret).
 */
import { browser } from 'wxt/browser';
import { CofferError } from '@/src/errors/coffer-error';

const STORAGE_KEY = 'coffer.unlockFailures';
const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 5 * 60_000;

interface FailureState {
  count: number;
  lastAt: number;
}

export interface UnlockThrottle {
  /** Throws ERR_TOO_MANY_ATTEMPTS while a wait is running. */
  check(): Promise<void>;
  recordFailure(): Promise<void>;
  recordSuccess(): Promise<void>;
}

function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
}

export function createUnlockThrottle(now: () => number = Date.now): UnlockThrottle {
  const read = async (): Promise<FailureState> => {
    const value = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY] as
      FailureState | undefined;
    return value ?? { count: 0, lastAt: 0 };
  };
  return {
    async check() {
      const state = await read();
      const waitMs = state.lastAt + delayAfter(state.count) - now();
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        throw new CofferError(seconds === 1 ? 'errTooManyAttemptsOne' : 'errTooManyAttempts', {
          args: [seconds],
        });
      }
    },
    async recordFailure() {
      const state = await read();
      await browser.storage.local.set({ [STORAGE_KEY]: { count: state.count + 1, lastAt: now() } });
    },
    async recordSuccess() {
      await browser.storage.local.remove(STORAGE_KEY);
    },
  };
}
