/**
 * Every word the popup shows comes from public/_locales/<lang>/messages.json through
 * browser.i18n, so the popup can be translated without touching a view.
 */
import { browser } from 'wxt/browser';
import type { MessageKey } from '@/src/errors/coffer-error';

export type { MessageKey };

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const text = browser.i18n.getMessage(key, substitutions.map(String));
  // An empty answer means a key missing from the locale: show the key rather than nothing.
  return text === '' ? key : text;
}

/**
 * A message with a count: the key's `…One` variant when the count is 1 (English has two forms;
 * a locale that needs more can say so in its own words for both keys).
 */
export function tCount(
  key: MessageKey,
  count: number,
  ...substitutions: (string | number)[]
): string {
  const one = `${key}One` as MessageKey;
  return count === 1 && browser.i18n.getMessage(one) !== ''
    ? t(one, ...substitutions)
    : t(key, ...substitutions);
}

/** A number as the browser's language writes it (`1,234.5` in English, `1.234,5` in German). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return value.toLocaleString(browser.i18n.getUILanguage(), options);
}
