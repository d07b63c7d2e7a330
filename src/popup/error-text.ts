/** Turns an error from the background into words a person can act on, in the popup's locale. */
import { browser } from 'wxt/browser';
import { CofferError, type MessageKey, type Substitution } from '@/src/errors/coffer-error';
import { t } from './i18n';

export function errorText(error: unknown): string {
  if (!(error instanceof CofferError)) return t('errorInternal');
  const text = localized(error);
  return error.where ? t('errorAt', text, error.where) : text;
}

function localized(error: CofferError): string {
  const locale = browser.i18n.getUILanguage();
  const args = error.args.map((arg) =>
    typeof arg === 'number' ? arg.toLocaleString(locale) : arg,
  );
  // An empty answer is a key this locale lacks: the English words still say what happened.
  return browser.i18n.getMessage(error.key, args) || error.message;
}

/** A check made in the popup itself, shown like any error from the background. */
export function inputError(key: MessageKey, ...args: Substitution[]): CofferError {
  return new CofferError('ERR_INVALID_INPUT', key, { args });
}
