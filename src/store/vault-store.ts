/**
 * The only door to IndexedDB. It stores and returns records; it never sees a key. Any write that
 * touches several records happens in one transaction, so it lands whole or not at all: callers do
 * all their crypto first and hand the finished records over.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { CofferError } from '@/src/errors/coffer-error';
import { DEFAULT_SETTINGS } from '@/src/vault/settings';
import { DB_NAME, DB_VERSION, upgradeSchema, type CofferDb, type Stored } from './schema';
import {
  PAGE_SIZE,
  countsOf,
  directoryOf,
  editPages,
  paginate,
  type ItemPage,
  type PageDirectory,
  type PagesRead,
  type VaultCounts,
} from './item-pages';
import type {
  AccountRecord,
  AttachmentDataRecord,
  AttachmentRecord,
  BackupRecord,
  FolderRecord,
  ItemRecord,
  SettingsRecord,
} from './records';

/** One all-or-nothing change to the vault. */
export interface VaultChange {
  account?: AccountRecord;
  putItems?: ItemRecord[];
  /** Deleting an item deletes its attachments, records and content, in the same transaction. */
  deleteItemIds?: string[];
  putFolders?: FolderRecord[];
  deleteFolderIds?: string[];
  putAttachments?: AttachmentRecord[];
  putAttachmentData?: AttachmentDataRecord[];
  /** Deletes each attachment's record and content. */
  deleteAttachmentIds?: string[];
  /**
   * Empty the items, folders and attachment records first (key rotation writes the whole vault
   * anew). Attachment content is kept for the attachments in `putAttachments` (rotation re-wraps
   * their keys and leaves the content as it is) and dropped for any other, which nothing could
   * decrypt any more.
   */
  replaceAll?: boolean;
  /**
   * With `replaceAll`, instead of `putItems`: every item anew on the page it is on now, in the
   * same place (key rotation changes what items hold, never which page holds them). The page
   * directory then stays as it is: rewriting it, every item's entry in its index deleted and
   * made again, was half of the write (250 of 500 ms for 10,000 items in Chromium). Refused, with
   * nothing written, unless these are exactly the pages stored, each with the items it names.
   */
  itemPages?: ItemPage[];
  /** The generator's history, re-encrypted (rotation); null deletes it. */
  generatorHistory?: string | null;
}

export interface VaultStore {
  getAccount(): Promise<AccountRecord | undefined>;
  /** Writes the first account record; refuses if one exists (checked inside the transaction). */
  createAccount(account: AccountRecord): Promise<void>;
  listItems(): Promise<ItemRecord[]>;
  countItems(): Promise<number>;
  /**
   * Whether the vault holds any item: a count of the pages (an emptied page is deleted), a few
   * milliseconds where counting the items takes tens (every popup's backup reminder asks).
   */
  hasItems(): Promise<boolean>;
  /**
   * The vault's items counted by type (1 login … 5 SSH key) and by folder (null: in no folder),
   * from one read of the page directory: the items themselves are never read for it.
   */
  itemCounts(): Promise<VaultCounts>;
  /**
   * The items in vault order, a batch at a time, each batch read in its own transaction, so a
   * large vault is never held in memory at once.
   */
  itemBatches(size: number): AsyncGenerator<ItemRecord[]>;
  /** The same, as the pages that hold them (key rotation puts each page back where it was). */
  itemPageBatches(size: number): AsyncGenerator<ItemPage[]>;
  getItem(id: string): Promise<ItemRecord | undefined>;
  listFolders(): Promise<FolderRecord[]>;
  getFolder(id: string): Promise<FolderRecord | undefined>;
  /** An item's attachments in the order they were added. */
  listAttachments(itemId: string): Promise<AttachmentRecord[]>;
  /** Every attachment of the vault in the order they were added (rotation, exports). */
  listAllAttachments(): Promise<AttachmentRecord[]>;
  getAttachment(id: string): Promise<AttachmentRecord | undefined>;
  /** An attachment's encrypted content. */
  getAttachmentData(id: string): Promise<Uint8Array | undefined>;
  /** What the vault's attachments add up to, in bytes before encryption. */
  totalAttachmentBytes(): Promise<number>;
  /**
   * Deletes attachment content that has no description: what an import wrote before its items
   * and stopped (the worker was stopped between its two steps). Nothing can list or open such
   * content. Resolves to how many were deleted.
   */
  deleteUnreferencedAttachmentData(): Promise<number>;
  /** Any write also deletes the list snapshot, in the same transaction. */
  write(change: VaultChange): Promise<void>;
  /** The vault list's encrypted snapshot, if no write came after it was put. */
  getListSnapshot(): Promise<Uint8Array | undefined>;
  /**
   * Keeps the list's encrypted snapshot. The transaction starts before this returns, so a write
   * begun after the call lands after it (and deletes it): the caller checks right before calling
   * that nothing was written since the snapshot's summaries were read.
   */
  putListSnapshot(snapshot: Uint8Array): Promise<void>;
  /** The generator's history (an EncString), if there is one. */
  getGeneratorHistory(): Promise<string | undefined>;
  /** Replaces the generator's history; null deletes it. Not a vault write: the list stays. */
  putGeneratorHistory(history: string | null): Promise<void>;
  getSettings(): Promise<SettingsRecord>;
  putSettings(settings: SettingsRecord): Promise<void>;
  addBackup(record: BackupRecord): Promise<void>;
  listBackups(): Promise<BackupRecord[]>;
  /** Removes the account and everything in the vault, in one transaction. */
  deleteEverything(): Promise<void>;
  close(): void;
}

