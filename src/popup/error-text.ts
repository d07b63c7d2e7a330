/** Turns an error from the background into words a person can act on. */
import { CofferError, type ErrorCode } from '@/src/errors/coffer-error';
import { t, type MessageKey } from './i18n';

/** Codes whose words are fixed; others carry a precise message from the background. */
const WORDS: Partial<Record<ErrorCode, MessageKey>> = {
  ERR_WRONG_MASTER_PASSWORD: 'errorWrongMasterPassword',
  ERR_LOCKED: 'errorLocked',
  ERR_NO_ACCOUNT: 'errorNoAccount',
  ERR_ACCOUNT_EXISTS: 'errorAccountExists',
  ERR_NOT_FOUND: 'errorNotFound',
  ERR_INTERNAL: 'errorInternal',
  ERR_DECRYPT_FAILED: 'errorDecryptFailed',
};

export function errorText(error: unknown): string {
  if (error instanceof CofferError) {
    const key = WORDS[error.code];
    const text = key ? t(key) : error.message;
    return error.where ? t('errorAt', text, error.where) : text;
  }
  return t('errorInternal');
}

/** A check made in the popup itself, shown like any error from the background. */
export function inputError(message: string): CofferError {
  return new CofferError('ERR_INVALID_INPUT', message);
}
