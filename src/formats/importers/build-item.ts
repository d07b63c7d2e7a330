/**
 * Building Coffer items from other managers' rows: every importer describes an item as a loose
 * object (formats.md field names) and this turns it into a canonical, validated Item, with the
 * location of any problem ("row 7", "item 3") in the error.
 */
import { CofferError, type Location } from '@/src/errors/coffer-error';
import type { ErrorMessageKey } from '@/src/errors/error-codes';
import { describeValue } from '@/src/errors/describe-value';
import type { Field, Item, ItemType, LoginUri } from '@/src/vault/item';
import { normalizeItem } from '@/src/vault/normalize-item';
import { IMPORT_LIMITS, type ImportContext } from '../import-types';
import type { FileContent } from '../file-content';

export interface LooseItem {
  type: ItemType;
  name: string;
  notes?: string | null;
  folderId?: string | null;
  favorite?: boolean;
  reprompt?: 0 | 1;
  login?: {
    username?: string | null;
    password?: string | null;
    totp?: string | null;
    uris?: LoginUri[];
  };
  card?: Record<string, string | null>;
  identity?: Record<string, string | null>;
  sshKey?: Record<string, string | null>;
  fields?: Field[];
  passwordHistory?: { password: string; lastUsedDate: string }[] | null;
  creationDate?: string | null;
  revisionDate?: string | null;
  archivedDate?: string | null;
}

/** Empty strings in other managers' files mean "nothing": stored as null (formats.md). */
export function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

export function buildItem(loose: LooseItem, ctx: ImportContext): Item {
  return normalizeItem(
    {
      ...loose,
      secureNote: loose.type === 2 ? { type: 0 } : undefined,
      fields: loose.fields && loose.fields.length > 0 ? loose.fields : undefined,
    },
    { maxStringLength: IMPORT_LIMITS.maxStringLength, now: ctx.now, newId: ctx.newId },
  );
}

/** One URI per entry, match type left to the browser's default. */
export function urisOf(values: (string | null | undefined)[]): LoginUri[] {
  return values.flatMap((v) => (blankToNull(v) === null ? [] : [{ uri: v!.trim(), match: null }]));
}

/** Folders by name: the same name always gets the same id. */
export function folderRegistry(ctx: ImportContext) {
  const byName = new Map<string, string>();
  return {
    idFor(name: string | null | undefined): string | null {
      const clean = blankToNull(name)?.trim() ?? null;
      if (clean === null) return null;
      let id = byName.get(clean);
      if (!id) {
        id = ctx.newId();
        byName.set(clean, id);
      }
      return id;
    },
    folders: () => [...byName].map(([name, id]) => ({ id, name })),
  };
}

/** The text of a CSV export; bytes (a file read as binary) are refused, naming the format. */
export function csvText(input: FileContent, formatName: string): string {
  if (input.kind !== 'text') {
    throw new CofferError('errCsvIsText', { args: [formatName] });
  }
  return input.text;
}

/** Every item needs a name: the file's, else the site's host, else "(no name)". */
export function nameOrHost(title: string | null | undefined, url: string | null | undefined) {
  return blankToNull(title) ?? hostOf(url) ?? '(no name)';
}

/** The host of a URL as people and managers write them, with or without a scheme. */
function hostOf(url: string | null | undefined): string | null {
  const site = url?.trim() ?? '';
  if (site === '') return null;
  try {
    return new URL(site.includes('://') ? site : `https://${site}`).hostname || null;
  } catch {
    return null;
  }
}

/** Each unit's size, and the words for a CSV cell that is no such count (ERR_CSV_INVALID). */
const EPOCH_UNITS = {
  s: { ms: 1000, error: 'errCsvExpectedEpochSeconds' },
  ms: { ms: 1, error: 'errExpectedEpochMilliseconds' },
} as const;

/**
 * A time written as a count since 1970 (text in CSV cells, numbers in JSON) as ISO 8601; nothing
 * written gives null. Anything else, or a date beyond what JavaScript can hold, is an error with
 * the words `error`: a CSV cell's by default, a JSON reader names its own (ERR_INVALID_FILE).
 */
export function epochToIso(
  value: unknown,
  unit: keyof typeof EPOCH_UNITS,
  location: Location,
  error: ErrorMessageKey = EPOCH_UNITS[unit].error,
): string | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' ? value.trim() : null;
  if (text === '') return null;
  let count = NaN;
  if (typeof value === 'number') count = value;
  else if (text !== null && /^\d{1,16}$/.test(text)) count = Number(text);
  const date = new Date(count * EPOCH_UNITS[unit].ms);
  if (Number.isNaN(date.getTime())) {
    // The value is the file's: a string is shown as written, anything else only described.
    const shown = typeof value === 'string' ? value : describeValue(value);
    throw new CofferError(error, { args: [shown], ...location });
  }
  return date.toISOString();
}