/**
 * Batch reads under way at once while pages are read in order (export, key rotation). Chromium,
 * 50,000 items, .json / password protected: one at a time 5.9 / 7.1 s, three 5.2 / 6.1 s, six
 * 4.7 / 6.0 s; at 10,000 items eight was slower than four.
 */
const BATCH_READS_AHEAD = 4;

const ALL_STORES = [
  'account',
  'folders',
  'itemPages',
  'itemDirectory',
  'backups',
  'settings',
  'attachments',
  'attachmentData',
  'listSnapshot',
  'generatorHistory',
] as const;

/** What a new account starts without, whatever an earlier one left behind. */
const VAULT_STORES = [
  'itemPages',
  'itemDirectory',
  'folders',
  'backups',
  'attachments',
  'attachmentData',
  'listSnapshot',
  'generatorHistory',
] as const;

export async function openVaultStore(name: string = DB_NAME): Promise<VaultStore> {
  const db = await openDB<CofferDb>(name, DB_VERSION, { upgrade: upgradeSchema });
  return createVaultStore(db);
}

function createVaultStore(db: IDBPDatabase<CofferDb>): VaultStore {
  /**
   * Pages in order, about `size` items' worth at a time, each batch read in its own transaction.
   * The pages' keys are read first (a number per page), so each batch's range is known and the
   * next batches are read while this one is used: with one read at a time, the worker's thread
   * sat idle for a third of a 50,000-item export in Chromium, most of it waiting for the next
   * batch. A batch takes as many pages as make `size` items at the mean of the batch read last
   * (the first ones by PAGE_SIZE): pages written before PAGE_SIZE was 250 hold 100 items and stay
   * as they were, and deletions leave pages part full.
   */
  async function* pageBatches(size: number): AsyncGenerator<ItemPage[]> {
    let itemsPerPage = PAGE_SIZE;
    const keys = await db.getAllKeys('itemPages');
    const reads: Promise<ItemPage[]>[] = [];
    let next = 0;
    const startRead = () => {
      const first = keys[next]!;
      next += Math.max(1, Math.round(size / itemsPerPage));
      // The last range is open, so a page put after the keys were read is still read (callers
      // run in the vault's turn, where none can be).
      const range =
        next < keys.length
          ? IDBKeyRange.bound(first, keys[next - 1]!)
          : IDBKeyRange.lowerBound(first);
      const read = readPageRange(range);
      // Its failure is met when it is its turn, unless an earlier one stops everything first.
      read.catch(() => undefined);
      reads.push(read);
    };
    while (next < keys.length || reads.length > 0) {
      while (reads.length < BATCH_READS_AHEAD && next < keys.length) startRead();
      const pages = await reads.shift()!;
      if (pages.length === 0) continue;
      // Set before the next reads start.
      itemsPerPage = Math.max(
        1,
        pages.reduce((sum, page) => sum + page.items.length, 0) / pages.length,
      );
      yield pages;
    }
  }

  /** The pages in `range` with their keys, from one transaction. */
  async function readPageRange(range: IDBKeyRange): Promise<ItemPage[]> {
    const tx = db.transaction('itemPages');
    const [keys, pages] = await Promise.all([
      tx.store.getAllKeys(range),
      tx.store.getAll(range),
      tx.done,
    ]);
    return keys.map((page, i) => ({ page, items: pages[i]! }));
  }

  return {
    getAccount: () => db.get('account', 'account'),

    async createAccount(account) {
      const tx = db.transaction(['account', ...VAULT_STORES], 'readwrite');
      const existing = await tx.objectStore('account').get('account');
      if (existing) {
        abortQuietly(tx);
        await tx.done.catch(() => undefined);
        throw new CofferError('errorAccountExists');
      }
      for (const name of VAULT_STORES) void tx.objectStore(name).clear();
      void tx.objectStore('account').put(account, 'account');
      await tx.done;
    },

    listItems: async () => (await db.getAll('itemPages')).flat(),
    // One 'by-id' entry per item: counting them counts items, not pages.
    countItems: () => db.countFromIndex('itemDirectory', 'by-id'),
    hasItems: async () => (await db.count('itemDirectory')) > 0,
    // The directory is a few KB per page.
    itemCounts: async () => countsOf(await db.getAll('itemDirectory')),
    async *itemBatches(size) {
      for await (const pages of pageBatches(size)) yield pages.flatMap((page) => page.items);
    },
    itemPageBatches: pageBatches,
    async getItem(id) {
      const tx = db.transaction(['itemDirectory', 'itemPages']);
      const page = await tx.objectStore('itemDirectory').index('by-id').getKey(id);
      const items = page === undefined ? undefined : await tx.objectStore('itemPages').get(page);
      return items?.find((item) => item.id === id);
    },
    listFolders: async () => (await db.getAllFromIndex('folders', 'by-seq')).map(withoutSeq),
    getFolder: async (id) => optional(await db.get('folders', id)),

    async listAttachments(itemId) {
      const records = await db.getAllFromIndex('attachments', 'by-item', itemId);
      return records.sort((a, b) => a.seq - b.seq).map(withoutSeq);
    },
    listAllAttachments: async () =>
      (await db.getAllFromIndex('attachments', 'by-seq')).map(withoutSeq),
    getAttachment: async (id) => optional(await db.get('attachments', id)),
    getAttachmentData: async (id) => (await db.get('attachmentData', id))?.data,
    async totalAttachmentBytes() {
      // Descriptions only (a few hundred bytes each): the content is never read for this.
      return (await db.getAll('attachments')).reduce((sum, record) => sum + record.size, 0);
    },

    async deleteUnreferencedAttachmentData() {
      const tx = db.transaction(['attachments', 'attachmentData'], 'readwrite');
      const [described, stored] = await Promise.all([
        tx.objectStore('attachments').getAllKeys(),
        tx.objectStore('attachmentData').getAllKeys(),
      ]);
      const known = new Set(described);
      const orphans = stored.filter((id) => !known.has(id));
      await Promise.all([
        ...orphans.map((id) => tx.objectStore('attachmentData').delete(id)),
        tx.done,
      ]);
      return orphans.length;
    },

    async write(change) {
      const tx = db.transaction(
        [
          'account',
          'itemPages',
          'itemDirectory',
          'folders',
          'attachments',
          'attachmentData',
          'listSnapshot',
          'generatorHistory',
        ],
        'readwrite',
      );
      const itemPages = tx.objectStore('itemPages');
      const directory = tx.objectStore('itemDirectory');
      const folders = tx.objectStore('folders');
      const attachments = tx.objectStore('attachments');
      const attachmentData = tx.objectStore('attachmentData');
      const requests: Promise<unknown>[] = [];
      const track = <T>(request: Promise<T>): Promise<T> => {
        requests.push(request);
        return request;
      };
      try {
        // Requests are queued without awaiting each. A record IndexedDB refuses throws right
        // here or fails its request; either way the transaction is aborted below.
        const samePages = change.itemPages;
        if (
          samePages &&
          (!change.replaceAll || change.putItems?.length || change.deleteItemIds?.length)
        ) {
          throw new TypeError('itemPages replace the whole vault, and only in place of putItems');
        }
        if (change.replaceAll) {
          requests.push(folders.clear(), attachments.clear());
          if (!samePages) requests.push(itemPages.clear(), directory.clear());
        }
        requests.push(tx.objectStore('listSnapshot').delete('snapshot'));
        if (change.account) requests.push(tx.objectStore('account').put(change.account, 'account'));
        if (change.generatorHistory !== undefined) {
          const history = tx.objectStore('generatorHistory');
          requests.push(
            change.generatorHistory === null
              ? history.delete('history')
              : history.put(change.generatorHistory, 'history'),
          );
        }
        for (const id of change.deleteFolderIds ?? []) requests.push(folders.delete(id));
        const putFolders = change.putFolders ?? [];
        const putItems = change.putItems ?? [];
        const putAttachments = change.putAttachments ?? [];
        const deleteAttachments = await attachmentsToDelete(change, {
          ofItem: (itemId) => track(attachments.index('by-item').getAllKeys(itemId)),
          withContent: () => track(attachmentData.getAllKeys()),
        });
        for (const id of deleteAttachments) {
          requests.push(attachments.delete(id), attachmentData.delete(id));
        }
        // After a replaceAll the stores are empty: every record goes in the order given.
        const place = change.replaceAll ? inOrder : placesOf;
        const deleteItemIds = change.deleteItemIds ?? [];
        // A page is one record: IndexedDB no longer checks each item's key, so this does (an id
        // that is not a string would be skipped by the directory's index and lost to lookups).
        // Rotated pages (`itemPages`) must name the directory's own ids: checkSamePages.
        if (!putItems.every((r) => typeof r.id === 'string' && r.id !== '')) {
          throw new TypeError('an item without a valid id');
        }
        const [folderSeqs, attachmentSeqs, itemEdit] = await Promise.all([
          place(folders, putFolders, requests),
          place(attachments, putAttachments, requests),
          samePages
            ? checkSamePages(samePages, {
                directory: track(directory.getAll()),
                pageKeys: track(itemPages.getAllKeys()),
              })
            : change.replaceAll
              ? { put: paginate(putItems), deleted: [] }
              : readPages(
                  itemPages,
                  directory,
                  [...deleteItemIds, ...putItems.map((r) => r.id)],
                  track,
                ).then((read) => editPages(read, putItems, deleteItemIds)),
        ]);
        putFolders.forEach((f, i) => requests.push(folders.put({ ...f, seq: folderSeqs[i]! })));
        // Emptied pages go first, then pages in ascending order, so an item deleted from one page
        // and put again (it goes after the last) never has two directory entries at once.
        for (const page of itemEdit.deleted) {
          requests.push(itemPages.delete(page), directory.delete(page));
        }
        for (const page of itemEdit.put) {
          if (samePages) requests.push(itemPages.put(page.items, page.page));
          else requests.push(...putPage(itemPages, directory, page));
        }
        putAttachments.forEach((a, i) =>
          requests.push(attachments.put({ ...a, seq: attachmentSeqs[i]! })),
        );
        for (const record of change.putAttachmentData ?? []) {
          requests.push(attachmentData.put(record));
        }
        await Promise.all([...requests, tx.done]);
      } catch (cause) {
        abortQuietly(tx);
        await Promise.allSettled([...requests, tx.done]);
        throw new CofferError('errVaultWriteFailed', {
          cause,
        });
      }
    },

    getListSnapshot: () => db.get('listSnapshot', 'snapshot'),
    async putListSnapshot(snapshot) {
      await db.put('listSnapshot', snapshot, 'snapshot');
    },

    getGeneratorHistory: () => db.get('generatorHistory', 'history'),
    async putGeneratorHistory(history) {
      if (history === null) await db.delete('generatorHistory', 'history');
      else await db.put('generatorHistory', history, 'history');
    },

    async getSettings() {
      // Settings added since the vault was made take their defaults until first changed.
      return { ...DEFAULT_SETTINGS, ...(await db.get('settings', 'settings')) };
    },
    async putSettings(settings) {
      await db.put('settings', settings, 'settings');
    },

    async addBackup(record) {
      await db.add('backups', record);
    },
    listBackups: () => db.getAll('backups'),

    async deleteEverything() {
      const tx = db.transaction([...ALL_STORES], 'readwrite');
      await Promise.all([
        ...ALL_STORES.filter((s) => s !== 'settings').map((s) => tx.objectStore(s).clear()),
        tx.objectStore('settings').put(DEFAULT_SETTINGS, 'settings'),
        tx.done,
      ]);
    },

    close: () => db.close(),
  };
}

