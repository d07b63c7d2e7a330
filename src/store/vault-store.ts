/**
 * The only door to IndexedDB. It stores and returns records; it never sees a key. Any write that
 * touches several records happens in one transaction, so it lands whole or not at all: callers do
 * all their crypto first and hand the finished records over.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { CofferError } from '@/src/errors/coffer-error';
import { DEFAULT_SETTINGS } from '@/src/vault/settings';
import { DB_NAME, DB_VERSION, upgradeSchema, type CofferDb, type Stored } from './schema';
import type {
  AccountRecord,
  BackupRecord,
  FolderRecord,
  ItemRecord,
  SettingsRecord,
} from './records';

/** One all-or-nothing change to the vault. */
export interface VaultChange {
  account?: AccountRecord;
  putItems?: ItemRecord[];
  deleteItemIds?: string[];
  putFolders?: FolderRecord[];
  deleteFolderIds?: string[];
  /** Empty the items and folders first (key rotation writes the whole vault anew). */
  replaceAll?: boolean;
}

export interface VaultStore {
  getAccount(): Promise<AccountRecord | undefined>;
  /** Writes the first account record; refuses if one exists (checked inside the transaction). */
  createAccount(account: AccountRecord): Promise<void>;
  listItems(): Promise<ItemRecord[]>;
  countItems(): Promise<number>;
  /** How many items there are of one type (1 login … 5 SSH key), without reading them. */
  countItemsOfType(type: number): Promise<number>;
  /** How many items are in a folder (null: in no folder), without reading them. */
  countItemsInFolder(folderId: string | null): Promise<number>;
  /**
   * The items in vault order, a batch at a time, each batch read in its own transaction, so a
   * large vault is never held in memory at once.
   */
  itemBatches(size: number): AsyncGenerator<ItemRecord[]>;
  getItem(id: string): Promise<ItemRecord | undefined>;
  listFolders(): Promise<FolderRecord[]>;
  getFolder(id: string): Promise<FolderRecord | undefined>;
  write(change: VaultChange): Promise<void>;
  getSettings(): Promise<SettingsRecord>;
  putSettings(settings: SettingsRecord): Promise<void>;
  addBackup(record: BackupRecord): Promise<void>;
  listBackups(): Promise<BackupRecord[]>;
  /** Removes the account and everything in the vault, in one transaction. */
  deleteEverything(): Promise<void>;
  close(): void;
}

const ALL_STORES = ['account', 'folders', 'items', 'backups', 'settings'] as const;

export async function openVaultStore(name: string = DB_NAME): Promise<VaultStore> {
  const db = await openDB<CofferDb>(name, DB_VERSION, { upgrade: upgradeSchema });
  return createVaultStore(db);
}

function createVaultStore(db: IDBPDatabase<CofferDb>): VaultStore {
  return {
    getAccount: () => db.get('account', 'account'),

    async createAccount(account) {
      const tx = db.transaction(['account', 'items', 'folders', 'backups'], 'readwrite');
      const existing = await tx.objectStore('account').get('account');
      if (existing) {
        abortQuietly(tx);
        await tx.done.catch(() => undefined);
        throw new CofferError('errorAccountExists');
      }
      // A new account starts from an empty vault, whatever an earlier one left behind.
      void tx.objectStore('items').clear();
      void tx.objectStore('folders').clear();
      void tx.objectStore('backups').clear();
      void tx.objectStore('account').put(account, 'account');
      await tx.done;
    },

    listItems: async () => (await db.getAllFromIndex('items', 'by-seq')).map(withoutSeq),
    countItems: () => db.count('items'),
    countItemsOfType: (type) => db.countFromIndex('items', 'by-type', type),
    async countItemsInFolder(folderId) {
      if (folderId !== null) return db.countFromIndex('items', 'by-folder', folderId);
      // null is not a valid key, so items in no folder are exactly those missing from the index.
      const [all, inFolders] = await Promise.all([
        db.count('items'),
        db.countFromIndex('items', 'by-folder'),
      ]);
      return all - inFolders;
    },
    async *itemBatches(size) {
      let after = 0;
      for (;;) {
        const range = IDBKeyRange.lowerBound(after, true);
        const batch = await db.getAllFromIndex('items', 'by-seq', range, size);
        if (batch.length === 0) return;
        after = batch.at(-1)!.seq;
        yield batch.map(withoutSeq);
        if (batch.length < size) return;
      }
    },
    getItem: async (id) => optional(await db.get('items', id)),
    listFolders: async () => (await db.getAllFromIndex('folders', 'by-seq')).map(withoutSeq),
    getFolder: async (id) => optional(await db.get('folders', id)),

    async write(change) {
      const tx = db.transaction(['account', 'items', 'folders'], 'readwrite');
      const items = tx.objectStore('items');
      const folders = tx.objectStore('folders');
      const requests: Promise<unknown>[] = [];
      try {
        // Requests are queued without awaiting each. A record IndexedDB refuses throws right
        // here or fails its request; either way the transaction is aborted below.
        if (change.replaceAll) requests.push(items.clear(), folders.clear());
        if (change.account) requests.push(tx.objectStore('account').put(change.account, 'account'));
        for (const id of change.deleteItemIds ?? []) requests.push(items.delete(id));
        for (const id of change.deleteFolderIds ?? []) requests.push(folders.delete(id));
        const putFolders = change.putFolders ?? [];
        const putItems = change.putItems ?? [];
        const [folderSeqs, itemSeqs] = await Promise.all([
          placesOf(folders, putFolders, requests),
          placesOf(items, putItems, requests),
        ]);
        putFolders.forEach((f, i) => requests.push(folders.put({ ...f, seq: folderSeqs[i]! })));
        putItems.forEach((r, i) => requests.push(items.put({ ...r, seq: itemSeqs[i]! })));
        await Promise.all([...requests, tx.done]);
      } catch (cause) {
        abortQuietly(tx);
        await Promise.allSettled([...requests, tx.done]);
        throw new CofferError('errVaultWriteFailed', {
          cause,
        });
      }
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
  const existing = records.map((r) => track(store.get(r.id)));
  const [lastRecord, found] = await Promise.all([last, Promise.all(existing)]);
  let next = lastRecord?.value.seq ?? 0;
  return found.map((record) => record?.seq ?? ++next);
}

/** Aborts a transaction that may already be aborting (after a failed request) or finished. */
function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // InvalidStateError: the transaction was no longer active, so there is nothing to undo.
  }
}
