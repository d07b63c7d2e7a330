import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, countsOf, directoryOf, editPages, paginate } from '@/src/store/item-pages';
import type { ItemRecord } from '@/src/store/records';

function item(id: string, folderId: string | null = null, type = 1): ItemRecord {
  return { id, folderId, type, name: `2.${id}` } as unknown as ItemRecord;
}

const ids = (items: ItemRecord[]) => items.map((i) => i.id);
const many = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => item(`${prefix}${i}`));

describe('item pages', () => {
  it('lay items out in order, PAGE_SIZE to a page, numbered from the first', () => {
    const items = many(PAGE_SIZE * 2 + 1, 'i');
    const pages = paginate(items, 3);
    expect(pages.map((p) => [p.page, p.items.length])).toEqual([
      [3, PAGE_SIZE],
      [4, PAGE_SIZE],
      [5, 1],
    ]);
    expect(pages.flatMap((p) => ids(p.items))).toEqual(ids(items));
    expect(paginate([])).toEqual([]);
  });

  it('name each page’s items and count them by type and by folder', () => {
    const directory = directoryOf({
      page: 2,
      items: [item('a', 'f', 3), item('b', null, 1), item('c', 'f', 3), item('d', 'g', 1)],
    });
    expect(directory).toEqual({
      page: 2,
      ids: ['a', 'b', 'c', 'd'],
      types: new Map([
        [3, 2],
        [1, 2],
      ]),
      folders: new Map([
        ['f', 2],
        ['g', 1],
      ]),
    });
  });

  it('add the counts up over the directory, items in no folder included', () => {
    const counts = countsOf([
      directoryOf({ page: 1, items: [item('a', 'f', 3), item('b', null, 1)] }),
      directoryOf({ page: 2, items: [item('c', 'f', 3), item('d', '__proto__', 2)] }),
    ]);
    expect(counts.items).toBe(4);
    expect([1, 2, 3, 4].map(counts.ofType)).toEqual([1, 1, 2, 0]);
    expect(counts.inFolder('f')).toBe(2);
    // Folder ids come from imported files: any text is only a key.
    expect(counts.inFolder('__proto__')).toBe(1);
    expect(counts.inFolder('toString')).toBe(0);
    expect(counts.inFolder(null)).toBe(1);
    expect(countsOf([]).inFolder(null)).toBe(0);
  });

  it('replace a stored item where it is and put new ones after the last, filling the last page first', () => {
    const first = many(PAGE_SIZE, 'a');
    const last = many(PAGE_SIZE - 1, 'b');
    const edit = editPages(
      {
        pageOf: new Map([['a5', 1]]),
        pages: new Map([
          [1, first],
          [2, last],
        ]),
        lastPage: 2,
      },
      [item('new1'), { ...item('a5'), favorite: true } as ItemRecord, item('new2')],
      [],
    );
    expect(edit.deleted).toEqual([]);
    expect(edit.put.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(edit.put[0]!.items[5]).toMatchObject({ id: 'a5', favorite: true });
    expect(edit.put[0]!.items).toHaveLength(PAGE_SIZE);
    expect(ids(edit.put[1]!.items).at(-1)).toBe('new1');
    expect(ids(edit.put[2]!.items)).toEqual(['new2']);
    // What was read is not changed: a failed write leaves nothing half-edited in memory either.
    expect(first[5]).not.toHaveProperty('favorite');
  });

  it('delete items, report pages left empty, and keep an id put twice once, in its first place', () => {
    const edit = editPages(
      {
        pageOf: new Map([
          ['x', 4],
          ['y', 7],
          ['z', 7],
        ]),
        pages: new Map([
          [4, [item('w'), item('x')]],
          [7, [item('y'), item('z')]],
        ]),
        lastPage: 7,
      },
      [item('n'), item('m'), { ...item('n'), folderId: 'f' } as ItemRecord],
      ['x', 'y', 'z', 'gone'],
    );
    expect(edit.deleted).toEqual([]);
    expect(edit.put.map((p) => [p.page, ids(p.items)])).toEqual([
      [4, ['w']],
      [7, ['n', 'm']],
    ]);
    expect(edit.put[1]!.items[0]!.folderId).toBe('f');
    const emptied = editPages(
      {
        pageOf: new Map([['x', 4]]),
        pages: new Map([
          [4, [item('x')]],
          [5, [item('v')]],
        ]),
        lastPage: 5,
      },
      [],
      ['x'],
    );
    expect(emptied).toEqual({ put: [], deleted: [4] });
  });

  it('start the first page of an empty vault at 1', () => {
    const edit = editPages(
      { pageOf: new Map(), pages: new Map(), lastPage: undefined },
      [item('a')],
      [],
    );
    expect(edit.put.map((p) => [p.page, ids(p.items)])).toEqual([[1, ['a']]]);
  });
});
