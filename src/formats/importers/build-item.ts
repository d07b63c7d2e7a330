/**
 * Building Coffer items from other managers' rows: every importer describes an item as a loose
 * object (formats.md field names) and this turns it into a canonical, validated Item, with the
 * location of any problem ("row 7", "item 3") in the error.
 */
import type { Field, Item, ItemType, LoginUri } from '@/src/vault/item';
import { normalizeItem } from '@/src/vault/normalize-item';
import { IMPORT_LIMITS, type ImportContext } from '../import-types';

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
}

/** Empty strings in other managers' files mean "nothing": stored as null (formats.md). */
export function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

export function buildItem(loose: LooseItem, ctx: ImportContext, where: string): Item {
  return normalizeItem(
    {
      ...loose,
      secureNote: loose.type === 2 ? { type: 0 } : undefined,
      fields: loose.fields && loose.fields.length > 0 ? loose.fields : undefined,
    },
    { maxStringLength: IMPORT_LIMITS.maxStringLength, now: ctx.now, newId: ctx.newId, where },
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
