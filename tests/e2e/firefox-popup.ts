/**
 * The popup driver for Firefox (puppeteer-core over WebDriver BiDi): controls are found through
 * Firefox's accessibility tree by the names ui.md gives them (BiDi's accessibility locator, which
 * puppeteer's `::-p-aria` uses). Buttons go through puppeteer's locators, which wait until the
 * control is there and find it again if Preact replaced it meanwhile; fields the same way here.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import {
  STEP_TIMEOUT_MS as TIMEOUT_MS,
  type ClickOptions,
  type PopupDriver,
  type WaitOptions,
} from './popup-driver';

const CLICKABLE =
  'button, a[href], input[type="radio"], input[type="checkbox"], [role="tab"], [role="button"], [role="radio"]';

export class FirefoxPopup implements PopupDriver {
  constructor(readonly page: Page) {}

  /**
   * The form control labelled exactly `label`, once it is there. A field's <label> has the same
   * name, and Firefox gives password fields no ARIA role to ask for, so the tree's answers are
   * narrowed to form controls here.
   */
  async field(label: string, timeout = TIMEOUT_MS): Promise<ElementHandle<Element>> {
    return this.find(`::-p-aria(${quote(label)})`, 'input, select, textarea', timeout, label);
  }

  /**
   * The first node the accessibility tree names by `query` that matches `css`, once there is one.
   * A file input is named by its picker button in Firefox's tree, so a control is also found
   * through the <label> whose text is `label`.
   */
  private async find(
    query: string,
    css: string,
    timeout: number,
    label?: string,
  ): Promise<ElementHandle<Element>> {
    const deadline = Date.now() + timeout;
    for (;;) {
      for (const handle of await this.page.$$(query)) {
        if (await handle.evaluate((el, c) => el.matches(c), css)) return handle;
      }
      if (label !== undefined) {
        const byLabel = await this.page.evaluateHandle(
          (text) =>
            [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === text)
              ?.control ?? null,
          label,
        );
        const el = byLabel.asElement();
        if (el) return el as ElementHandle<Element>;
      }
      if (Date.now() > deadline) throw new Error(`Nothing named by ${query}`);
      await this.nextChange();
    }
  }

  /**
   * Resolves at the page's next DOM change, or after 200 ms at most: the accessibility tree
   * follows the DOM a little later, so one change may not be enough to show a control.
   */
  private async nextChange(): Promise<void> {
    await this.page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const observer = new MutationObserver(() => {
            observer.disconnect();
            resolve();
          });
          observer.observe(document, { subtree: true, childList: true, attributes: true });
          setTimeout(() => {
            observer.disconnect();
            resolve();
          }, 200);
        }),
    );
  }

  /** Runs `action` on the field, finding it again if Preact replaced it before the action. */
  private async onField(label: string, action: (el: ElementHandle<Element>) => Promise<void>) {
    for (;;) {
      const el = await this.field(label);
      try {
        await action(el);
        return;
      } catch (error) {
        if (await el.evaluate((node) => node.isConnected).catch(() => false)) throw error;
      }
    }
  }

  async fill(label: string, value: string): Promise<void> {
    await this.onField(label, async (input) => {
      await input.evaluate((el) => ((el as HTMLInputElement).value = ''));
      await input.type(value);
    });
  }

  async click(name: string, options: ClickOptions = {}): Promise<void> {
    const button = await this.find(this.namedQuery(name, options), CLICKABLE, TIMEOUT_MS);
    await button.click();
  }

  async waitFor(name: string, options: WaitOptions = {}): Promise<void> {
    // A role narrows the tree's answers itself; without one, only controls are meant.
    const css = options.role ? '*' : CLICKABLE;
    await this.find(this.namedQuery(name, options), css, options.timeout ?? TIMEOUT_MS);
  }

  /** The `::-p-aria` query for what is named exactly `name`, of `role`, inside `within`. */
  private namedQuery(name: string, options: WaitOptions): string {
    const role = options.role ? `[role="${options.role}"]` : '';
    const scope = options.within ? `${options.within} ` : '';
    return `${scope}::-p-aria([name=${quote(name)}]${role})`;
  }

  async select(label: string, option: string): Promise<void> {
    await this.onField(label, async (select) => {
      await select.evaluate((el, text) => {
        const s = el as HTMLSelectElement;
        const match = [...s.options].find((o) => o.textContent === text);
        if (!match) throw new Error(`No option "${text}"`);
        s.value = match.value;
        s.dispatchEvent(new Event('change', { bubbles: true }));
      }, option);
    });
  }

  /** WebDriver BiDi's input.setFiles. */
  async chooseFile(label: string, filePath: string): Promise<void> {
    await this.onField(label, (input) =>
      (input as ElementHandle<HTMLInputElement>).uploadFile(filePath),
    );
  }

  async openItem(name: string): Promise<void> {
    const handle = await this.page.waitForFunction(
      (text: string) =>
        [...document.querySelectorAll('.item-list button')].find((el) =>
          (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().startsWith(text),
        ) ?? null,
      { timeout: TIMEOUT_MS },
      name,
    );
    await (handle as ElementHandle<HTMLElement>).click();
  }

  async expand(summary: string): Promise<void> {
    const handle = await this.page.waitForFunction(
      (text: string) =>
        [...document.querySelectorAll('details > summary')].find(
          (el) => el.textContent?.trim() === text,
        ) ?? null,
      { timeout: TIMEOUT_MS },
      summary,
    );
    await (handle as ElementHandle<HTMLElement>).click();
  }

  async waitForText(
    pattern: RegExp,
    role?: 'status' | 'alert',
    timeout = TIMEOUT_MS,
  ): Promise<string> {
    const handle = await this.page.waitForFunction(
      textCondition,
      { timeout },
      pattern.source,
      pattern.flags,
      role ?? null,
      false,
    );
    return (await handle.jsonValue()) as string;
  }

  async waitForNoText(
    pattern: RegExp,
    role?: 'status' | 'alert',
    timeout = TIMEOUT_MS,
  ): Promise<void> {
    await this.page.waitForFunction(
      textCondition,
      { timeout },
      pattern.source,
      pattern.flags,
      role ?? null,
      true,
    );
  }
}

/** A name as a `::-p-aria` attribute value. */
function quote(name: string): string {
  return `"${name.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Runs in the page (so it uses nothing from this module). The text of the first `role` element
 * whose text matches, or without a role of the first smallest element that does (one with no
 * matching child, as Playwright's getByText finds it); null while there is none. With `absent`,
 * true once nothing matches, null while something does.
 */
function textCondition(
  source: string,
  flags: string,
  role: string | null,
  absent: boolean,
): string | true | null {
  const re = new RegExp(source, flags);
  const test = (el: Element) => re.test(el.textContent ?? '');
  const match = role
    ? [...document.querySelectorAll(`[role="${role}"]`)].find(test)
    : [document.body, ...document.body.querySelectorAll('*')].find(
        (el) => test(el) && ![...el.children].some(test),
      );
  if (absent) return match ? null : true;
  return match ? (match.textContent ?? '') : null;
}
