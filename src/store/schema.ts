/**
 * The IndexedDB schema as one typed interface, and the ladder that upgrades any older database to
 * it. Records hold only ciphertext (EncStrings) for anything a person typed; ids, types, dates and
 * flags stay clear so the vault can be listed and sorted without the key.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { AccountRecord, BackupRecord, FolderRecord, ItemRecord } from './records';

export const DB_NAME = 'coffer';
export const DB_VERSION = 1;

export interface CofferDb extends DBSchema {
  /** One record under the key 'account'. */
  account: { key: 'account'; value: AccountRecord };
  folders: { key: string; value: FolderRecord };
  items: { key: string; value: ItemRecord; indexes: { 'by-folder': string } };
  /** Export history: what was written when, never any secret. */
  backups: { key: number; value: BackupRecord };
}

export function upgradeSchema(db: IDBPDatabase<CofferDb>, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore('account');
    db.createObjectStore('folders', { keyPath: 'id' });
    const items = db.createObjectStore('items', { keyPath: 'id' });
    items.createIndex('by-folder', 'folderId');
    db.createObjectStore('backups', { keyPath: 'seq', autoIncrement: true });
  }
}
