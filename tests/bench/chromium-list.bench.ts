/**
 * Issue #15's popup figures in headless Chromium with the built extension, for vaults of 10,000
 * and 50,000 copies of the SDK fixture's 22 items (every type, notes, history, passkeys, SSH
 * keys), timed inside the popup page:
 * - popup open, unlocked, from the start of navigation until the first item's name is in the
 *   page (median of OPENS opens, after one warm-up);
 * - Unlock, from the click until the first item's name is in the page (median of UNLOCKS);
 * - a search keystroke, from the input event until the list shows the match and a frame has
 *   been painted; clearing the search, until the whole list is back (medians of SEARCHES);
 * - the popup's DOM nodes and its JS heap with the whole list loaded.
 */
import type { Page } from 'playwright-core';
import type { ExtensionSession } from '../e2e/launch-extension';
import { PopupPage } from '../e2e/popup-page';
import { sendRequest } from '../e2e/protocol';
import { seedVault } from '../e2e/seed-vault';
import { unlockVault } from '../e2e/account-flow';
import { truthFolders, truthItems } from '../helpers/truth-items';
import { launchBuiltExtension } from './built-extension';
import { benchSizes, printTable, verdict, type Row } from './measure';
import { median, searchTime } from './vault-flow';
import { syntheticVault } from './synthetic-vault';

const SIZES = benchSizes('COFFER_BENCH_LIST_SIZES', [10_000, 50_000]);
const OPENS = 5;
const UNLOCKS = 3;
const SEARCHES = 5;

/** The budgets, by vault size (the 10,000 ones for smaller vaults). */
const BUDGETS: Record<number, { open: number; unlock: number; search: number; nodes: number }> = {
  10_000: { open: 200, unlock: 400, search: 50, nodes: 2_000 },
  50_000: { open: 250, unlock: 600, search: 100, nodes: 2_000 },
};

export async function benchChromiumList(): Promise<void> {
  const rows: Row[] = [];
  for (const size of SIZES) {
    const budget = BUDGETS[size] ?? BUDGETS[10_000]!;
    const session = await launchBuiltExtension();
    try {
      const vault = syntheticVault(size);
      await seedVault(
        session,
        vault.truth,
        truthItems({ ...vault.truth, items: vault.views }),
        truthFolders(vault.truth),
      );
      const password = vault.truth.account.masterPassword;
      const first = new PopupPage(await session.openPopup());
      await unlockVault(first, password);
      await first.page.locator('.item-name').first().waitFor({ timeout: 120_000 });

      const opens = await openTimes(session);
      const shown = await listState(first.page);
      const searches = await searchTimes(first.page, size);
      await first.page.close();
      const unlocks = await unlockTimes(session, password);

      const label = `${size.toLocaleString('en-US')} items`;
      rows.push(
        row(`${label}: popup open (unlocked) to first items on screen`, median(opens), budget.open),
        row(`${label}: Unlock click to first items on screen`, median(unlocks), budget.unlock),
        row(
          `${label}: search keystroke to the list showing the match`,
          median(searches.typed),
          budget.search,
        ),
        row(
          `${label}: clearing the search to the whole list back`,
          median(searches.cleared),
          budget.search,
        ),
        {
          measure: `${label}: DOM nodes in the popup, whole list loaded`,
          value: shown.nodes.toLocaleString('en-US'),
          target: `≤ ${budget.nodes.toLocaleString('en-US')}: ${verdict(shown.nodes <= budget.nodes)}`,
        },
        {
          measure: `${label}: popup JS heap, whole list loaded`,
          value: `${(shown.heapBytes / 1e6).toFixed(1)} MB`,
          target: `≤ 60 MB: ${verdict(shown.heapBytes <= 60e6)}`,
        },
      );
    } catch (error) {
      console.error(`${size} items:`, error);
    } finally {
      // A browser that crashed cannot be closed; what it measured is printed all the same.
      await session.close().catch(() => undefined);
    }
  }
  printTable('The vault list in Chromium (issue #15)', rows);
}

function row(measure: string, ms: number, budgetMs: number): Row {
  return {
    measure,
    value: `${ms.toFixed(0)} ms`,
    target: `≤ ${budgetMs} ms: ${verdict(ms <= budgetMs)}`,
  };
}

/** Milliseconds from navigation start until the first item's name is in the page. */
async function openTimes(session: ExtensionSession): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < OPENS + 1; i++) {
    const page = await session.context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __firstItem?: number };
      new MutationObserver((_, observer) => {
        if (document.querySelector('.item-name')) {
          w.__firstItem = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
    const handle = await page.waitForFunction(
      () => (window as unknown as { __firstItem?: number }).__firstItem,
      undefined,
      { timeout: 120_000 },
    );
    if (i > 0) times.push((await handle.jsonValue()) as number);
    await page.close();
  }
  return times;
}

/** Locks, then times Unlock from the click until the first item's name is in the page. */
async function unlockTimes(session: ExtensionSession, password: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < UNLOCKS; i++) {
    const popup = new PopupPage(await session.openPopup());
    await sendRequest(popup.page, 'lock');
    await popup.page.reload();
    await popup.fill('Master password', password);
    times.push(
      await popup.page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const button = [...document.querySelectorAll('button')].find(
              (b) => b.textContent?.trim() === 'Unlock',
            )!;
            const start = performance.now();
            new MutationObserver((_, observer) => {
              if (document.querySelector('.item-name')) {
                observer.disconnect();
                resolve(performance.now() - start);
              }
            }).observe(document, { childList: true, subtree: true });
            button.click();
          }),
      ),
    );
    await popup.page.close();
  }
  return times;
}

/**
 * A search for one item's number, timed from the input event until the list shows the match and
 * a frame has been painted; then clearing it, until the whole list is back.
 */
async function searchTimes(
  page: Page,
  total: number,
): Promise<{ typed: number[]; cleared: number[] }> {
  const typed: number[] = [];
  const cleared: number[] = [];
  const popup = { evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T> };
  for (let i = 0; i < SEARCHES; i++) {
    const needle = `#${(1234 + i * 1111) % total}`;
    // "#1234" also matches "#12345": a handful of rows, the first of them the match.
    typed.push(await searchTime(popup, needle, total));
    cleared.push(await searchTime(popup, '', total));
  }
  return { typed, cleared };
}

async function listState(page: Page): Promise<{ nodes: number; heapBytes: number }> {
  return page.evaluate(() => ({
    nodes: document.getElementsByTagName('*').length,
    heapBytes:
      (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ??
      0,
  }));
}
