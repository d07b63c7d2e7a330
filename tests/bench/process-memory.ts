/**
 * Peak resident memory of a Chromium started by the benchmarks, read from /proc (Linux): the
 * browser process (where Chrome keeps blobs) and the extension's renderer process (where the
 * service worker and the offscreen document run), sampled every 50 ms while a task runs.
 */
import fs from 'node:fs';

export interface ProcessPeaks {
  browserBytes: number;
  extensionBytes: number;
  totalBytes: number;
}

interface ProcessInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

function processes(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: the fields after it follow
      // the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      out.push({ pid: Number(name), ppid, cmdline });
    } catch {
      // The process ended while it was being read.
    }
  }
  return out;
}

function rssBytes(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The Chromium whose command line names `userDataDir`, and all of its descendants. */
function chromiumTree(userDataDir: string) {
  const all = processes();
  const browser = all.find(
    (p) => p.cmdline.includes(`--user-data-dir=${userDataDir}`) && !p.cmdline.includes('--type='),
  );
  if (!browser) throw new Error(`No Chromium with --user-data-dir=${userDataDir}`);
  const tree = new Set([browser.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  return { browser, members: all.filter((p) => tree.has(p.pid)) };
}

export async function measureChromiumPeak<T>(
  userDataDir: string,
  task: () => Promise<T>,
): Promise<{ result: T; peaks: ProcessPeaks; baseline: ProcessPeaks }> {
  const sample = (): ProcessPeaks => {
    const { browser, members } = chromiumTree(userDataDir);
    let extensionBytes = 0;
    let totalBytes = 0;
    for (const p of members) {
      const rss = rssBytes(p.pid);
      totalBytes += rss;
      if (p.cmdline.includes('--extension-process')) extensionBytes = Math.max(extensionBytes, rss);
    }
    return { browserBytes: rssBytes(browser.pid), extensionBytes, totalBytes };
  };
  const baseline = sample();
  const peaks = { ...baseline };
  const timer = setInterval(() => {
    let now: ProcessPeaks;
    try {
      now = sample();
    } catch {
      // The browser has gone (a crash): the task fails on its own, and says how.
      clearInterval(timer);
      return;
    }
    peaks.browserBytes = Math.max(peaks.browserBytes, now.browserBytes);
    peaks.extensionBytes = Math.max(peaks.extensionBytes, now.extensionBytes);
    peaks.totalBytes = Math.max(peaks.totalBytes, now.totalBytes);
  }, 50);
  try {
    return { result: await task(), peaks, baseline };
  } finally {
    clearInterval(timer);
  }
}
