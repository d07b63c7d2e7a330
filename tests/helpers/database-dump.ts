/**
 * An IndexedDB database as data: its version, each store's key path, key generator and indexes,
 * and every record with its key. A dump taken from a database the code of one version wrote lets
 * a later version's upgrade ladder be tested against exactly that database, not against records
 * the test writes with today's code and today's idea of the old shape.
 */
import { openDB } from 'idb';
import { fromBase64, toBase64 } from '@/src/crypto/bytes';

interface IndexDump {
  name: string;
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}

interface StoreDump {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: IndexDump[];
  /** Every record with its key, in key order. */
  records: { key: IDBValidKey; value: unknown }[];
}

export interface DatabaseDump {
  name: string;
  version: number;
  stores: StoreDump[];
}

export async function dumpDatabase(name: string): Promise<DatabaseDump> {
  const db = await openDB(name);
  const stores: StoreDump[] = [];
  for (const storeName of [...db.objectStoreNames].sort()) {
    const tx = db.transaction(storeName);
    const store = tx.store;
    const indexes = [...store.indexNames].sort().map((indexName) => {
      const index = store.index(indexName);
      return {
        name: indexName,
        keyPath: index.keyPath,
        unique: index.unique,
        multiEntry: index.multiEntry,
      };
    });
    const records: StoreDump['records'] = [];
    for (let cursor = await store.openCursor(); cursor; cursor = await cursor.continue()) {
      records.push({ key: cursor.key, value: cursor.value });
    }
    await tx.done;
    stores.push({
      name: storeName,
      keyPath: store.keyPath,
      autoIncrement: store.autoIncrement,
      indexes,
      records,
    });
  }
  const dump = { name, version: db.version, stores };
  db.close();
  return dump;
}

/** Recreates a dumped database as it was, with none of today's upgrade code involved. */
export async function restoreDatabase(dump: DatabaseDump): Promise<void> {
  await restoreDumpText(dumpToJson(dump));
}

/**
 * Recreates the database of a dump in `dumpToJson`'s text (stores, key paths, key generators,
 * indexes, records), with the bare IndexedDB API and nothing else: it neither imports nor calls a
 * helper, so a browser page can run it as it is (tests/e2e/upgrade.e2e.test.ts hands it to one).
 * Answers the version made.
 */
export function restoreDumpText(text: string): Promise<number> {
  const dump = JSON.parse(text, (_key, value: unknown) => {
    const bytes = (value as Record<string, unknown> | null)?.$bytes;
    if (typeof bytes !== 'string' || Object.keys(value as object).length !== 1) return value;
    return Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
  }) as DatabaseDump;
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dump.name, dump.version);
    request.onupgradeneeded = () => {
      for (const store of dump.stores) {
        const created = request.result.createObjectStore(store.name, {
          keyPath: store.keyPath ?? undefined,
          autoIncrement: store.autoIncrement,
        });
        for (const index of store.indexes) {
          created.createIndex(index.name, index.keyPath, {
            unique: index.unique,
            multiEntry: index.multiEntry,
          });
        }
        // Stores with a key path take the key from the record; the others need it given.
        for (const { key, value } of store.records) {
          if (store.keyPath === null) created.put(value, key);
          else created.put(value);
        }
      }
    };
    request.onsuccess = () => {
      const { version } = request.result;
      request.result.close();
      resolve(version);
    };
    request.onerror = () => reject(new Error(String(request.error)));
  });
}

/**
 * A dump as JSON text. Binary values (attachment content, a Uint8Array in IndexedDB) become
 * `{ "$bytes": "<base64>" }`, which JSON would otherwise turn into an object of numbered keys.
 */
export function dumpToJson(dump: DatabaseDump): string {
  const withBytes = (_key: string, value: unknown) =>
    value instanceof Uint8Array ? { [BYTES]: toBase64(value) } : value;
  return `${JSON.stringify(dump, withBytes, 1)}\n`;
}

/** A dump from `dumpToJson`'s text, its binary values Uint8Arrays again. */
export function dumpFromJson(text: string): DatabaseDump {
  return JSON.parse(text, (_key, value: unknown) => {
    const bytes = (value as Record<string, unknown> | null)?.[BYTES];
    return typeof bytes === 'string' && Object.keys(value as object).length === 1
      ? fromBase64(bytes)
      : value;
  }) as DatabaseDump;
}

const BYTES = '$bytes';
