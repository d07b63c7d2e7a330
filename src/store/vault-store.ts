/**
 * The only door to IndexedDB. It stores and returns records; it never sees a key. Any write that
 * touches several records happens in one transaction, so it lands whole or not at all.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, upgradeSchema, type CofferDb } from './schema';
import type { AccountRecord } from './records';

export interface VaultStore {
  getAccount(): Promise<AccountRecord | undefined>;
  close(): void;
}

export async function openVaultStore(name: string = DB_NAME): Promise<VaultStore> {
  const db = await openDB<CofferDb>(name, DB_VERSION, { upgrade: upgradeSchema });
  return createVaultStore(db);
}

function createVaultStore(db: IDBPDatabase<CofferDb>): VaultStore {
  return {
    getAccount: () => db.get('account', 'account'),
    close: () => db.close(),
  };
}
