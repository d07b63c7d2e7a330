/**
 * The one error type that crosses module and process boundaries. Every failure carries a code from
 * a fixed union, for the code that reacts to it, and the key of its words in
 * public/_locales/<lang>/messages.json with their substitutions, for the person who reads it: the
 * popup shows them through browser.i18n, so no layer below it picks a language. `message` holds the
 * English words (from the same file) for logs and for tests in Node.
 * The only import is that data file, so every other module (pure ones included) may use this one.
 */
import english from '@/public/_locales/en/messages.json';

export type MessageKey = keyof typeof english;

/** A substitution: numbers are written in the reader's locale when the words are shown. */
export type Substitution = string | number;

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

export interface CofferErrorOptions {
  /** Substitutions for `$1`…`$9` in the message. */
  args?: readonly Substitution[];
  /** Where in a file the problem is (row, item index and name, field), for messages people can act on. */
  where?: string;
  cause?: unknown;
}

export class CofferError extends Error {
  override readonly name = 'CofferError';
  readonly code: ErrorCode;
  readonly key: MessageKey;
  readonly args: readonly Substitution[];
  readonly where?: string;

  constructor(code: ErrorCode, key: MessageKey, options: CofferErrorOptions = {}) {
    const args = options.args ?? [];
    super(
      english[key].message.replace(/\$(\d)/g, (_match, n: string) => {
        const arg = args[Number(n) - 1];
        return typeof arg === 'number' ? arg.toLocaleString('en-US') : (arg ?? '');
      }),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.key = key;
    this.args = args;
    if (options.where !== undefined) this.where = options.where;
  }

  /** The same failure, told where it happened. */
  at(where: string): CofferError {
    return new CofferError(this.code, this.key, { args: this.args, where, cause: this });
  }
}

export function isCofferError(value: unknown): value is CofferError {
  return value instanceof CofferError;
}
