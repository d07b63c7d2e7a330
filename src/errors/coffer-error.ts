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
  /** A re-prompt item's secrets or saving it need the master password confirmed for it. */
  | 'ERR_REPROMPT_REQUIRED'
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
  | 'ERR_IMPORT_CANCELLED'
  // downloads
  | 'ERR_DOWNLOAD_FAILED'
  | 'ERR_DOWNLOAD_INTERRUPTED'
  // protocol
  | 'ERR_UNKNOWN_METHOD'
  | 'ERR_BAD_REQUEST'
  | 'ERR_INTERNAL';

/**
 * Where in a file a problem is, in parts the popup words in its own language: a CSV row (as a
 * spreadsheet numbers it) and column, or a JSON item or folder by its number and name.
 */
export interface Place {
  row?: number;
  column?: string;
  item?: number;
  name?: string;
  folder?: number;
}

/** A place and, inside it, the field as the file names it (`login.uris[0].uri`, `kdfType`). */
export interface Location {
  place?: Place;
  field?: string;
}

export interface CofferErrorOptions extends Location {
  /** Substitutions for `$1`…`$9` in the message. */
  args?: readonly Substitution[];
  /**
   * In a batch (many values decrypted at once), the position of the value that failed; the
   * caller, who knows what each position holds, turns it into a place with `at`.
   */
  index?: number;
  cause?: unknown;
}

/** Words a substitution-taking message, the way `t` does in the popup. */
export type Wording = (key: MessageKey, ...args: Substitution[]) => string;

const inEnglish: Wording = (key, ...args) =>
  english[key].message.replace(/\$(\d)/g, (_match, n: string) => {
    const arg = args[Number(n) - 1];
    return typeof arg === 'number' ? arg.toLocaleString('en-US') : (arg ?? '');
  });

/** A location in words: `row 3, column fav`, `item 2 "Bank", login.password`. */
export function locationText({ place = {}, field }: Location, word: Wording): string {
  const parts: string[] = [];
  if (place.row !== undefined) parts.push(word('placeRow', place.row));
  if (place.column !== undefined) parts.push(word('placeColumn', place.column));
  if (place.item !== undefined) {
    parts.push(
      place.name ? word('placeItemNamed', place.item, place.name) : word('placeItem', place.item),
    );
  }
  if (place.folder !== undefined) parts.push(word('placeFolder', place.folder));
  if (field) parts.push(field);
  return parts.join(', ');
}

export class CofferError extends Error {
  override readonly name = 'CofferError';
  readonly code: ErrorCode;
  readonly key: MessageKey;
  readonly args: readonly Substitution[];
  readonly place?: Place;
  readonly field?: string;
  /** The location in English, for logs and tests; the popup words `place` and `field` itself. */
  readonly where?: string;
  /** The failing value's position in a batch, until the caller places it. */
  readonly index?: number;

  constructor(code: ErrorCode, key: MessageKey, options: CofferErrorOptions = {}) {
    const args = options.args ?? [];
    super(
      inEnglish(key, ...args),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.key = key;
    this.args = args;
    if (options.place !== undefined && Object.keys(options.place).length > 0) {
      this.place = options.place;
    }
    if (options.field) this.field = options.field;
    if (options.index !== undefined) this.index = options.index;
    const where = locationText(options, inEnglish);
    if (where !== '') this.where = where;
  }

  /** The same failure at another location. */
  at(location: Location): CofferError {
    return new CofferError(this.code, this.key, { args: this.args, ...location, cause: this });
  }

  /** The same failure, inside `place` (the row or item being read when it happened). */
  within(place: Place): CofferError {
    return this.at({ place: { ...place, ...this.place }, field: this.field });
  }
}

/** Runs `read`, placing any failure inside `place`. */
export function readingAt<T>(place: Place, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof CofferError ? error.within(place) : error;
  }
}

export function isCofferError(value: unknown): value is CofferError {
  return value instanceof CofferError;
}
