import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import type { AccountRecord, ItemRecord } from '@/src/store/records';
import { DB_NAME, DB_VERSION } from '@/src/store/schema';
import { openVaultStore } from '@/src/store/vault-store';
import { PAGE_SIZE, directoryOf } from '@/src/store/item-pages';
import { DEFAULT_SETTINGS } from '@/src/vault/settings';
import type { EncText } from '@/src/vault/item';

const enc = (s: string) => `2.${s}` as EncText;

function itemRecord(id: string, folderId: string | null = null): ItemRecord {
  return {
    id,
    folderId,
    organizationId: null,
    collectionIds: null,
    name: enc(`name-${id}`),
    notes: null,
    type: 2,
    secureNote: { type: 0 },
    favorite: false,
    reprompt: 0,
    passwordHistory: null,
    revisionDate: '2025-01-01T00:00:00.000Z',
    creationDate: '2025-01-01T00:00:00.000Z',
    deletedDate: null,
  };
}

const ACCOUNT: AccountRecord = {
  email: 'a@example.com',
  kdf: { type: 'pbkdf2', iterations: 600_000 },
  protectedUserKey: '2.x|y|z',
  keyGeneration: 1,
  keyCreatedAt: '2025-01-01T00:00:00.000Z',
  createdAt: '2025-01-01T00:00:00.000Z',
  masterPasswordHint: null,
};

/** Everything in the database, for byte-for-byte before/after comparisons. */
async function snapshot(): Promise<unknown> {
  const db = await openDB(DB_NAME);
  const out: Record<string, unknown> = {};
  for (const name of db.objectStoreNames) out[name] = await db.getAll(name);
  db.close();
  return JSON.parse(JSON.stringify(out));
}

describe('schema upgrade ladder', () => {
  it('creates every store on a new database, with default settings', async () => {
    const store = await openVaultStore();
    expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await store.listItems()).toEqual([]);
    store.close();
    const db = await openDB(DB_NAME);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'account',
      'attachmentData',
      'attachments',
      'backups',
      'folders',
      'generatorHistory',
      'itemDirectory',
      'itemPages',
      'listSnapshot',
      'settings',
    ]);
    db.close();
  });

  it('upgrades a version-1 database and keeps its data, giving the account its key generation', async () => {
    // A database as version 1 of Coffer wrote it: no settings store, accounts without generations.
    const v1 = await openDB(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore('account');
        db.createObjectStore('folders', { keyPath: 'id' });
        db.createObjectStore('items', { keyPath: 'id' }).createIndex('by-folder', 'folderId');
        db.createObjectStore('backups', { keyPath: 'seq', autoIncrement: true });
      },
    });
    const { keyGeneration: _g, keyCreatedAt: _k, ...v1Account } = ACCOUNT;
    await v1.put('account', v1Account, 'account');
    await v1.put('items', itemRecord('one'));
    await v1.put('folders', { id: 'f', name: enc('folder') });
    v1.close();

    const store = await openVaultStore();
    expect(await store.getAccount()).toEqual({
      ...ACCOUNT,
      keyGeneration: 1,
      keyCreatedAt: ACCOUNT.createdAt,
    });
    expect(await store.listItems()).toEqual([itemRecord('one')]);
    expect(await store.listFolders()).toEqual([{ id: 'f', name: enc('folder') }]);
    expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
    store.close();
  });
});

