/** Turns an error from the background into words a person can act on, in the popup's locale. */
import { browser } from 'wxt/browser';
import {
  CofferError,
  locationText,
  substitutionTexts,
  type Substitution,
  type Wording,
} from '@/src/errors/coffer-error';
import type { ErrorKeyWithCode } from '@/src/errors/error-codes';
import { t } from './i18n';

export function errorText(error: unknown): string {
  if (!(error instanceof CofferError)) return t('errorInternal');
  // An empty answer is a key this locale lacks: the English words still say what happened.
  const text = inLocale(error.key, ...error.args) || error.message;
  const location = locationText(error, (key, ...args) => inLocale(key, ...args) || key);
  return location ? t('errorAt', text, location) : text;
}

/**
 * The words of `key`, numbers written as the reader's locale writes them and substitutions that
 * are keys in its words too (the key itself if the locale lacks them, as for places).
 */
const inLocale: Wording = (key, ...args) => {
  const locale = browser.i18n.getUILanguage();
  return browser.i18n.getMessage(
    key,
    substitutionTexts(args, locale, (inner) => inLocale(inner) || inner),
  );
};

/** A check made in the popup itself, shown like any error from the background. */
export function inputError(
  key: ErrorKeyWithCode<'ERR_INVALID_INPUT'>,
  ...args: Substitution[]
): CofferError {
  return new CofferError(key, { args });
}