/**
 * The attachments a change deletes: those it names, those of the items it deletes, and, when it
 * replaces the vault, the content of every attachment it does not put back. Runs inside the
 * caller's transaction (IndexedDB requests only).
 */
async function attachmentsToDelete(
  change: VaultChange,
  read: {
    ofItem(itemId: string): Promise<string[]>;
    withContent(): Promise<string[]>;
  },
): Promise<Set<string>> {
  const ids = new Set(change.deleteAttachmentIds ?? []);
  const ofItems = await Promise.all((change.deleteItemIds ?? []).map(read.ofItem));
  for (const id of ofItems.flat()) ids.add(id);
  if (change.replaceAll) {
    const kept = new Set((change.putAttachments ?? []).map((a) => a.id));
    for (const id of await read.withContent()) if (!kept.has(id)) ids.add(id);
  }
  return ids;
}

/** Reads a stored record's data without its place in the order. */
function withoutSeq<T>({ seq: _seq, ...record }: Stored<T>): T {
  return record as unknown as T;
}

function optional<T>(record: Stored<T> | undefined): T | undefined {
  return record && withoutSeq(record);
}

/**
 * Where each record goes in the vault's order: a record that exists keeps its place, a new one
 * goes after the last. Runs inside the caller's transaction (IndexedDB requests only).
 */
