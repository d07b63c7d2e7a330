/**
 * What an import does to the vault, decided before anything is written (formats.md, "Import:
 * guarantees"): which folders to create, which items to add, which to update and which to skip
 * as duplicates.
 *
 * Duplicates ("Skip duplicates", the default): an item matches a vault item as item-match.ts
 * says (same id, else same login or same content). Identical items are skipped; changed ones
 * update the vault's when the file's revisionDate is newer, and are skipped when older. An update
 * merges (item-merge.ts): it never drops what the vault's item has and the file lacks. "Import
 * all" adds everything, giving copies new ids, so both versions are kept.
 *
 * A file's dates are clamped to now before anything else: a date in the future is a mistake or
 * an attack (a file that always "wins"), and it would also make every later edit look older.
 */
import type { Folder, Item } from './item';
import { createMatcher, sameContent } from './item-match';
import { mergeItem, type KeptData } from './item-merge';

export type DuplicatePolicy = 'skip' | 'all';

export interface ImportPlan {
  newFolders: Folder[];
  add: Item[];
  /** Vault items updated by the file's newer version, merged (vault ids kept). */
  update: Item[];
  /** Per update, in the same order: the item's name and what of the vault's item is kept. */
  updateNotes: UpdateNote[];
  identical: number;
  /** Changed in the vault since the file was made (the file's version is older): kept as is. */
  older: number;
  /**
   * Where each file item is in the vault once imported, in the file's order: the id it is added
   * under, or the id of the vault item it matched (updated, identical or older). Its attachments
   * go there.
   */
  vaultIds: string[];
}

export interface UpdateNote {
  name: string;
  kept: KeptData[];
}

export interface PlanInput {
  fileItems: Item[];
  fileFolders: Folder[];
  vaultItems: Item[];
  vaultFolders: Folder[];
  policy: DuplicatePolicy;
  newId(): string;
  /** ISO 8601: no file date may be later. */
  now: string;
}

export function planImport(input: PlanInput): ImportPlan {
  const { folderIdFor, newFolders } = matchFolders(input);
  const vaultFolderName = new Map(input.vaultFolders.map((f) => [f.id, f.name]));
  const fileFolderName = new Map(input.fileFolders.map((f) => [f.id, f.name]));
  const folderOf = (item: Item, names: Map<string, string>) =>
    item.folderId === null ? null : (names.get(item.folderId) ?? null);
  // Where merged items end up, for telling whether a merge changed anything.
  const plannedFolderName = new Map(
    [...input.vaultFolders, ...newFolders].map((f) => [f.id, f.name]),
  );
  const matcher = createMatcher(input.vaultItems);
  const takenIds = new Set(input.vaultItems.map((i) => i.id));

  const plan: ImportPlan = {
    newFolders,
    add: [],
    update: [],
    updateNotes: [],
    identical: 0,
    older: 0,
    vaultIds: [],
  };
  for (const fileItem of input.fileItems) {
    const item = clampDates(
      {
        ...fileItem,
        folderId: fileItem.folderId === null ? null : folderIdFor(fileItem.folderId),
      },
      input.now,
    );
    if (input.policy === 'skip') {
      const found = matcher.find(fileItem);
      // An item cannot change type: a file item of another type under a vault id is another item.
      const match = found?.type === item.type ? found : undefined;
      if (match) {
        plan.vaultIds.push(match.id);
        if (
          sameContent(
            fileItem,
            match,
            folderOf(fileItem, fileFolderName),
            folderOf(match, vaultFolderName),
          )
        ) {
          plan.identical++;
        } else if (Date.parse(item.revisionDate) > Date.parse(match.revisionDate)) {
          const merged = mergeItem(match, { ...item, id: match.id });
          const folderOfMerged = folderOf(merged.item, plannedFolderName);
          if (sameContent(merged.item, match, folderOfMerged, folderOf(match, vaultFolderName))) {
            // All the file would change is what it cannot carry: nothing to write.
            plan.identical++;
          } else {
            plan.update.push(merged.item);
            plan.updateNotes.push({ name: merged.item.name, kept: merged.kept });
          }
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
    plan.vaultIds.push(id);
  }
  return plan;
}

/** The item with no date later than `now`: what is stored gets the clamped dates too. */
function clampDates(item: Item, now: string): Item {
  const clamp = (date: string) => (Date.parse(date) > Date.parse(now) ? now : date);
  const out = {
    ...item,
    revisionDate: clamp(item.revisionDate),
    creationDate: clamp(item.creationDate),
  };
  if (out.type === 1 && out.login.passwordRevisionDate) {
    out.login = { ...out.login, passwordRevisionDate: clamp(out.login.passwordRevisionDate) };
  }
  return out;
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
