/**
 * How a backup file differs from the vault (Tools → Verify backup): items only in the file, only
 * in the vault, and in both but changed, matched as an import would match them; for a backup
 * with attachments, theirs too (attachment-diff.ts), added by the background, which reads them.
 */
import type { AttachmentsDiff } from './attachment-diff';
import type { Folder, Item } from './item';
import { createMatcher, sameContent } from './item-match';

export interface BackupDiff {
  same: number;
  /** Names, in the file's order. */
  onlyInFile: string[];
  /** Names, in the vault's order. */
  onlyInVault: string[];
  /** Names of items in both whose content differs (the file's name). */
  changed: string[];
  /**
   * The attachments of the items in both; absent for a backup without attachments when the
   * vault has none either.
   */
  attachments?: AttachmentsDiff;
}

export interface BackupComparison {
  diff: BackupDiff;
  /** For each of the file's items, in its order, the vault item it matched; undefined if none. */
  matches: (Item | undefined)[];
}

type Contents = { items: Item[]; folders: Folder[] };

export function diffBackup(file: Contents, vault: Contents): BackupDiff {
  return compareBackup(file, vault).diff;
}

export function compareBackup(file: Contents, vault: Contents): BackupComparison {
  const fileFolders = new Map(file.folders.map((f) => [f.id, f.name]));
  const vaultFolders = new Map(vault.folders.map((f) => [f.id, f.name]));
  const folderOf = (item: Item, names: Map<string, string>) =>
    item.folderId === null ? null : (names.get(item.folderId) ?? null);
  const matcher = createMatcher(vault.items);
  const matched = new Set<string>();
  const diff: BackupDiff = { same: 0, onlyInFile: [], onlyInVault: [], changed: [] };
  const matches = file.items.map((item) => {
    const match = matcher.find(item);
    if (!match) {
      diff.onlyInFile.push(item.name);
      return undefined;
    }
    matched.add(match.id);
    if (sameContent(item, match, folderOf(item, fileFolders), folderOf(match, vaultFolders))) {
      diff.same++;
    } else {
      diff.changed.push(item.name);
    }
    return match;
  });
  diff.onlyInVault = vault.items.filter((i) => !matched.has(i.id)).map((i) => i.name);
  return { diff, matches };
}
