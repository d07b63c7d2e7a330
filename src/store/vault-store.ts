/**
 * The only door to IndexedDB. It stores and returns records; it never sees a key. Any write that
 * touches several records happens in one transaction, so it lands whole or not at all: callers do
 * all their crypto first and hand the finished records over.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { CofferError } from '@/src/errors/coffer-error';
import { DEFAULT_SETTINGS } from '@/src/vault/settings';
import { DB_NAME, DB_VERSION, upgradeSchema, type CofferDb } from './schema';
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
        throw new CofferError('ERR_ACCOUNT_EXISTS', 'An account already exists on this computer.');
      }
      // A new account starts from an empty vault, whatever an earlier one left behind.
      void tx.objectStore('items').clear();
      void tx.objectStore('folders').clear();
      void tx.objectStore('backups').clear();
      void tx.objectStore('account').put(account, 'account');
      await tx.done;
    },

    listItems: () => db.getAll('items'),
    getItem: (id) => db.get('items', id),
    listFolders: () => db.getAll('folders'),
    getFolder: (id) => db.get('folders', id),

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
        for (const folder of change.putFolders ?? []) requests.push(folders.put(folder));
        for (const item of change.putItems ?? []) requests.push(items.put(item));
        await Promise.all([...requests, tx.done]);
      } catch (cause) {
        abortQuietly(tx);
        await Promise.allSettled([...requests, tx.done]);
        throw new CofferError(
          'ERR_INTERNAL',
          'The vault could not be written; nothing was changed.',
          {
            cause,
          },
        );
      }
    },

    async getSettings() {
      return (await db.get('settings', 'settings'))!;
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

/** Aborts a transaction that may already be aborting (after a failed request) or finished. */
function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // InvalidStateError: the transaction was no longer active, so there is nothing to undo.
  }
}
