/**
 * WXT's fake browser leaves i18n unimplemented; this answers getMessage from the real English
 * messages.json, with `$1`…`$9` substitutions as the browsers do, so views render their real words.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import messages from '@/public/_locales/en/messages.json';

type Messages = Record<string, { message: string }>;

export function installFakeI18n(): void {
  fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => {
    const entry = (messages as Messages)[key];
    if (!entry) return '';
    const subs =
      substitutions === undefined
        ? []
        : Array.isArray(substitutions)
          ? substitutions
          : [substitutions];
    return entry.message.replace(/\$(\d)/g, (_m, n: string) => subs[Number(n) - 1] ?? '');
  }) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => 'en-US';
}
