/**
 * Issue #15's main figures in Firefox ESR beside their Chromium twins: for each size, the same
 * steps (vault-browsers.ts) on the same SDK-written vault, first in Chromium, then in Firefox
 * (the Firefox e2e build, whose popup is a tab, driven over WebDriver BiDi). The issue's rule:
 * no Firefox figure more than 2× its Chromium twin.
 *
 * COFFER_BENCH_FIREFOX_SIZES=1000,10000 chooses the sizes (10,000 by default; COFFER_BENCH_SMALL=1:
 * 1,000). Needs `npx wxt build -b firefox --mv3 --mode e2e` (the e2e setup makes it).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { BUDGETS } from './chromium-vault.bench';
import { benchSizes, printTable, verdict, type Row } from './measure';
import { CHROMIUM, FIREFOX, eachSdkVault, measureVault, type Figure } from './vault-browsers';

const SIZES = benchSizes('COFFER_BENCH_FIREFOX_SIZES', [10_000]);
const MAX_RATIO = 2;

export async function benchFirefoxVault(): Promise<void> {
  if (!fs.existsSync('.output/firefox-mv3-e2e/manifest.json')) {
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3', '--mode', 'e2e'], {
      stdio: 'ignore',
    });
  }
  const rows: Row[] = [];
  await eachSdkVault(
    SIZES,
    async (sdk, label) => {
      const chromium = await measureVault(CHROMIUM, sdk);
      const firefox = await measureVault(FIREFOX, sdk);
      const twins = new Map(chromium.figures.map((f) => [f.key, f]));
      for (const figure of firefox.figures) {
        rows.push(row(label, figure, twins.get(figure.key), sdk.size));
      }
    },
    (label, message) =>
      rows.push({
        measure: `${label}: stopped`,
        Chromium: '',
        Firefox: message,
        target: 'NOT met',
      }),
  );
  printTable('Firefox ESR beside Chromium, same vault, same steps (issue #15)', rows);
}

function row(label: string, firefox: Figure, chromium: Figure | undefined, size: number): Row {
  const budget = firefox.budget && BUDGETS[size]?.[firefox.budget];
  const ratio = chromium ? firefox.ms / chromium.ms : Number.NaN;
  // A figure the driver clocks counts its steps, which BiDi takes slower: not compared.
  const targets = firefox.byDriver
    ? []
    : [`≤ ${MAX_RATIO}× Chromium: ${verdict(ratio <= MAX_RATIO)}`];
  if (budget !== undefined) targets.push(`≤ ${budget} ms: ${verdict(firefox.ms <= budget)}`);
  return {
    measure: `${label}: ${firefox.label}`,
    Chromium: chromium ? `${chromium.ms.toFixed(0)} ms` : '—',
    Firefox: `${firefox.ms.toFixed(0)} ms (${ratio.toFixed(1)}×)`,
    target: targets.join('; '),
  };
}
