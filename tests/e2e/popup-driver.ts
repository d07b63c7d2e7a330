/**
 * What every end-to-end test may do to Coffer's popup, by the words of ui.md only: a form control
 * is found by its label, a button, tab or radio by its accessible name, an option by its label.
 * One implementation per engine: Playwright for Chromium (popup-page.ts), puppeteer over
 * WebDriver BiDi for Firefox (firefox-popup.ts); both ask the browser's accessibility tree.
 */
export type ClickableRole = 'button' | 'tab' | 'radio' | 'checkbox' | 'link';

export interface ClickOptions {
  /** Only this role; by default any button, tab, radio, checkbox or link with the name. */
  role?: ClickableRole;
  /** A CSS selector the control must sit in, e.g. "dialog" for a confirmation's button. */
  within?: string;
}

export interface PopupDriver {
  /** Replaces the value of the field labelled exactly `label`. */
  fill(label: string, value: string): Promise<void>;
  /** Clicks the control named exactly `name`, once it is there. */
  click(name: string, options?: ClickOptions): Promise<void>;
  /** Chooses the option shown as `option` in the select labelled `label`. */
  select(label: string, option: string): Promise<void>;
  /** Puts the file at `filePath` in the file input labelled `label`. */
  chooseFile(label: string, filePath: string): Promise<void>;
  /** Opens the vault item whose button's name starts with `name`. */
  openItem(name: string): Promise<void>;
  /**
   * Waits until `pattern` matches the text of a `role` element (or of the page) and returns that
   * text: a status or alert is the popup's answer to an action.
   */
  waitForText(pattern: RegExp, role?: 'status' | 'alert', timeout?: number): Promise<string>;
}

export const CLICKABLE_ROLES: readonly ClickableRole[] = [
  'button',
  'tab',
  'radio',
  'checkbox',
  'link',
];
