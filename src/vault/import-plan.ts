/**
 * What an import does to the vault, decided before anything is written (formats.md, "Import:
 * guarantees"): which folders to create, which items to add, which to update and which to skip
 * as duplicates. Matching is linear: one map by id, one by content.
 *
 * Duplicates ("Skip duplicates", the default): an item matches a vault item with the same id (a
 * re-imported backup), else one with the same type, name, username and websites (logins) or the
 * same content (other types). Identical items are skipped; changed ones replace the vault's when
 * the file's revisionDate is newer, and are skipped when older. "Import all" adds everything,
 * giving copies new ids, so both versions are kept.
 */
import type { Folder, Item } from './item';

export type DuplicatePolicy = 'skip' | 'all';

export interface ImportPlan {
  newFolders: Folder[];
  add: Item[];
  /** Vault items replaced by the file's newer version (vault ids kept). */
  update: Item[];
  identical: number;
  /** Changed in the vault since the file was made (the file's version is older): kept as is. */
  older: number;
}

export interface PlanInput {
  fileItems: Item[];
  fileFolders: Folder[];
  vaultItems: Item[];
  vaultFolders: Folder[];
  policy: DuplicatePolicy;
  newId(): string;
}

export function planImport(input: PlanInput): ImportPlan {
  const { folderIdFor, newFolders } = matchFolders(input);
  const vaultFolderName = new Map(input.vaultFolders.map((f) => [f.id, f.name]));
  const fileFolderName = new Map(input.fileFolders.map((f) => [f.id, f.name]));
  const folderOf = (item: Item, names: Map<string, string>) =>
    item.folderId === null ? null : (names.get(item.folderId) ?? null);
  const byId = new Map(input.vaultItems.map((item) => [item.id, item]));
  // Candidates by a short key; for types other than logins the content decides among them.
  const byKey = new Map<string, Item[]>();
  for (const item of input.vaultItems) {
    const key = matchKey(item);
    const bucket = byKey.get(key);
    if (bucket) bucket.push(item);
    else byKey.set(key, [item]);
  }
  const takenIds = new Set(input.vaultItems.map((i) => i.id));

  const plan: ImportPlan = { newFolders, add: [], update: [], identical: 0, older: 0 };
  for (const fileItem of input.fileItems) {
    const item = {
      ...fileItem,
      folderId: fileItem.folderId === null ? null : folderIdFor(fileItem.folderId),
    };
    if (input.policy === 'skip') {
      const candidates = byKey.get(matchKey(fileItem)) ?? [];
      const match =
        byId.get(fileItem.id) ??
        (fileItem.type === 1
          ? candidates[0]
          : candidates.find((c) => sameContent(c, fileItem, null, null)));
      if (match) {
        if (
          sameContent(
            fileItem,
            match,
            folderOf(fileItem, fileFolderName),
            folderOf(match, vaultFolderName),
          )
        ) {
          plan.identical++;
        } else if (Date.parse(fileItem.revisionDate) > Date.parse(match.revisionDate)) {
          plan.update.push({ ...item, id: match.id });
        } else {
          plan.older++;
        }
        continue;
      }
    }
    // Ids stay as in the file (a re-import then recognises them), unless one is taken.
    const id = takenIds.has(item.id) ? input.newId() : item.id;
    takenIds.add(id);
    plan.add.push({ ...item, id });
  }
  return plan;
}

/**
 * Folders are matched by name and never duplicated. A name like "Work/Clients" is kept whole:
 * as in Bitwarden, the "/" in the name is what nests it under "Work".
 */
function matchFolders(input: PlanInput): {
  folderIdFor(fileFolderId: string): string | null;
  newFolders: Folder[];
} {
  const byName = new Map(input.vaultFolders.map((f) => [f.name, f.id]));
  const takenIds = new Set(input.vaultFolders.map((f) => f.id));
  const newFolders: Folder[] = [];
  const ensure = (name: string, preferredId: string | null): string => {
    const existing = byName.get(name);
    if (existing) return existing;
    const id = preferredId && !takenIds.has(preferredId) ? preferredId : input.newId();
    takenIds.add(id);
    byName.set(name, id);
    newFolders.push({ id, name });
    return id;
  };
  const fileIdToVaultId = new Map<string, string>();
  for (const folder of input.fileFolders)
    fileIdToVaultId.set(folder.id, ensure(folder.name, folder.id));
  return {
    // An item naming a folder the file does not have goes in no folder.
    folderIdFor: (fileFolderId) => fileIdToVaultId.get(fileFolderId) ?? null,
    newFolders,
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
function sameContent(a: Item, b: Item, folderA: string | null, folderB: string | null): boolean {
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
