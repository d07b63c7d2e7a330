/**
 * Folders as a select's options, drawn as a tree (vault/folder-tree.ts): children indented under
 * their parents; a parent nobody created is shown, for its children, but cannot be chosen.
 */
import type { Folder } from '@/src/vault/item';
import { folderTree, indentedLabel } from '@/src/vault/folder-tree';
import type { SelectOption } from './components/SelectField';

/** Values for parents without a folder: never a folder id (those are UUIDs). */
const IMPLIED = 'implied:';

export function folderOptions(
  folders: readonly Folder[],
  counts?: Readonly<Record<string, number>>,
): SelectOption<string>[] {
  return folderTree(folders).map((node) =>
    node.id === null
      ? { value: IMPLIED + node.path, label: indentedLabel(node), disabled: true }
      : {
          value: node.id,
          label: counts ? `${indentedLabel(node)} (${counts[node.id] ?? 0})` : indentedLabel(node),
        },
  );
}
