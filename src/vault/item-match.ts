/**
 * When an item of a file is "the same item" as one in the vault (formats.md, duplicates): the
 * same id (a re-imported backup), else for logins the same name, username and websites, for the
 * other types the same content. Matching is linear: one map by id, one by a short key.
 */
import type { Item } from './item';

export interface Matcher {
  /**
   * The vault item `item` is a version of, if any. Each vault item is the version of one file
   * item at most: once found it is taken, so two look-alike items in a file pair with two
   * look-alike items in the vault instead of both with the first.
   */
  find(item: Item): Item | undefined;
}

export function createMatcher(vaultItems: Item[]): Matcher {
  const byId = new Map(vaultItems.map((item) => [item.id, item]));
  // Candidates by a short key; for types other than logins the content decides among them.
  const byKey = new Map<string, Item[]>();
  for (const item of vaultItems) {
    const key = matchKey(item);
    const bucket = byKey.get(key);
    if (bucket) bucket.push(item);
    else byKey.set(key, [item]);
  }
  const taken = new Set<Item>();
  const take = (found: Item | undefined) => {
    if (found) taken.add(found);
    return found;
  };
  return {
    find(item) {
      // An item never changes type: the same id under another type is another item.
      const byIdMatch = byId.get(item.id);
      if (byIdMatch && byIdMatch.type === item.type && !taken.has(byIdMatch))
        return take(byIdMatch);
      const candidates = (byKey.get(matchKey(item)) ?? []).filter((c) => !taken.has(c));
      const sameAsItem = candidates.find((c) => sameContent(c, item, null, null));
      // A login is the same login by name, username and websites even when its content changed.
      return take(sameAsItem ?? (item.type === 1 ? candidates[0] : undefined));
    },
  };
}

/**
 * Type, name, username and websites for logins; type and name for the others, whose whole
 * content must then match as well.
 */
function matchKey(item: Item): string {
  if (item.type === 1) {
    const uris = (item.login.uris ?? []).map((u) => u.uri ?? '').sort();
    return JSON.stringify([1, item.name, item.login.username ?? '', uris]);
  }
  return JSON.stringify([item.type, item.name]);
}

/** Fields that say when and where an item was kept, not what it holds. */
const NOT_CONTENT = new Set(['id', 'folderId', 'revisionDate', 'creationDate', 'deletedDate']);
const NOT_CONTENT_NOR_LOGIN = new Set([...NOT_CONTENT, 'login']);
const PASSWORD_DATE = new Set(['passwordRevisionDate']);
const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * Everything a person sees of two items is equal, ids and dates aside, with their folders by
 * name. Compared in place, without building text: it runs over every field of two vaults.
 */
export function sameContent(
  a: Item,
  b: Item,
  folderA: string | null,
  folderB: string | null,
): boolean {
  if (folderA !== folderB) return false;
  if (a.type === 1 && b.type === 1) {
    return sameFields(a, b, NOT_CONTENT_NOR_LOGIN) && sameFields(a.login, b.login, PASSWORD_DATE);
  }
  return sameFields(a, b, NOT_CONTENT);
}

/** The same own fields with equal values, `skip` aside; a field holding undefined is absent. */
function sameFields(a: object, b: object, skip: ReadonlySet<string>): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const key in x) {
    if (skip.has(key) || x[key] === undefined) continue;
    if (!sameValue(x[key], y[key])) return false;
    count++;
  }
  for (const key in y) if (!skip.has(key) && y[key] !== undefined) count--;
  return count === 0;
}

/** Values equal as JSON would tell them (in a list, undefined is null). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return (a ?? null) === (b ?? null);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => sameValue(v, other[i]));
  }
  return sameFields(a, b, NO_KEYS);
}
