/**
 * The steps of issue #15's vault figures, written once on the popup driver so that Chromium
 * (Playwright) and Firefox (puppeteer over WebDriver BiDi) run exactly the same clicks. Every
 * clock runs inside the popup page, from the click (or the navigation's start) to what the
 * person sees: the drivers' own waiting polls, and their pauses would be counted.
 */
import { lock } from '../e2e/account-flow';
import { fillExportForm, waitForExportConfirmation, type ExportKind } from '../e2e/export-flow';
import { giveFilePassword, openImportData, submitImportFile } from '../e2e/import-flow';
import type { PopupDriver } from '../e2e/popup-driver';
import { fillRotationForm } from '../e2e/settings-flow';

/** Long enough for a 50,000-item vault on the 2-core machine. */
export const STEP_TIMEOUT = 600_000;
const FILE_PASSWORD = 'bench file password, long enough';

/** A popup under measurement: the driver, and a way to run a script in its page. */
export interface BenchPopup {
  driver: PopupDriver;
  /** Evaluates `expression` (text: tsx wraps named functions in a helper the page lacks). */
  evaluate<T>(expression: string): Promise<T>;
  /** Loads the popup anew; ms from the navigation's start until the first item's name shows. */
  reopenTime(): Promise<number>;
}

export const EXPORTS: { label: string; kind: ExportKind }[] = [
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

/** What the page shows once the vault list has its first row. */
const FIRST_ITEM = '.item-name';

/** Import Data of one file: ms to the preview, and from "Confirm import" to "Imported". */
export async function importFile(
  popup: BenchPopup,
  file: string,
  filePassword?: string,
  format: 'Bitwarden (json)' | 'KeePass (kdbx)' = 'Bitwarden (json)',
): Promise<{ preview: number; confirm: number }> {
  await openImportData(popup.driver);
  const started = performance.now();
  await submitImportFile(popup.driver, { path: file, format });
  if (filePassword !== undefined) await giveFilePassword(popup.driver, filePassword);
  await popup.driver.waitForText(/^\d+ items, \d+ folders$/, undefined, STEP_TIMEOUT);
  const preview = performance.now() - started;
  const confirm = await clickUntil(popup, 'Confirm import', null, { status: '^Imported ' });
  return { preview, confirm };
}

/** One export through the popup, timed from the confirmation's button to "Saved". */
export async function exportKind(
  popup: BenchPopup,
  kind: ExportKind,
  masterPassword: string,
): Promise<number> {
  await fillExportForm(popup.driver, kind, masterPassword);
  // Clicked only once it is there, as the e2e tests do: the click does not wait for it.
  await waitForExportConfirmation(popup.driver);
  const ms = await clickUntil(popup, 'Export Vault', 'dialog, [role="dialog"]', {
    status: '^Saved \\S+ \\(',
  });
  await popup.driver.click('Back');
  return ms;
}

/** Key rotation through Settings, timed from the click to the "rotated" status. */
export async function rotate(popup: BenchPopup, masterPassword: string): Promise<number> {
  await fillRotationForm(popup.driver, masterPassword);
  return clickUntil(popup, 'Rotate account encryption key', 'form', { status: 'rotated' });
}

/**
 * Times the Vault tab from the click until the first item's name shows: right after an import,
 * how long the list with the new items takes.
 */
export function vaultTabTime(popup: BenchPopup): Promise<number> {
  return clickUntil(popup, 'Vault', '[role="tablist"]', { selector: FIRST_ITEM });
}

/** Locks, then times Unlock from the click until the first item's name shows. */
export async function unlockTime(popup: BenchPopup, masterPassword: string): Promise<number> {
  await lock(popup.driver);
  await popup.driver.fill('Master password', masterPassword);
  return clickUntil(popup, 'Unlock', null, { selector: FIRST_ITEM });
}

/**
 * Types `value` into the vault's search (a name, or '' to clear) and times it from the input
 * event until the list's first row shows what was asked (a row naming `value`, or a list of
 * `total` rows) and a frame has been painted.
 */
export function searchTime(
  popup: Pick<BenchPopup, 'evaluate'>,
  value: string,
  total: number,
): Promise<number> {
  return popup.evaluate(
    `new Promise((resolve) => {
      const value = ${JSON.stringify(value)};
      const input = document.querySelector('input[type="search"]');
      const start = performance.now();
      const observer = new MutationObserver(() => {
        const rows = document.querySelector('.item-list')?.querySelectorAll('li') ?? [];
        // The favorites' list and the others' make the whole list between them.
        const size = String([...document.querySelectorAll('.item-list > li:first-child')]
          .reduce((sum, li) => sum + Number(li.getAttribute('aria-setsize')), 0));
        const shown = value
          ? size !== ${JSON.stringify(String(total))} && Boolean(rows[0]?.textContent?.includes(value))
          : size === ${JSON.stringify(String(total))};
        if (!shown) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - start));
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true });
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    })`,
  );
}

/** What ends a timed click: a status whose text matches, or an element in the page. */
type Until = { status: string } | { selector: string };

/**
 * Clicks the button named `name` (inside `within`, if given) and resolves to the milliseconds
 * until `until` holds, both clocked inside the popup.
 */
function clickUntil(
  popup: BenchPopup,
  name: string,
  within: string | null,
  until: Until,
): Promise<number> {
  const check =
    'status' in until
      ? `[...document.querySelectorAll('[role="status"]')].some((s) => new RegExp(${JSON.stringify(until.status)}).test(s.textContent.trim()))`
      : `document.querySelector(${JSON.stringify(until.selector)}) !== null`;
  return popup.evaluate(
    `new Promise((resolve, reject) => {
      const within = ${JSON.stringify(within)};
      const scope = within ? document.querySelector(within) : document;
      // What the popup shows instead, so a step that stops says where it was.
      const shown = () => ' (the popup shows: ' + document.body.innerText.slice(0, 300).replace(/\\s+/g, ' ') + ')';
      if (!scope) return reject(new Error('no ' + within + ' in the popup' + shown()));
      const button = [...scope.querySelectorAll('button')].find((b) => b.textContent.trim() === ${JSON.stringify(name)});
      if (!button) return reject(new Error('no button ' + ${JSON.stringify(name)} + shown()));
      const start = performance.now();
      const observer = new MutationObserver(() => {
        if (!(${check})) return;
        observer.disconnect();
        resolve(performance.now() - start);
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      setTimeout(() => reject(new Error('timed out after clicking ' + ${JSON.stringify(name)} + shown())), ${STEP_TIMEOUT});
      button.click();
    })`,
  );
}

/** The init script that notes when the first item's name is in the page (window.__firstItem). */
export const NOTE_FIRST_ITEM = `(() => {
  new MutationObserver((_, observer) => {
    if (document.querySelector(${JSON.stringify(FIRST_ITEM)})) {
      window.__firstItem = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
})()`;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