describe('writes', () => {
  it('apply puts and deletes of items and folders together', async () => {
    const store = await openVaultStore();
    await store.write({
      putItems: [itemRecord('a'), itemRecord('b')],
      putFolders: [{ id: 'f', name: enc('f') }],
    });
    await store.write({ deleteItemIds: ['a'], putItems: [itemRecord('c', 'f')] });
    expect((await store.listItems()).map((r) => r.id)).toEqual(['b', 'c']);
    store.close();
  });

  it('change nothing when one record of a write is refused', async () => {
    const store = await openVaultStore();
    await store.createAccount(ACCOUNT);
    await store.write({ putItems: [itemRecord('a')] });
    const before = await snapshot();
    // The last record has no id (the key path): IndexedDB refuses it, and the whole write aborts.
    const broken = { ...itemRecord('x'), id: undefined } as unknown as ItemRecord;
    await expect(
      store.write({
        account: { ...ACCOUNT, keyGeneration: 2 },
        deleteItemIds: ['a'],
        putItems: [itemRecord('b'), broken],
        putFolders: [{ id: 'f', name: enc('f') }],
      }),
    ).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
    expect(await snapshot()).toEqual(before);
    store.close();
  });

  it('replace the whole vault in one step, or leave it as it was', async () => {
    const store = await openVaultStore();
    await store.write({ putItems: [itemRecord('old1'), itemRecord('old2')] });
    const before = await snapshot();
    const broken = { ...itemRecord('x'), id: 42n } as unknown as ItemRecord;
    await expect(
      store.write({ replaceAll: true, putItems: [itemRecord('new'), broken] }),
    ).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
    await store.write({ replaceAll: true, putItems: [itemRecord('new')] });
    expect((await store.listItems()).map((r) => r.id)).toEqual(['new']);
    store.close();
  });

  it('refuse a second account and keep the first', async () => {
    const store = await openVaultStore();
    await store.createAccount(ACCOUNT);
    await expect(store.createAccount({ ...ACCOUNT, email: 'b@example.com' })).rejects.toMatchObject(
      {
        code: 'ERR_ACCOUNT_EXISTS',
      },
    );
    expect((await store.getAccount())?.email).toBe('a@example.com');
    store.close();
  });

  it('delete everything in one step and reset the settings', async () => {
    const store = await openVaultStore();
    await store.createAccount(ACCOUNT);
    await store.write({ putItems: [itemRecord('a')] });
    await store.putSettings({ ...DEFAULT_SETTINGS, vaultTimeout: 60 });
    await store.addBackup({
      date: 'd',
      fileName: 'f',
      format: 'json',
      kind: 'plain',
      itemCount: 1,
      folderCount: 0,
      keyGeneration: 1,
    });
    await store.deleteEverything();
    expect(await store.getAccount()).toBeUndefined();
    expect(await store.listItems()).toEqual([]);
    expect(await store.listBackups()).toEqual([]);
    expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
    store.close();
  });
});

