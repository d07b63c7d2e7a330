/** Peak memory while a task runs, sampled every millisecond (never used by tests). */

export interface MemoryPeak {
  /** JS heap plus ArrayBuffers (where file text, WebCrypto and WASM output live). */
  heapBytes: number;
  /** Resident set: everything, WebAssembly memory included (the SDK's lives there). */
  rssBytes: number;
}

export async function measurePeak<T>(
  task: () => Promise<T>,
): Promise<{ result: T; peak: MemoryPeak }> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage();
  const peak = { heap: start.heapUsed + start.arrayBuffers, rss: start.rss };
  const sample = () => {
    const m = process.memoryUsage();
    peak.heap = Math.max(peak.heap, m.heapUsed + m.arrayBuffers);
    peak.rss = Math.max(peak.rss, m.rss);
  };
  const timer = setInterval(sample, 1);
  try {
    const result = await task();
    sample();
    return {
      result,
      peak: {
        heapBytes: peak.heap - (start.heapUsed + start.arrayBuffers),
        rssBytes: peak.rss - start.rss,
      },
    };
  } finally {
    clearInterval(timer);
  }
}
