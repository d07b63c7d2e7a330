/**
 * What an import does to the vault, decided before anything is written (formats.md, "Import:
 * guarantees"): which folders to create, which items to add, which to update and which to skip
 * as duplicates.
 *
 * Duplicates ("Skip duplicates", the default): an item matches a vault item as item-match.ts
 * says (same id, else same login or same content). Identical items are skipped; changed ones replace the vault's when
 * the file's revisionDate is newer, and are skipped when older. "Import all" adds everything,
 * giving copies new ids, so both versions are kept.
 */
import type { Folder, Item } from './item';
import { createMatcher, sameContent } from './item-match';

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
  const matcher = createMatcher(input.vaultItems);
  const takenIds = new Set(input.vaultItems.map((i) => i.id));

  const plan: ImportPlan = { newFolders, add: [], update: [], identical: 0, older: 0 };
  for (const fileItem of input.fileItems) {
    const item = {
      ...fileItem,
      folderId: fileItem.folderId === null ? null : folderIdFor(fileItem.folderId),
    };
    if (input.policy === 'skip') {
      const match = matcher.find(fileItem);
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
