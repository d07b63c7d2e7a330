/**
 * The one error type that crosses module and process boundaries. Every failure carries a code from
 * a fixed union; the popup maps codes to words, so no layer below it has to speak to people.
 * This module is a leaf: it imports nothing, so every other module (pure ones included) may use it.
 */

export type ErrorCode =
  // crypto
  | 'ERR_DECRYPT_FAILED'
  | 'ERR_ENC_STRING_MALFORMED'
  | 'ERR_ENC_STRING_UNSUPPORTED'
  | 'ERR_KDF_PARAMS'
  | 'ERR_INVALID_KEY'
  // account and session
  | 'ERR_NO_ACCOUNT'
  | 'ERR_ACCOUNT_EXISTS'
  | 'ERR_LOCKED'
  | 'ERR_WRONG_MASTER_PASSWORD'
  | 'ERR_TOO_MANY_ATTEMPTS'
  | 'ERR_INVALID_INPUT'
  | 'ERR_NOT_FOUND'
  // files
  | 'ERR_NOT_BITWARDEN_JSON'
  | 'ERR_INVALID_FILE'
  | 'ERR_FILE_TOO_LARGE'
  | 'ERR_TOO_MANY_ITEMS'
  | 'ERR_STRING_TOO_LONG'
  | 'ERR_FILE_KDF_OUT_OF_BOUNDS'
  | 'ERR_WRONG_FILE_PASSWORD'
  | 'ERR_FILE_PASSWORD_REQUIRED'
  | 'ERR_DIFFERENT_ACCOUNT_KEY'
  | 'ERR_CSV_INVALID'
  | 'ERR_UNKNOWN_ITEM_TYPES'
  // downloads
  | 'ERR_DOWNLOAD_FAILED'
  | 'ERR_DOWNLOAD_INTERRUPTED'
  // protocol
  | 'ERR_UNKNOWN_METHOD'
  | 'ERR_BAD_REQUEST'
  | 'ERR_INTERNAL';

export class CofferError extends Error {
  override readonly name = 'CofferError';
  readonly code: ErrorCode;
  /** Where in a file the problem is (row, item index and name, field), for messages people can act on. */
  readonly where?: string;

  constructor(code: ErrorCode, message: string, options?: { where?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options?.where !== undefined) this.where = options.where;
  }
}

export function isCofferError(value: unknown): value is CofferError {
  return value instanceof CofferError;
}
