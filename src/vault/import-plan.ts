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
  const byId = new Map(input.vaultItems.map((item) => [item.id, item]));
  const byKey = new Map<string, Item>();
  for (const item of input.vaultItems)
    if (!byKey.has(matchKey(item))) byKey.set(matchKey(item), item);
  const takenIds = new Set(input.vaultItems.map((i) => i.id));

  const plan: ImportPlan = { newFolders, add: [], update: [], identical: 0, older: 0 };
  const fileFolderName = new Map(input.fileFolders.map((f) => [f.id, f.name]));
  for (const fileItem of input.fileItems) {
    const item = {
      ...fileItem,
      folderId: fileItem.folderId === null ? null : folderIdFor(fileItem.folderId),
    };
    if (input.policy === 'skip') {
      const match = byId.get(fileItem.id) ?? byKey.get(matchKey(fileItem));
      if (match) {
        const folderOf = (i: Item, names: Map<string, string>) =>
          i.folderId === null ? null : (names.get(i.folderId) ?? null);
        if (
          contentKey(fileItem, folderOf(fileItem, fileFolderName)) ===
          contentKey(match, folderOf(match, vaultFolderName))
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

/** Type, name, username and websites for logins; the whole content for other types. */
export function matchKey(item: Item): string {
  if (item.type === 1) {
    const uris = (item.login.uris ?? []).map((u) => u.uri ?? '').sort();
    return canonicalJson([1, item.name, item.login.username ?? '', uris]);
  }
  return contentKey(item, null);
}

/** Everything a person sees of an item, ids and dates aside, with its folder by name. */
function contentKey(item: Item, folderName: string | null): string {
  const {
    id: _id,
    folderId: _folderId,
    revisionDate: _r,
    creationDate: _c,
    deletedDate: _d,
    ...content
  } = item;
  const comparable =
    content.type === 1
      ? { ...content, login: { ...content.login, passwordRevisionDate: undefined } }
      : content;
  return canonicalJson([folderName, comparable]);
}

/** JSON with object keys sorted, so equal content gives equal text whatever built the objects. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
