/**
 * Drives Coffer's popup in Firefox (puppeteer-core over WebDriver BiDi) by the words of ui.md:
 * a field is found through the <label> whose text is its name, a button or tab by its text.
 */
import type { ElementHandle, Page } from 'puppeteer-core';

export class FirefoxPopup {
  constructor(readonly page: Page) {}

  /** The control a <label> with exactly this text is for. */
  async field(label: string): Promise<ElementHandle<Element>> {
    const handle = await this.page.waitForFunction(
      (text: string) => {
        const found = [...document.querySelectorAll('label')].find(
          (l) => l.textContent?.trim() === text,
        );
        return found?.htmlFor ? document.getElementById(found.htmlFor) : null;
      },
      { timeout: 30_000 },
      label,
    );
    return handle as ElementHandle<Element>;
  }

  async fill(label: string, value: string): Promise<void> {
    await retryIfDetached(async () => {
      const input = await this.field(label);
      await input.evaluate((el) => ((el as HTMLInputElement).value = ''));
      await input.type(value);
    });
  }

  /** Chooses a file in the file input labelled `label` (WebDriver BiDi's input.setFiles). */
  async chooseFile(label: string, filePath: string): Promise<void> {
    const input = (await this.field(label)) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(filePath);
  }

  /** Opens an item of the vault list by its name. */
  async openItem(name: string): Promise<void> {
    const handle = await this.page.waitForFunction(
      (text: string) =>
        [...document.querySelectorAll('.item-list .item-name')]
          .find((el) => el.textContent === text)
          ?.closest('button') ?? null,
      { timeout: 30_000 },
      name,
    );
    await (handle as ElementHandle<HTMLElement>).click();
  }

  async select(label: string, optionText: string): Promise<void> {
    const select = await this.field(label);
    await select.evaluate((el, text) => {
      const s = el as HTMLSelectElement;
      const option = [...s.options].find((o) => o.textContent === text);
      if (!option) throw new Error(`No option "${text}"`);
      s.value = option.value;
      s.dispatchEvent(new Event('change', { bubbles: true }));
    }, optionText);
  }

  /** Waits for a button (or tab, or radio label) with exactly this text, and clicks it. */
  async click(text: string, within?: string): Promise<void> {
    await retryIfDetached(() => this.clickOnce(text, within));
  }

  private async clickOnce(text: string, within?: string): Promise<void> {
    const handle = await this.page.waitForFunction(
      (name: string, scope: string | undefined) => {
        const root = scope ? document.querySelector(scope) : document;
        return (
          [...(root?.querySelectorAll('button, [role="tab"], label') ?? [])].find(
            (el) => (el.getAttribute('aria-label') ?? el.textContent)?.trim() === name,
          ) ?? null
        );
      },
      { timeout: 60_000 },
      text,
      within,
    );
    await (handle as ElementHandle<HTMLElement>).click();
  }

  async waitForText(pattern: RegExp, role?: 'status' | 'alert', timeout = 60_000): Promise<string> {
    const handle = await this.page.waitForFunction(
      (source: string, flags: string, r: string | undefined) => {
        const re = new RegExp(source, flags);
        const candidates = r ? document.querySelectorAll(`[role="${r}"]`) : [document.body];
        for (const el of candidates) {
          const text = el.textContent ?? '';
          if (re.test(text)) return text;
        }
        return null;
      },
      { timeout },
      pattern.source,
      pattern.flags,
      role,
    );
    return (await handle.jsonValue()) as string;
  }
}

/** Preact may replace an element between finding it and using it; then it is found again. */
async function retryIfDetached(action: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await action();
      return;
    } catch (error) {
      if (attempt >= 5 || !/detached|not attached/i.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
