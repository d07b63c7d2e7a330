/**
 * WXT's fake browser leaves i18n unimplemented; this answers getMessage from the real
 * messages.json (English unless a test asks for German), with `$1`…`$9` substitutions as the
 * browsers do, so views render their real words.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import english from '@/public/_locales/en/messages.json';
import german from '@/public/_locales/de/messages.json';

type Messages = Record<string, { message: string }>;

const LOCALES = {
  en: { messages: english as Messages, uiLanguage: 'en-US' },
  de: { messages: german as Messages, uiLanguage: 'de-DE' },
};

export function installFakeI18n(locale: keyof typeof LOCALES = 'en'): void {
  const { messages, uiLanguage } = LOCALES[locale];
  fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => {
    const entry = messages[key];
    if (!entry) return '';
    const subs =
      substitutions === undefined
        ? []
        : Array.isArray(substitutions)
          ? substitutions
          : [substitutions];
    return entry.message.replace(/\$(\d)/g, (_m, n: string) => subs[Number(n) - 1] ?? '');
  }) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => uiLanguage;
}
