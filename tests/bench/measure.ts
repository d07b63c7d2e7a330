/** Timing and memory helpers for the benchmarks (never used by tests). */
import os from 'node:os';

export interface Row {
  [column: string]: string | number;
}

/**
 * Runs `fn` `runs` times after one warm-up and returns the median wall time in ms. `setup` runs
 * untimed before each run and hands `fn` what it made (a fresh account, say).
 */
export async function medianMs<T = void>(
  fn: (prepared: T) => unknown,
  runs = 5,
  setup?: () => Promise<T>,
): Promise<number> {
  const prepare = setup ?? (async () => undefined as T);
  await fn(await prepare());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const prepared = await prepare();
    const start = performance.now();
    await fn(prepared);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
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

/**
 * The vault sizes a section runs: those listed in the environment variable `variable`
 * (comma-separated, e.g. COFFER_BENCH_LIST_SIZES=10000), else 1,000 under COFFER_BENCH_SMALL=1,
 * else `full`.
 */
export function benchSizes(variable: string, full: number[]): number[] {
  const listed = process.env[variable];
  if (listed) return listed.split(',').map(Number);
  return process.env.COFFER_BENCH_SMALL === '1' ? [1_000] : full;
}
