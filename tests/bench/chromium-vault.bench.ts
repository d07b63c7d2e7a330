/**
 * Issue #15's vault figures where the person is: the built extension in headless Chromium,
 * driven through the popup, on vaults that Bitwarden's SDK exporter wrote
 * (../shared/tools/make-sdk-fixtures.mjs: every item type, notes, history, passkeys, SSH keys),
 * beside the SDK's own password-protected export of the same vault in the same run. For each
 * size, in a new browser and the fixture's account (PBKDF2 600,000):
 * - Import Data of the SDK's plain file: from choosing the file to the preview, and from
 *   "Confirm import" to "Imported";
 * - each of the four exports (.json, .csv, account restricted, password protected), from the
 *   confirmation's "Export Vault" to "Saved" (the file is on disk then: the status waits for the
 *   download to complete);
 * - key rotation, from the click to "rotated";
 * then, in a second browser, Import Data of the SDK's password-protected file, file password and
 * KDF included.
 *
 * COFFER_BENCH_VAULT_SIZES=1000,10000,50000 chooses the sizes (1,000 and 10,000 by default;
 * COFFER_BENCH_SMALL=1: 1,000).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lock, unlockVault } from '../e2e/account-flow';
import { fillExportForm, type ExportKind } from '../e2e/export-flow';
import { giveFilePassword, openImportData, submitImportFile } from '../e2e/import-flow';
import type { ExtensionSession } from '../e2e/launch-extension';
import { PopupPage } from '../e2e/popup-page';
import { seedVault } from '../e2e/seed-vault';
import { openSettings } from '../e2e/settings-flow';
import type { Truth } from '../helpers/fixtures';
import { launchBuiltExtension } from './built-extension';
import { benchSizes, printTable, verdict, type Row } from './measure';

const SIZES = benchSizes('COFFER_BENCH_VAULT_SIZES', [1_000, 10_000]);
const FILE_PASSWORD = 'bench file password, long enough';
const TIMEOUT = 600_000;

/** The budgets in ms, by size (none for 1,000 items). */
const BUDGETS: Record<number, { exportMs: number; importMs: number; rotationMs: number }> = {
  10_000: { exportMs: 1_500, importMs: 2_000, rotationMs: 2_000 },
  50_000: { exportMs: 6_000, importMs: 8_000, rotationMs: 8_000 },
};

const EXPORTS: { label: string; kind: ExportKind }[] = [
  { label: '.json', kind: { format: '.json' } },
  { label: '.csv', kind: { format: '.csv' } },
  {
    label: 'account restricted',
    kind: { format: '.json (Encrypted)', type: 'Account restricted' },
  },
  {
    label: 'password protected',
    kind: { format: '.json (Encrypted)', type: 'Password protected', filePassword: FILE_PASSWORD },
  },
];

interface SdkVault {
  dir: string;
  truth: Truth;
  /** The SDK's password-protected export of this vault, median ms. */
  sdkExportMs: number;
}

export async function benchChromiumVault(): Promise<void> {
  const rows: Row[] = [];
  for (const size of SIZES) {
    const label = `${size.toLocaleString('en-US')} items`;
    const budget = BUDGETS[size];
    const sdk = makeSdkVault(size);
    const timed = (measure: string, ms: number, budgetMs?: number, extra = '') =>
      rows.push({
        measure: `${label}: ${measure}`,
        value: `${ms.toFixed(0)} ms${extra}`,
        target: budgetMs === undefined ? '' : `≤ ${budgetMs} ms: ${verdict(ms <= budgetMs)}`,
      });
    try {
      await withVault(sdk, async (popup) => {
        const plain = await importFile(popup, path.join(sdk.dir, 'sdk-plain.json'));
        timed('Import Data of the SDK’s plain file, choose to preview', plain.preview);
        timed(
          'Import Data of the SDK’s plain file, confirm to "Imported"',
          plain.confirm,
          budget?.importMs,
        );
        for (const { label: kindLabel, kind } of EXPORTS) {
          const ms = await exportKind(popup, kind, sdk.truth.account.masterPassword);
          if (kind.format === '.json (Encrypted)' && kind.type === 'Password protected') {
            const ratio = sdk.sdkExportMs / ms;
            timed(
              `export ${kindLabel}, click to file on disk`,
              ms,
              budget?.exportMs,
              ` (SDK exporter ${sdk.sdkExportMs.toFixed(0)} ms: ${ratio.toFixed(1)}× ${ratio >= 3 ? 'faster, ≥ 3×: met' : 'faster, ≥ 3×: NOT met'})`,
            );
          } else {
            timed(`export ${kindLabel}, click to file on disk`, ms, budget?.exportMs);
          }
        }
        timed(
          'key rotation, click to "rotated"',
          await rotate(popup, sdk.truth),
          budget?.rotationMs,
        );
      });
      await withVault(sdk, async (popup) => {
        const protectedFile = await importFile(
          popup,
          path.join(sdk.dir, 'sdk-password-protected.json'),
          sdk.truth.password,
        );
        timed(
          'Import Data of the SDK’s password-protected file, confirm to "Imported"',
          protectedFile.confirm,
          budget?.importMs,
        );
      });
    } catch (error) {
      console.error(`${label}:`, error);
      // Said in the table too: a run that stopped must not read as one with fewer figures.
      rows.push({
        measure: `${label}: stopped`,
        value: error instanceof Error ? error.message.split('\n')[0]! : String(error),
        target: 'NOT met',
      });
    } finally {
      fs.rmSync(sdk.dir, { recursive: true, force: true });
    }
  }
  printTable('Import, export and rotation in Chromium (issue #15)', rows);
}

