/** The built Chrome extension in headless Chromium for the benchmarks, built first if need be. */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { launchExtension, type ExtensionSession } from '../e2e/launch-extension';

export async function launchBuiltExtension(): Promise<ExtensionSession> {
  if (!fs.existsSync('.output/chrome-mv3/manifest.json'))
    execFileSync('npx', ['wxt', 'build'], { stdio: 'ignore' });
  return launchExtension();
}
