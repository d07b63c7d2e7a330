/**
 * The popup driver for Chromium (Playwright): controls are found by the words of ui.md through
 * Playwright's role and label locators. Every lookup is exact, so "Master password" never finds
 * "Confirm master password".
 */
import type { Locator, Page } from 'playwright-core';
import {
  CLICKABLE_ROLES,
  STEP_TIMEOUT_MS,
  escapeRegExp,
  type ClickOptions,
  type PopupDriver,
  type WaitOptions,
} from './popup-driver';

export class PopupPage implements PopupDriver {
  constructor(readonly page: Page) {}

  async fill(label: string, value: string): Promise<void> {
    await this.field(label).fill(value);
  }

  async click(name: string, options: ClickOptions = {}): Promise<void> {
    await this.named(name, options).click();
  }

  async select(label: string, option: string): Promise<void> {
    await this.field(label).selectOption({ label: option });
  }

  async chooseFile(label: string, filePath: string): Promise<void> {
    await this.field(label).setInputFiles(filePath);
  }

  async openItem(name: string): Promise<void> {
    await this.page
      .getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}`) })
      .first()
      .click();
  }

  async expand(summary: string): Promise<void> {
    await this.page
      .locator('details > summary')
      .filter({ hasText: new RegExp(`^${escapeRegExp(summary)}$`) })
      .click();
  }

  async waitFor(name: string, options: WaitOptions = {}): Promise<void> {
    await this.named(name, options).waitFor({ timeout: options.timeout ?? STEP_TIMEOUT_MS });
  }

  async waitForText(
    pattern: RegExp,
    role?: 'status' | 'alert',
    timeout = STEP_TIMEOUT_MS,
  ): Promise<string> {
    const match = this.withText(pattern, role);
    await match.waitFor({ timeout });
    return (await match.textContent()) ?? '';
  }

  async waitForNoText(
    pattern: RegExp,
    role?: 'status' | 'alert',
    timeout = STEP_TIMEOUT_MS,
  ): Promise<void> {
    await this.withText(pattern, role).waitFor({ state: 'detached', timeout });
  }

  /** The form control labelled exactly `label`, for tests that check its state. */
  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  /** The button named exactly `name`, for tests that check its state. */
  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /**
   * The names of the items the vault list shows, in order: the favorites' list first where the
   * list is split. The lists put only the rows near the screen in the page, so this scrolls
   * through them as a person would, one list after the other, collecting each row by its place
   * (aria-posinset) until it has as many as its list says it holds (aria-setsize). Rows still on their way from
   * the background (aria-busy) are read once they arrive.
   */
  async itemNames(): Promise<string[]> {
    await this.click('Vault', { role: 'tab' });
    await this.page.locator('.item-list, .empty, .empty-vault').first().waitFor();
    // A vault with nothing in it shows its first screen instead of a list.
    if ((await this.page.locator('.empty-vault').count()) > 0) return [];
    // Given as text: the benchmarks run this file under tsx, whose named functions the page lacks.
    return this.page.evaluate(`(async () => {
      const frame = () =>
        new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const lists = () => [...document.querySelectorAll('.item-list')];
      const all = [];
      // Gives up after 20 s without a new row (a page that never comes).
      let progressAt = performance.now();
      for (let at = 0; at < lists().length; at++) {
        const names = new Map();
        for (let step = 0; step < 100000 && performance.now() - progressAt < 20000; step++) {
          const list = lists()[at];
          const rows = list ? list.querySelectorAll(':scope > li') : [];
          if (rows.length === 0) {
            // A list far below the screen may have no row in the page yet.
            list?.scrollIntoView({ block: 'start' });
            await frame();
            continue;
          }
          const size = Number(rows[0].getAttribute('aria-setsize'));
          const before = names.size;
          for (const li of rows) {
            const name = li.querySelector('.item-name');
            if (name) names.set(Number(li.getAttribute('aria-posinset')), name.textContent);
          }
          if (names.size >= size) break;
          if (names.size !== before) progressAt = performance.now();
          // Rows on their way are waited for where they are, not scrolled past.
          if (!list.querySelector(':scope > li[aria-busy]')) {
            rows[rows.length - 1].scrollIntoView({ block: 'start' });
          }
          await frame();
        }
        all.push(...[...names.entries()].sort((a, b) => a[0] - b[0]).map((entry) => entry[1]));
      }
      window.scrollTo(0, 0);
      return all;
    })()`);
  }

  /** Opens an item and returns its label → value pairs as the item view shows them. */
  async readItem(name: string): Promise<Record<string, string>> {
    await this.click('Vault', { role: 'tab' });
    await this.openItem(name);
    await this.waitFor(name, { role: 'heading' });
    // Each "Show" becomes "Hide" once pressed, so always press the first one left.
    const show = this.page.locator('.value-row').getByRole('button', { name: 'Show', exact: true });
    while ((await show.count()) > 0) await show.first().click();
    const rows = await this.page.locator('.value-row').all();
    const out: Record<string, string> = {};
    for (const row of rows) {
      const label = (await row.locator('dt').textContent()) ?? '';
      out[label] = (await row.locator('dd .value').textContent()) ?? '';
    }
    await this.click('Back');
    return out;
  }

  /** The one element named exactly `name`, of `role` or of any clickable role. */
  private named(name: string, options: WaitOptions): Locator {
    const scope = options.within ? this.page.locator(options.within) : this.page;
    const roles = options.role ? [options.role] : CLICKABLE_ROLES;
    return roles
      .map((role) => scope.getByRole(role, { name, exact: true }))
      .reduce((all: Locator, one) => all.or(one));
  }

  /** The first `role` element whose text matches, or the smallest element of the page. */
  private withText(pattern: RegExp, role?: 'status' | 'alert'): Locator {
    const match = role
      ? this.page.getByRole(role).filter({ hasText: pattern })
      : this.page.getByText(pattern);
    return match.first();
  }
}