/** Has Bitwarden's SDK write a vault of `size` items and time its password-protected export. */
function makeSdkVault(size: number): SdkVault {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-bench-vault-'));
  execFileSync(
    'node',
    [
      '../shared/tools/make-sdk-fixtures.mjs',
      '15',
      dir,
      '--count',
      String(size),
      '--formats',
      'json,protected',
      '--bench',
      '3',
    ],
    { stdio: 'ignore', maxBuffer: 1 << 30 },
  );
  const truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
  const timings = JSON.parse(fs.readFileSync(path.join(dir, 'timings.json'), 'utf8')) as {
    timingsMs: { bench: { exportPasswordProtected: { medianMs: number } } };
  };
  return { dir, truth, sdkExportMs: timings.timingsMs.bench.exportPasswordProtected.medianMs };
}

/** A new browser with the fixture's account and an empty vault, unlocked in a popup. */
async function withVault(sdk: SdkVault, run: (popup: PopupPage) => Promise<void>): Promise<void> {
  const session: ExtensionSession = await launchBuiltExtension();
  try {
    await seedVault(session, sdk.truth, [], []);
    const popup = new PopupPage(await session.openPopup());
    await unlockVault(popup, sdk.truth.account.masterPassword);
    await run(popup);
  } finally {
    await session.close();
  }
}

/** Import Data of one file: ms to the preview, and from "Confirm import" to "Imported". */
async function importFile(
  popup: PopupPage,
  file: string,
  filePassword?: string,
): Promise<{ preview: number; confirm: number }> {
  await openImportData(popup);
  const started = performance.now();
  await submitImportFile(popup, { path: file, format: 'Bitwarden (json)' });
  if (filePassword !== undefined) await giveFilePassword(popup, filePassword);
  await popup.waitForText(/^\d+ items, \d+ folders$/, undefined, TIMEOUT);
  const preview = performance.now() - started;
  const confirm = await clickUntil(popup, 'Confirm import', null, '^Imported ');
  return { preview, confirm };
}

/** One export through the popup, timed from the confirmation's button to "Saved". */
async function exportKind(
  popup: PopupPage,
  kind: ExportKind,
  masterPassword: string,
): Promise<number> {
  await fillExportForm(popup, kind, masterPassword);
  const ms = await clickUntil(popup, 'Export Vault', 'dialog, [role="dialog"]', '^Saved \\S+ \\(');
  await popup.click('Back');
  return ms;
}

/** Key rotation through Settings, timed from the click to the "rotated" status. */
async function rotate(popup: PopupPage, truth: Truth): Promise<number> {
  await openSettings(popup, 'Rotate account encryption key');
  await popup.click('I understand that my account-restricted exports will stop working', {
    role: 'checkbox',
  });
  await popup.fill('Master password', truth.account.masterPassword);
  const ms = await clickUntil(popup, 'Rotate account encryption key', 'form', 'rotated');
  // The vault still opens under the new key.
  await lock(popup);
  await unlockVault(popup, truth.account.masterPassword);
  return ms;
}

/**
 * Clicks the button named `name` (inside `within`, if given) and resolves to the milliseconds
 * until a status (role="status") matching `pattern` is in the page, both clocked inside the
 * popup: Playwright's own waiting polls, and its pauses would be counted.
 */
async function clickUntil(
  popup: PopupPage,
  name: string,
  within: string | null,
  pattern: string,
): Promise<number> {
  // Given as text: tsx wraps named functions in a helper the page lacks.
  return popup.page.evaluate(
    `new Promise((resolve, reject) => {
      const scope = ${JSON.stringify(within)} ? document.querySelector(${JSON.stringify(within)}) : document;
      const button = [...scope.querySelectorAll('button')].find((b) => b.textContent.trim() === ${JSON.stringify(name)});
      if (!button) return reject(new Error('no button ' + ${JSON.stringify(name)}));
      const wanted = new RegExp(${JSON.stringify(pattern)});
      const start = performance.now();
      const check = () => {
        const shown = [...document.querySelectorAll('[role="status"]')].some((s) => wanted.test(s.textContent.trim()));
        if (shown) {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      setTimeout(() => reject(new Error('timed out waiting for ' + wanted)), ${TIMEOUT});
      button.click();
    })`,
  );
}
