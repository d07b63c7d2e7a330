/**
 * Builds the Chrome and Firefox extensions (and Firefox's end-to-end build) once before the
 * end-to-end tests, unless
 * COFFER_E2E_REUSE_BUILD=1 says the builds in .output are current (each takes about a second).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export default function setup(): void {
  const built = ['chrome-mv3', 'firefox-mv3', 'firefox-mv3-e2e'].every((dir) =>
    fs.existsSync(path.resolve('.output', dir, 'manifest.json')),
  );
  if (process.env.COFFER_E2E_REUSE_BUILD === '1' && built) return;
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { stdio: 'inherit' });
  // The Firefox end-to-end build opens its popup in a tab (.env.e2e).
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3', '--mode', 'e2e'], {
    stdio: 'inherit',
  });
}
