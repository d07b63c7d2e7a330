/**
 * The one error type that crosses module and process boundaries. Every failure carries the key of
 * its words in public/_locales/<lang>/messages.json with their substitutions, for the person who
 * reads it: the popup shows them through browser.i18n, so no layer below it picks a language. Its
 * code, for the code that reacts to it, follows from the key (error-codes.ts). `message` holds the
 * English words (from the same file) for logs and for tests in Node.
 * The only imports are that data file and the code table, so every other module (pure ones
 * included) may use this one.
 */
import english from '@/public/_locales/en/messages.json';
import { ERROR_CODES, type ErrorCode, type ErrorMessageKey } from './error-codes';

export type MessageKey = keyof typeof english;

/**
 * A substitution: a number, written in the reader's locale; words of messages.json (`{ key }`),
 * shown in the reader's language; or text that reads the same in every language (a value or a
 * name from a file). All three are plain data, so they cross every channel unchanged.
 */
export type Substitution = string | number | { key: MessageKey };

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

/**
 * The substitutions as one reader writes them: numbers as `locale` does, keys in `word`'s
 * language, text as it is.
 */
export function substitutionTexts(
  args: readonly Substitution[],
  locale: string,
  word: (key: MessageKey) => string,
): string[] {
  return args.map((arg) =>
    typeof arg === 'number'
      ? arg.toLocaleString(locale)
      : typeof arg === 'string'
        ? arg
        : word(arg.key),
  );
}

/** English words; a key English lacks (only ever one that came over a channel) is shown as is. */
const inEnglish: Wording = (key, ...args) => {
  if (!Object.hasOwn(english, key)) return key;
  const texts = substitutionTexts(args, 'en-US', (inner) => inEnglish(inner));
  return english[key].message.replace(/\$(\d)/g, (_match, n: string) => texts[Number(n) - 1] ?? '');
};

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
  /** What kind of failure, for the code that reacts to it: always ERROR_CODES[key]. */
  readonly code: ErrorCode;
  readonly key: ErrorMessageKey;
  readonly args: readonly Substitution[];
  readonly place?: Place;
  readonly field?: string;
  /** The location in English, for logs and tests; the popup words `place` and `field` itself. */
  readonly where?: string;
  /** The failing value's position in a batch, until the caller places it. */
  readonly index?: number;

  constructor(key: ErrorMessageKey, options: CofferErrorOptions = {}) {
    const args = options.args ?? [];
    super(
      inEnglish(key, ...args),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = ERROR_CODES[key];
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
    return new CofferError(this.key, { args: this.args, ...location, cause: this });
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