async function placesOf(
  store: {
    get(id: string): Promise<{ seq: number } | undefined>;
    getAllKeys(): Promise<string[]>;
    index(name: 'by-seq'): {
      openCursor(q: null, d: 'prev'): Promise<{ value: { seq: number } } | null>;
    };
  },
  records: { id: string }[],
  /** Every request is also added here, so a failed write can wait for all of them to settle. */
  requests: Promise<unknown>[],
): Promise<number[]> {
  if (records.length === 0) return [];
  const track = <T>(request: Promise<T>): Promise<T> => {
    requests.push(request);
    return request;
  };
  const last = track(store.index('by-seq').openCursor(null, 'prev'));
  // Many records (an import): one request for every id there is, then one read per record that
  // exists, since in Chromium each request is a round trip to the browser process and an
  // import's records are mostly new. A few (an item saved): one read each.
  const ids = records.length > FEW_RECORDS ? new Set(await track(store.getAllKeys())) : null;
  const existing = records.map((r) =>
    !ids || ids.has(r.id) ? track(store.get(r.id)) : Promise.resolve(undefined),
  );
  const [lastRecord, found] = await Promise.all([last, Promise.all(existing)]);
  let next = lastRecord?.value.seq ?? 0;
  return found.map((record) => record?.seq ?? ++next);
}

