/**
 * What every end-to-end test may do to Coffer's popup, by the words of ui.md only: a form control
 * is found by its label, a button, tab or radio by its accessible name, an option by its label.
 * One implementation per engine: Playwright for Chromium (popup-page.ts), puppeteer over
 * WebDriver BiDi for Firefox (firefox-popup.ts); both ask the browser's accessibility tree.
 * The flows written on it (account-flow.ts, item-flow.ts, export-flow.ts, import-flow.ts, …)
 * are the same in both browsers.
 */
export type ClickableRole = 'button' | 'tab' | 'radio' | 'checkbox' | 'link';

/** What a test waits for besides a control: a view's heading. */
type NamedRole = ClickableRole | 'heading';

export interface ClickOptions {
  /** Only this role; by default any button, tab, radio, checkbox or link with the name. */
  role?: ClickableRole;
  /** A CSS selector the control must sit in, e.g. "dialog" for a confirmation's button. */
  within?: string;
}

export interface WaitOptions {
  /** Only this role; by default any button, tab, radio, checkbox or link with the name. */
  role?: NamedRole;
  /** A CSS selector the element must sit in. */
  within?: string;
  timeout?: number;
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
  /** Opens the disclosure whose summary reads exactly `summary` (ui.md: "Advanced"). */
  expand(summary: string): Promise<void>;
  /** Waits until the control (or, by `role`, the heading) named exactly `name` is shown. */
  waitFor(name: string, options?: WaitOptions): Promise<void>;
  /**
   * Waits until `pattern` matches the text of a `role` element (or, without a role, of the
   * smallest element of the page whose text matches) and returns that text: a status or alert
   * is the popup's answer to an action.
   */
  waitForText(pattern: RegExp, role?: 'status' | 'alert', timeout?: number): Promise<string>;
  /** Waits until no `role` element's text (or, without a role, the page's) matches `pattern`. */
  waitForNoText(pattern: RegExp, role?: 'status' | 'alert', timeout?: number): Promise<void>;
}

export const CLICKABLE_ROLES: readonly ClickableRole[] = [
  'button',
  'tab',
  'radio',
  'checkbox',
  'link',
];

/** How long a step may take: a PBKDF2 600,000 or Argon2id derivation on a busy machine. */
export const STEP_TIMEOUT_MS = 60_000;

/** `text` escaped for use inside a RegExp, so that it matches itself only. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
