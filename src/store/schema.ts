/**
 * The IndexedDB schema as one typed interface, and the ladder that upgrades any older database to
 * it. Records hold only ciphertext (EncStrings) for anything a person typed; ids, types, dates and
 * flags stay clear so the vault can be listed and sorted without the key.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { directoryOf, paginate, type PageDirectory } from './item-pages';
import { DEFAULT_SETTINGS } from '@/src/vault/settings';
import type {
  AccountRecord,
  AttachmentDataRecord,
  AttachmentRecord,
  BackupRecord,
  FolderRecord,
  ItemRecord,
  SettingsRecord,
} from './records';

export const DB_NAME = 'coffer';
/**
 * 1: account, folders, items, backups.
 * 2: settings store; account records gain keyGeneration and keyCreatedAt (for backup history).
 * 3: items and folders gain `seq`, the order they were added in, and a 'by-seq' index: exports
 *    list them in that order, as Bitwarden's exporter keeps its input order. Items gain a
 *    'by-type' index, so the Export view can count cards and identities without reading them.
 * 4: attachments (descriptions: name and key as EncStrings, size, dates; in the order they were
 *    added, with a 'by-item' index) and attachmentData (each one's encrypted content), apart so
 *    that listing or re-wrapping attachments never reads their megabytes.
 * 5: listSnapshot: the vault list's summaries encrypted under the account key, so that
 *    Unlock shows a large vault's list without decrypting every item (item-list-cache.ts). Every
 *    vault write deletes it in its own transaction: one that is there is never stale.
 * 6: generatorHistory: the generator's last values, one EncString under the account key.
 * 7: items move into pages (item-pages.ts): itemPages holds up to PAGE_SIZE items per record
 *    (100 until 5 December 2026, 250 since; pages written before stay as they are) in vault
 *    order, itemDirectory names each page's items (a unique multi-entry index finds an item's
 *    page) and counts them by type and by folder. The items store and its seq are gone: a
 *    page's number and an item's place in it are the order.
 */
export const DB_VERSION = 7;

/** A record as stored: the record plus its place in the vault's order. */
export type Stored<T> = T & { seq: number };

export interface CofferDb extends DBSchema {
  /** One record under the key 'account'. */
  account: { key: 'account'; value: AccountRecord };
  folders: { key: string; value: Stored<FolderRecord>; indexes: { 'by-seq': number } };
  /** Up to PAGE_SIZE items per record, keyed by the page's number, in vault order. */
  itemPages: { key: number; value: ItemRecord[] };
  itemDirectory: {
    key: number;
    value: PageDirectory;
    indexes: { 'by-id': string };
  };
  /** Export history: what was written when, never any secret. */
  backups: { key: number; value: BackupRecord };
  /** One record under the key 'settings'. */
  settings: { key: 'settings'; value: SettingsRecord };
  attachments: {
    key: string;
    value: Stored<AttachmentRecord>;
    indexes: { 'by-item': string; 'by-seq': number };
  };
  /** Keyed by the attachment's id: the content encrypted under the attachment's own key. */
  attachmentData: { key: string; value: AttachmentDataRecord };
  /** One record under the key 'snapshot': the list's summaries, encrypted (an EncArrayBuffer). */
  listSnapshot: { key: 'snapshot'; value: Uint8Array };
  /** One record under the key 'history': the generator's history as JSON, an EncString. */
  generatorHistory: { key: 'history'; value: string };
}

type UpgradeTransaction = IDBPTransaction<CofferDb, StoreNames<CofferDb>[], 'versionchange'>;

export function upgradeSchema(
  db: IDBPDatabase<CofferDb>,
  oldVersion: number,
  _newVersion: number | null,
  tx: UpgradeTransaction,
): void {
  // The items store of versions 1 to 6 is not in today's schema: the steps that made and fill it
  // reach it untyped.
  const legacyDb = db as unknown as IDBPDatabase;
  const legacyTx = tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
  if (oldVersion < 1) {
    db.createObjectStore('account');
    db.createObjectStore('folders', { keyPath: 'id' });
    const items = legacyDb.createObjectStore('items', { keyPath: 'id' });
    items.createIndex('by-folder', 'folderId');
    db.createObjectStore('backups', { keyPath: 'seq', autoIncrement: true });
  }
  if (oldVersion < 2) {
    db.createObjectStore('settings').put(DEFAULT_SETTINGS, 'settings');
    // Only IndexedDB requests inside an upgrade: the versionchange transaction must not idle.
    const accounts = tx.objectStore('account');
    void accounts.get('account').then((account) => {
      if (account && account.keyGeneration === undefined) {
        void accounts.put(
          { ...account, keyGeneration: 1, keyCreatedAt: account.createdAt },
          'account',
        );
      }
    });
  }
  /** Settles once every item has its seq (the version 3 step numbers them one at a time). */
  let itemsNumbered: Promise<unknown> | undefined;
  if (oldVersion < 3) {
    // Existing records keep the order they are in now (by id), one after the other.
    for (const name of ['items', 'folders']) {
      const store = legacyTx.objectStore(name);
      store.createIndex('by-seq', 'seq');
      let seq = 0;
      const numbered = store.openCursor().then(function step(cursor): Promise<void> | undefined {
        if (!cursor) return undefined;
        void cursor.update({ ...(cursor.value as object), seq: ++seq });
        return cursor.continue().then(step);
      });
      if (name === 'items') itemsNumbered = numbered;
    }
    legacyTx.objectStore('items').createIndex('by-type', 'type');
  }
  if (oldVersion < 4) {
    const attachments = db.createObjectStore('attachments', { keyPath: 'id' });
    attachments.createIndex('by-item', 'itemId');
    attachments.createIndex('by-seq', 'seq');
    db.createObjectStore('attachmentData', { keyPath: 'id' });
  }
  if (oldVersion < 5) {
    db.createObjectStore('listSnapshot');
  }
  if (oldVersion < 6) {
    db.createObjectStore('generatorHistory');
  }
  if (oldVersion < 7) movePagesIntoPlace(db, legacyDb, legacyTx, itemsNumbered);
}

/**
 * Version 7: every item moves, in its order, from the items store into pages, and the items store
 * is deleted, all in the upgrade's transaction: if anything fails the database stays at its old
 * version with its items where they were.
 */
function movePagesIntoPlace(
  db: IDBPDatabase<CofferDb>,
  legacyDb: IDBPDatabase,
  legacyTx: IDBPTransaction<unknown, string[], 'versionchange'>,
  itemsNumbered: Promise<unknown> | undefined,
): void {
  const pages = db.createObjectStore('itemPages');
  const directory = db.createObjectStore('itemDirectory', { keyPath: 'page' });
  directory.createIndex('by-id', 'ids', { unique: true, multiEntry: true });
  const move = async (): Promise<void> => {
    const stored = (await legacyTx
      .objectStore('items')
      .index('by-seq')
      .getAll()) as Stored<ItemRecord>[];
    for (const page of paginate(stored.map(({ seq: _seq, ...item }) => item as ItemRecord))) {
      void pages.put(page.items, page.page);
      void directory.put(directoryOf(page));
    }
    legacyDb.deleteObjectStore('items');
  };
  // The read is requested at once when nothing is being numbered (no awaiting a settled promise
  // first: the versionchange transaction must see a request before it idles).
  // Anything that fails aborts the upgrade: the database keeps version 6 and its items store.
  void (itemsNumbered ? itemsNumbered.then(move) : move()).catch(() => {
    try {
      legacyTx.abort();
    } catch {
      // Already aborting: the failed request did it.
    }
  });
}
