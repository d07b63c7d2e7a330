/**
 * Peak memory while a task runs (never used by tests). Two figures:
 * - live: the largest heap + ArrayBuffer total seen right after a forced full GC, sampled every
 *   few milliseconds in a run of its own (the GCs slow it down, so it is not the timed run);
 *   garbage not yet collected does not count.
 * - rss: the resident set, everything included (WebAssembly memory too, where the SDK works).
 */

export interface MemoryPeak {
  liveBytes: number;
  rssBytes: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

export async function measurePeak<T>(
  task: () => Promise<T>,
): Promise<{ result: T; peak: MemoryPeak }> {
  if (!gc) throw new Error('Run the benchmark with --expose-gc');
  gc();
  const start = process.memoryUsage();
  const base = start.heapUsed + start.arrayBuffers;
  let live = base;
  let rss = start.rss;
  const sample = () => {
    gc();
    const m = process.memoryUsage();
    live = Math.max(live, m.heapUsed + m.arrayBuffers);
    rss = Math.max(rss, m.rss);
  };
  const timer = setInterval(sample, 2);
  try {
    const result = await task();
    sample();
    return { result, peak: { liveBytes: live - base, rssBytes: rss - start.rss } };
  } finally {
    clearInterval(timer);
  }
}
