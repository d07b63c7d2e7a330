/**
 * Every word the popup shows comes from public/_locales/<lang>/messages.json through
 * browser.i18n, so the popup can be translated without touching a view.
 */
import { browser } from 'wxt/browser';
import type messages from '@/public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const text = browser.i18n.getMessage(key, substitutions.map(String));
  // An empty answer means a key missing from the locale: show the key rather than nothing.
  return text === '' ? key : text;
}
