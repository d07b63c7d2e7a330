/**
 * How a backup file differs from the vault (Tools → Verify backup): items only in the file, only
 * in the vault, and in both but changed, matched as an import would match them.
 */
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
}

export function diffBackup(
  file: { items: Item[]; folders: Folder[] },
  vault: { items: Item[]; folders: Folder[] },
): BackupDiff {
  const fileFolders = new Map(file.folders.map((f) => [f.id, f.name]));
  const vaultFolders = new Map(vault.folders.map((f) => [f.id, f.name]));
  const folderOf = (item: Item, names: Map<string, string>) =>
    item.folderId === null ? null : (names.get(item.folderId) ?? null);
  const matcher = createMatcher(vault.items);
  const matched = new Set<string>();
  const diff: BackupDiff = { same: 0, onlyInFile: [], onlyInVault: [], changed: [] };
  for (const item of file.items) {
    const match = matcher.find(item);
    if (!match) {
      diff.onlyInFile.push(item.name);
      continue;
    }
    matched.add(match.id);
    if (sameContent(item, match, folderOf(item, fileFolders), folderOf(match, vaultFolders))) {
      diff.same++;
    } else {
      diff.changed.push(item.name);
    }
  }
  diff.onlyInVault = vault.items.filter((i) => !matched.has(i.id)).map((i) => i.name);
  return diff;
}