describe('order', () => {
  it('lists items and folders in the order they were added; an update keeps its place', async () => {
    const store = await openVaultStore();
    await store.write({
      putItems: [itemRecord('c'), itemRecord('a')],
      putFolders: [{ id: 'z', name: enc('z') }],
    });
    await store.write({ putItems: [itemRecord('b')], putFolders: [{ id: 'y', name: enc('y') }] });
    await store.write({ putItems: [{ ...itemRecord('c'), favorite: true }] });
    expect((await store.listItems()).map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect((await store.listFolders()).map((r) => r.id)).toEqual(['z', 'y']);
    expect((await store.getItem('c'))?.favorite).toBe(true);
    expect(await store.getItem('c')).not.toHaveProperty('seq');
    await store.write({ replaceAll: true, putItems: [itemRecord('b'), itemRecord('c')] });
    expect((await store.listItems()).map((r) => r.id)).toEqual(['b', 'c']);
    store.close();
  });
});

describe('counts', () => {
  it('count items by type and by folder without reading them, also after an upgrade', async () => {
    const store = await openVaultStore();
    expect(await store.hasItems()).toBe(false);
    await store.write({
      putItems: [
        itemRecord('a', 'f'),
        itemRecord('b'),
        { ...itemRecord('c', 'f'), type: 5 } as unknown as ItemRecord,
      ],
      putFolders: [{ id: 'f', name: enc('f') }],
    });
    expect((await store.itemCounts()).ofType(2)).toBe(2);
    expect((await store.itemCounts()).ofType(5)).toBe(1);
    expect((await store.itemCounts()).ofType(1)).toBe(0);
    expect((await store.itemCounts()).inFolder('f')).toBe(2);
    expect((await store.itemCounts()).inFolder(null)).toBe(1);
    expect(await store.countItems()).toBe(3);
    expect(await store.hasItems()).toBe(true);
    // Every item deleted: their pages go with them, so the vault reads as empty.
    await store.write({ deleteItemIds: ['a', 'b', 'c'] });
    expect(await store.hasItems()).toBe(false);
    expect(await store.countItems()).toBe(0);
    store.close();
  });
});

describe('pages', () => {
  const named = (prefix: string, n: number, folderId: string | null = null) =>
    Array.from({ length: n }, (_, i) =>
      itemRecord(`${prefix}${String(i).padStart(3, '0')}`, folderId),
    );

  it('keep a vault of several pages in order through imports, edits and deletions', async () => {
    const store = await openVaultStore();
    const imported = named('i', 2 * PAGE_SIZE + 50, 'f');
    await store.write({ putItems: imported });
    const added = named('n', 30);
    await store.write({
      putItems: [...added, { ...imported[3]!, favorite: true }],
      deleteItemIds: imported.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((r) => r.id),
    });
    const expected = [...imported.slice(0, PAGE_SIZE), ...imported.slice(2 * PAGE_SIZE), ...added];
    expect((await store.listItems()).map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect((await store.getItem(imported[3]!.id))?.favorite).toBe(true);
    expect(await store.getItem(imported[PAGE_SIZE]!.id)).toBeUndefined();
    expect(await store.getItem(added[29]!.id)).toEqual(added[29]);
    expect(await store.countItems()).toBe(expected.length);
    expect((await store.itemCounts()).inFolder('f')).toBe(PAGE_SIZE + 50);
    expect((await store.itemCounts()).inFolder(null)).toBe(30);
    expect((await store.itemCounts()).ofType(2)).toBe(expected.length);
    for (const size of [1, 150, 1000]) {
      const batches: string[][] = [];
      for await (const batch of store.itemBatches(size)) batches.push(batch.map((r) => r.id));
      expect(batches.flat()).toEqual(expected.map((r) => r.id));
      expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(
        Math.max(size, PAGE_SIZE) + PAGE_SIZE,
      );
    }
    // More than a few ids at once (the directory is read whole): a page emptied, others edited.
    await store.write({ deleteItemIds: imported.slice(0, PAGE_SIZE).map((r) => r.id) });
    expect((await store.listItems()).map((r) => r.id)).toEqual(
      [...imported.slice(2 * PAGE_SIZE), ...added].map((r) => r.id),
    );
    store.close();
  });

  it('put a rotated vault back page for page, its directory untouched', async () => {
    const store = await openVaultStore();
    const imported = named('i', 3 * PAGE_SIZE, 'f');
    await store.write({
      putItems: imported,
      putFolders: [{ id: 'f', name: enc('f') }],
    });
    // Pages no longer full nor numbered 1, 2, 3: page 2 emptied, the others part full, a new
    // page after them.
    await store.write({
      deleteItemIds: [...imported.slice(10, 20), ...imported.slice(PAGE_SIZE, 2 * PAGE_SIZE)].map(
        (r) => r.id,
      ),
    });
    await store.write({ putItems: named('n', 20) });
    const pages: { page: number; items: ItemRecord[] }[] = [];
    for await (const batch of store.itemPageBatches(150)) pages.push(...batch);
    expect(pages.map((p) => p.page)).toEqual([1, 3, 4]);
    const rotated = pages.map(({ page, items }) => ({
      page,
      items: items.map((r) => ({ ...r, name: enc(`rotated-${r.id}`) })),
    }));
    const directory = async () => {
      const db = await openDB(DB_NAME);
      const records = await db.getAll('itemDirectory');
      db.close();
      return records;
    };
    const directoryBefore = await directory();
    const order = (await store.listItems()).map((r) => r.id);
    await store.write({
      replaceAll: true,
      itemPages: rotated,
      putFolders: [{ id: 'f', name: enc('f2') }],
    });
    expect(await directory()).toEqual(directoryBefore);
    expect((await store.listItems()).map((r) => r.id)).toEqual(order);
    expect((await store.listItems()).every((r) => r.name === enc(`rotated-${r.id}`))).toBe(true);
    expect((await store.getItem('n005'))?.name).toBe(enc('rotated-n005'));
    expect(await store.countItems()).toBe(order.length);
    expect((await store.itemCounts()).inFolder('f')).toBe(3 * PAGE_SIZE - PAGE_SIZE - 10);
    expect((await store.listFolders())[0]!.name).toBe(enc('f2'));
    store.close();
  });

  it('refuse, whole, rotated pages that are not the pages stored', async () => {
    const store = await openVaultStore();
    await store.write({
      putItems: named('i', 2 * PAGE_SIZE + 5),
      putFolders: [{ id: 'f', name: enc('f') }],
    });
    const pages: { page: number; items: ItemRecord[] }[] = [];
    for await (const batch of store.itemPageBatches(1000)) pages.push(...batch);
    expect(pages.map((p) => p.items.length)).toEqual([PAGE_SIZE, PAGE_SIZE, 5]);
    const before = await snapshot();
    const swapped = [...pages[0]!.items];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    const refused = [
      // A page left out: its items would stay under the old key.
      { replaceAll: true, itemPages: pages.slice(0, 2) },
      // A page more than the store holds.
      { replaceAll: true, itemPages: [...pages, { page: 9, items: named('x', 1) }] },
      // Two items in each other's place.
      { replaceAll: true, itemPages: [{ page: 1, items: swapped }, ...pages.slice(1)] },
      // An item another page does not name.
      {
        replaceAll: true,
        itemPages: [
          ...pages.slice(0, 2),
          { page: 3, items: [...pages[2]!.items, ...named('x', 1)] },
        ],
      },
      // The same page twice.
      { replaceAll: true, itemPages: [pages[0]!, pages[0]!, pages[1]!, pages[2]!] },
      // An item whose type changed: the directory's counts, kept as they are, would be wrong.
      {
        replaceAll: true,
        itemPages: [
          {
            page: 1,
            items: [
              { ...pages[0]!.items[0]!, type: 1 } as unknown as ItemRecord,
              ...pages[0]!.items.slice(1),
            ],
          },
          ...pages.slice(1),
        ],
      },
      // Not a whole-vault change, or items put or deleted beside the pages.
      { itemPages: pages },
      { replaceAll: true, itemPages: pages, putItems: named('y', 1) },
      { replaceAll: true, itemPages: pages, deleteItemIds: [pages[0]!.items[0]!.id] },
    ];
    for (const change of refused) {
      await expect(
        store.write({ ...change, putFolders: [{ id: 'f', name: enc('f2') }] }),
      ).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
      expect(await snapshot()).toEqual(before);
    }
    store.close();
  });

  it('refuse, whole, a change that would put one item on two pages', async () => {
    const store = await openVaultStore();
    await store.write({ putItems: named('a', PAGE_SIZE + 1) });
    const before = await snapshot();
    // A record claiming an id another page holds, written the way the store never writes it.
    const db = await openDB(DB_NAME);
    await expect(
      db.put('itemDirectory', { page: 99, ids: ['a000'], types: [], folders: [] }),
    ).rejects.toThrow();
    db.close();
    expect(await snapshot()).toEqual(before);
    store.close();
  });

  it('move a version-6 vault’s items into pages in their order when the database is upgraded', async () => {
    const v6 = await openDB(DB_NAME, 6, {
      upgrade(db) {
        db.createObjectStore('account');
        db.createObjectStore('folders', { keyPath: 'id' }).createIndex('by-seq', 'seq');
        const items = db.createObjectStore('items', { keyPath: 'id' });
        items.createIndex('by-folder', 'folderId');
        items.createIndex('by-seq', 'seq');
        items.createIndex('by-type', 'type');
        db.createObjectStore('backups', { keyPath: 'seq', autoIncrement: true });
        db.createObjectStore('settings');
        const attachments = db.createObjectStore('attachments', { keyPath: 'id' });
        attachments.createIndex('by-item', 'itemId');
        attachments.createIndex('by-seq', 'seq');
        db.createObjectStore('attachmentData', { keyPath: 'id' });
        db.createObjectStore('listSnapshot');
        db.createObjectStore('generatorHistory');
      },
    });
    // Added in an order unlike their ids: the vault's order is seq's.
    const items = named('v', 2 * PAGE_SIZE + 7, 'f').reverse();
    const tx = v6.transaction('items', 'readwrite');
    await Promise.all([
      ...items.map((record, i) => tx.store.put({ ...record, seq: i + 1 })),
      tx.done,
    ]);
    v6.close();

    const store = await openVaultStore();
    expect(await store.listItems()).toEqual(items);
    expect((await store.itemCounts()).inFolder('f')).toBe(items.length);
    expect(await store.getItem('v004')).toEqual(itemRecord('v004', 'f'));
    store.close();
    const db = await openDB(DB_NAME);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).not.toContain('items');
    expect(await db.count('itemPages')).toBe(3);
    db.close();
  });

  // Export and rotation read pages in batches, several batches under way at once.
  it('read several batches ahead and hand them over in order, each whole', async () => {
    const store = await openVaultStore();
    for await (const batch of store.itemBatches(PAGE_SIZE)) expect(batch).toEqual([]);
    const items = named('i', 13 * PAGE_SIZE + 7);
    await store.write({ putItems: items });
    const opened = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const batches: string[][] = [];
    for await (const batch of store.itemBatches(2 * PAGE_SIZE)) {
      // By the time the first batch is handed over, the pages' keys and the next batches are
      // being read, each in a transaction of its own.
      if (batches.length === 0) expect(opened.mock.calls.length).toBeGreaterThanOrEqual(5);
      batches.push(batch.map((r) => r.id));
    }
    opened.mockRestore();
    expect(batches.map((b) => b.length)).toEqual([
      ...Array<number>(6).fill(2 * PAGE_SIZE),
      PAGE_SIZE + 7,
    ]);
    expect(batches.flat()).toEqual(items.map((r) => r.id));
    store.close();
  });

  it('read a vault whose pages are smaller than PAGE_SIZE in batches of about the size asked', async () => {
    // Pages of 100 items, as every vault written before PAGE_SIZE was 250 keeps them.
    const store = await openVaultStore();
    const items = named('o', 2034);
    const db = await openDB(DB_NAME);
    const tx = db.transaction(['itemPages', 'itemDirectory'], 'readwrite');
    for (let start = 0, page = 1; start < items.length; start += 100, page++) {
      const pageItems = items.slice(start, start + 100);
      void tx.objectStore('itemPages').put(pageItems, page);
      void tx.objectStore('itemDirectory').put(directoryOf({ page, items: pageItems }));
    }
    await tx.done;
    db.close();
    const batches: string[][] = [];
    for await (const batch of store.itemBatches(500)) batches.push(batch.map((r) => r.id));
    // The reads started before any page was seen go by PAGE_SIZE (two pages for 500 items);
    // once pages of 100 are seen, five pages a batch.
    expect(batches.map((b) => b.length)).toEqual([200, 200, 200, 200, 500, 500, 234]);
    expect(batches.flat()).toEqual(items.map((r) => r.id));
    expect(await store.countItems()).toBe(items.length);
    // A new item goes after the last, into its page while it has room below PAGE_SIZE.
    await store.write({ putItems: named('n', 1) });
    expect((await store.listItems()).map((r) => r.id)).toEqual(
      [...items, ...named('n', 1)].map((r) => r.id),
    );
    store.close();
  });

  it('read the pages as they are when their batch is read, gone or added after the start', async () => {
    const store = await openVaultStore();
    const items = named('i', 6 * PAGE_SIZE);
    await store.write({ putItems: items });
    const batches = store.itemPageBatches(PAGE_SIZE)[Symbol.asyncIterator]();
    const first = await batches.next();
    expect(first.done ? [] : first.value.map((p) => p.page)).toEqual([1]);
    // Reads are under way for the pages after it; page 5's has not begun, nor the last one's.
    await store.write({
      deleteItemIds: items.slice(4 * PAGE_SIZE, 5 * PAGE_SIZE).map((r) => r.id),
    });
    const added = named('n', 20);
    await store.write({ putItems: added });
    const pages: number[] = [];
    const ids: string[] = [];
    for (let read = await batches.next(); !read.done; read = await batches.next()) {
      for (const { page, items: onPage } of read.value) {
        pages.push(page);
        ids.push(...onPage.map((r) => r.id));
      }
    }
    expect(pages).toEqual([2, 3, 4, 6, 7]);
    expect(ids).toEqual(
      [...items.slice(PAGE_SIZE, 4 * PAGE_SIZE), ...items.slice(5 * PAGE_SIZE), ...added].map(
        (r) => r.id,
      ),
    );
    store.close();
  });

  it('stop reading early, leaving the store as it was and usable', async () => {
    const store = await openVaultStore();
    await store.write({ putItems: named('i', 10 * PAGE_SIZE) });
    const before = await snapshot();
    for await (const batch of store.itemBatches(PAGE_SIZE)) {
      expect(batch).toHaveLength(PAGE_SIZE);
      break;
    }
    expect(await snapshot()).toEqual(before);
    await store.write({ putItems: named('n', 1) });
    expect(await store.countItems()).toBe(10 * PAGE_SIZE + 1);
    store.close();
  });
});
