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
   * The names of the items the vault list shows, in order. The list puts only the rows near the
   * screen in the page, so this scrolls through it as a person would, collecting each row by its
   * place (aria-posinset) until it has as many as the list says it holds (aria-setsize). Rows
   * still on their way from the background (aria-busy) are read once they arrive.
   */
  async itemNames(): Promise<string[]> {
    await this.click('Vault', { role: 'tab' });
    await this.page.locator('.item-list, .empty, .empty-vault').first().waitFor();
    // A vault with nothing in it shows its first screen instead of a list.
    if ((await this.page.locator('.empty-vault').count()) > 0) return [];
    // Given as text: the benchmarks run this file under tsx, whose named functions the page lacks.
    return this.page.evaluate(`(async () => {
      const names = new Map();
      let size = 0;
      // Gives up after 20 s without a new row (a page that never comes).
      let progressAt = performance.now();
      for (let step = 0; step < 100000 && performance.now() - progressAt < 20000; step++) {
        const before = names.size;
        for (const li of document.querySelectorAll('.item-list > li')) {
          size = Number(li.getAttribute('aria-setsize'));
          const name = li.querySelector('.item-name');
          if (name) names.set(Number(li.getAttribute('aria-posinset')), name.textContent);
        }
        if (names.size >= size) break;
        if (names.size !== before) progressAt = performance.now();
        // Rows on their way are waited for where they are, not scrolled past.
        if (!document.querySelector('.item-list > li[aria-busy]')) {
          const rows = document.querySelectorAll('.item-list > li');
          rows[rows.length - 1].scrollIntoView({ block: 'start' });
        }
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      }
      window.scrollTo(0, 0);
      return [...names.entries()].sort((a, b) => a[0] - b[0]).map((entry) => entry[1]);
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