/** A page and its directory record. */
function putPage(
  pages: { put(items: ItemRecord[], key: number): Promise<unknown> },
  directory: { put(record: ReturnType<typeof directoryOf>): Promise<unknown> },
  page: ItemPage,
): Promise<unknown>[] {
  return [pages.put(page.items, page.page), directory.put(directoryOf(page))];
}

/**
 * What a change to items reads first, inside its transaction (IndexedDB requests only): where
 * each named item is, those pages, and the last page (new items go there).
 */
async function readPages(
  pages: {
    get(page: number): Promise<ItemRecord[] | undefined>;
    openCursor(q: null, d: 'prev'): Promise<{ key: number; value: ItemRecord[] } | null>;
  },
  directory: {
    getAll(): Promise<{ page: number; ids: string[] }[]>;
    index(name: 'by-id'): { getKey(id: string): Promise<number | undefined> };
  },
  ids: string[],
  track: <T>(request: Promise<T>) => Promise<T>,
): Promise<PagesRead> {
  if (ids.length === 0) return { pageOf: new Map(), pages: new Map(), lastPage: undefined };
  const lastRequest = track(pages.openCursor(null, 'prev'));
  const pageOf = new Map<string, number>();
  if (ids.length > FEW_RECORDS) {
    // Many (an import): the whole directory in one request rather than a lookup per id, since
    // in Chromium each request is a round trip to the browser process.
    const wanted = new Set(ids);
    for (const { page, ids: onPage } of await track(directory.getAll())) {
      for (const id of onPage) if (wanted.has(id)) pageOf.set(id, page);
    }
  } else {
    const found = await Promise.all(ids.map((id) => track(directory.index('by-id').getKey(id))));
    ids.forEach((id, i) => {
      if (found[i] !== undefined) pageOf.set(id, found[i]);
    });
  }
  const last = await lastRequest;
  const wantedPages = [...new Set(pageOf.values())].filter((page) => page !== last?.key);
  const read = await Promise.all(wantedPages.map((page) => track(pages.get(page))));
  const byNumber = new Map<number, ItemRecord[]>();
  wantedPages.forEach((page, i) => byNumber.set(page, read[i] ?? []));
  if (last) byNumber.set(last.key, last.value);
  return { pageOf, pages: byNumber, lastPage: last?.key };
}

