import { describe, expect, it } from 'vitest';
import { folderTree, indentedLabel } from '@/src/vault/folder-tree';

const folder = (id: string, name: string) => ({ id, name });

describe('folders as a tree', () => {
  it('puts children under their parents, adding parents nobody created, siblings by name', () => {
    const tree = folderTree([
      folder('k', 'Family/Kids'),
      folder('w', 'Work'),
      folder('a', 'Arbeit'),
      folder('s', 'Family/Kids/School'),
      folder('p', 'Family/Parents'),
    ]);
    expect(tree.map((n) => [n.path, n.id, n.label, n.depth])).toEqual([
      ['Arbeit', 'a', 'Arbeit', 0],
      ['Family', null, 'Family', 0],
      ['Family/Kids', 'k', 'Kids', 1],
      ['Family/Kids/School', 's', 'School', 2],
      ['Family/Parents', 'p', 'Parents', 1],
      ['Work', 'w', 'Work', 0],
    ]);
    expect(indentedLabel(tree[3]!)).toBe('\u2003\u2003School');
  });

  it('keeps a created parent’s id, and a name with an empty part whole', () => {
    const tree = folderTree([folder('c', 'a/b'), folder('p', 'a'), folder('x', 'odd//name')]);
    expect(tree.map((n) => [n.path, n.id, n.depth])).toEqual([
      ['a', 'p', 0],
      ['a/b', 'c', 1],
      ['odd//name', 'x', 0],
    ]);
  });
});
