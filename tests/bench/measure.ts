/** Timing and memory helpers for the benchmarks (never used by tests). */
import os from 'node:os';

export interface Row {
  task: string;
  [column: string]: string | number;
}

/** Runs `fn` `runs` times after one warm-up and returns the median wall time in ms. */
export async function medianMs(fn: () => unknown, runs = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Peak memory above the starting point while `fn` runs, sampled every millisecond: heap plus
 * ArrayBuffers (where WebCrypto and WASM output lives). Needs --expose-gc to be exact.
 */
export async function peakMemory<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; peakBytes: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = used();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
  }, 1);
  try {
    const result = await fn();
    peak = Math.max(peak, used());
    return { result, peakBytes: peak - base };
  } finally {
    clearInterval(timer);
  }
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`;
}

export function printTable(title: string, rows: Row[]): void {
  console.log(`\n## ${title}\n`);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : String(v ?? ''));
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`|${columns.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${columns.map((c) => cell(row[c])).join(' | ')} |`);
}

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

export function verdict(ok: boolean): string {
  return ok ? 'met' : 'NOT met';
}
