/**
 * Waits for what a background started without the caller awaiting it: after an unlock, the
 * automatic backup's check (and the backup itself when one is due) and the badge's refresh run
 * on their own. A test that proves such work wrote nothing must wait until that work has ended,
 * not for a while.
 */
import type { BackgroundContext } from '@/src/background/context';

export interface BackgroundWork {
  /**
   * Resolves once nothing the background does is in flight: no store call and no queued vault
   * operation pending, through a whole turn of the event loop (so every continuation of the
   * last one has run, and anything it started is counted too).
   */
  settled(): Promise<void>;
}

/**
 * Counts, from now on, every call into `ctx.store` and every operation queued on
 * `ctx.exclusive` or `ctx.shared`. The handlers read both from `ctx` at each call, so they go through the count.
 */
export function trackBackgroundWork(ctx: BackgroundContext): BackgroundWork {
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(result: T): T => {
    if (result instanceof Promise) {
      inFlight.add(result);
      const forget = () => inFlight.delete(result);
      result.then(forget, forget);
    }
    return result;
  };

  const store = ctx.store as unknown as Record<string, unknown>;
  for (const [name, method] of Object.entries(store)) {
    if (typeof method !== 'function') continue;
    store[name] = (...args: unknown[]) => track(method.apply(ctx.store, args));
  }
  const { exclusive, shared } = ctx;
  ctx.exclusive = (operation) => track(exclusive(operation));
  ctx.shared = (operation) => track(shared(operation));

  return {
    async settled() {
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        if (inFlight.size === 0) return;
        await Promise.allSettled([...inFlight]);
      }
    },
  };
}