/**
 * The edit that puts `pages` in place of the stored ones, if they are the pages stored (the
 * directory's pages, and no other page record), each naming the same items in the same order;
 * otherwise throws. Runs inside the caller's transaction (IndexedDB requests only).
 */
async function checkSamePages(
  pages: readonly ItemPage[],
  stored: {
    directory: Promise<PageDirectory[]>;
    pageKeys: Promise<number[]>;
  },
): Promise<{ put: ItemPage[]; deleted: number[] }> {
  const [directory, pageKeys] = await Promise.all([stored.directory, stored.pageKeys]);
  const given = new Map(pages.map((page) => [page.page, page.items]));
  const same =
    given.size === pages.length &&
    directory.length === pages.length &&
    pageKeys.length === pages.length &&
    pageKeys.every((key) => given.has(key)) &&
    directory.every((stored) => {
      const items = given.get(stored.page);
      if (items?.length !== stored.ids.length) return false;
      if (!items.every((item, i) => item.id === stored.ids[i])) return false;
      // The directory stays as it is: its counts must still be the page's.
      const now = directoryOf({ page: stored.page, items });
      return sameCounts(now.types, stored.types) && sameCounts(now.folders, stored.folders);
    });
  if (!same) throw new Error('the pages given are not the pages stored');
  return { put: [...pages], deleted: [] };
}

function sameCounts<K>(a: Map<K, number>, b: Map<K, number>): boolean {
  return a.size === b.size && [...a].every(([key, count]) => b.get(key) === count);
}

/** Up to this many records, each is looked up on its own. */
const FEW_RECORDS = 64;

/** Places for records written into an emptied store: one after the other, as given. */
async function inOrder(_store: unknown, records: { id: string }[]): Promise<number[]> {
  return records.map((_, i) => i + 1);
}

/** Aborts a transaction that may already be aborting (after a failed request) or finished. */
function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // InvalidStateError: the transaction was no longer active, so there is nothing to undo.
  }
}
