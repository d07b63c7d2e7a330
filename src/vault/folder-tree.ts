/**
 * Folders drawn as a tree: Bitwarden (and so Coffer's files) keeps every folder as one name and
 * nests by its slashes, `Family/Kids` inside `Family`. The tree is only how they are shown; the
 * names are never rewritten. A parent nobody created (`Family` when only `Family/Kids` exists) is
 * in the tree without an id.
 */
import type { Folder } from './item';

export interface FolderNode {
  /** The folder with this whole name; null for a parent only its children name. */
  id: string | null;
  /** The whole name: `Family/Kids`. */
  path: string;
  /** The last part: `Kids`. */
  label: string;
  depth: number;
}

/** A name's parts, or the whole name as one part when a part would be empty (`a//b`, `/a`). */
function partsOf(name: string): string[] {
  const parts = name.split('/');
  return parts.some((p) => p.trim() === '') ? [name] : parts;
}

function compareParts(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = a[i]!.localeCompare(b[i]!);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** Every folder and implied parent, parents right before their children, siblings by name. */
export function folderTree(folders: readonly Folder[]): FolderNode[] {
  const byPath = new Map<string, string | null>();
  for (const folder of folders) {
    const parts = partsOf(folder.name);
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (!byPath.has(parent)) byPath.set(parent, null);
    }
    if (byPath.get(folder.name) == null) byPath.set(folder.name, folder.id);
  }
  return [...byPath]
    .map(([path, id]) => ({ path, id, parts: partsOf(path) }))
    .sort((a, b) => compareParts(a.parts, b.parts))
    .map(({ path, id, parts }) => ({ id, path, label: parts.at(-1)!, depth: parts.length - 1 }));
}

/** The label a one-line list (a select) shows for a node: indented by its depth. */
export function indentedLabel(node: FolderNode): string {
  // Em spaces: a select's option text keeps them, where ordinary spaces would be collapsed.
  return `${'\u2003'.repeat(node.depth)}${node.label}`;
}
