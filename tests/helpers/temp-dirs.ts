/**
 * Folders the tests and benches make under the system's temporary folder, removed when the test
 * file ends (the e2e project's setup file) or, at the latest, when the process exits. Browser
 * profiles and download folders of 50,000-item exports run to 1.4 GB each: left behind, a few
 * hundred runs filled this machine's disk, and CI's `npm ci` then failed for want of space.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made = new Set<string>();

/** A new empty folder `coffer-<purpose>-XXXXXX` in the temporary folder, removed later. */
export function makeTempDir(purpose: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `coffer-${purpose}-`));
  made.add(dir);
  return dir;
}

/**
 * Removes every folder made so far. A browser still running may be writing in its profile: that
 * folder is tried again, and if it still cannot go, says so rather than failing the tests.
 */
export function removeTempDirs(): void {
  for (const dir of made) {
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch (error) {
      console.warn(`Could not remove ${dir}: ${(error as Error).message}`);
    }
  }
  made.clear();
}

process.once('exit', removeTempDirs);
