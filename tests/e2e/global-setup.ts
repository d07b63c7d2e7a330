/**
 * Builds the Chrome and Firefox extensions with their store packages (as `npm run build` does),
 * and Firefox's end-to-end build, once before the end-to-end tests, unless
 * COFFER_E2E_REUSE_BUILD=1 says the builds in .output are current (each takes a second or two).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export default function setup(): void {
  const built =
    ['chrome-mv3', 'firefox-mv3', 'firefox-mv3-e2e'].every((dir) =>
      fs.existsSync(path.resolve('.output', dir, 'manifest.json')),
    ) && fs.readdirSync('.output').some((name) => name.endsWith('-sources.zip'));
  if (process.env.COFFER_E2E_REUSE_BUILD === '1' && built) return;
  // Vitest sets NODE_ENV=test, which would leak into the bundles: build as `npm run build` does.
  const {
    NODE_ENV: _nodeEnv,
    VITEST: _vitest,
    VITEST_MODE: _mode,
    VITEST_POOL_ID: _pool,
    ...env
  } = process.env;
  const options = { stdio: 'inherit' as const, env };
  execFileSync('npx', ['wxt', 'zip'], options);
  execFileSync('npx', ['wxt', 'zip', '-b', 'firefox', '--mv3'], options);
  // The Firefox end-to-end build opens its popup in a tab (.env.e2e).
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3', '--mode', 'e2e'], options);
}
