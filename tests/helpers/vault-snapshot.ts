/** Reading a background's whole vault back, for round-trip comparisons and "nothing changed". */
import { openDB } from 'idb';
import { DB_NAME } from '@/src/store/schema';
import type { Folder, Item } from '@/src/vault/item';
import type { VaultClient } from '@/src/protocol/vault-api';
import { TEST_PASSWORD } from './background';
import { lastMasterPassword } from './loopback';

/**
 * Every item and folder, decrypted, through the real handlers. Re-prompt items whose secrets the
 * background withholds are confirmed with the master password, as the popup would.
 */
export async function readVault(
  client: VaultClient,
  masterPassword = lastMasterPassword() ?? TEST_PASSWORD,
): Promise<{ items: Item[]; folders: Folder[] }> {
  const listing = await client.listVault();
  const items = await Promise.all(
    listing.items.map(async (summary) => {
      const item = await client.getItem({ id: summary.id });
      if (!item.secretsWithheld) return item;
      return client.confirmReprompt({ itemId: summary.id, masterPassword });
    }),
  );
  return { items, folders: listing.folders };
}

/** Items as a comparable shape: ids and folder ids aside, folders by name, in name order. */
export function comparable(items: Item[], folders: Folder[]): unknown[] {
  const folderName = new Map(folders.map((f) => [f.id, f.name]));
  return items
    .map((item) => {
      const { id: _id, folderId, ...rest } = item;
      const login =
        rest.type === 1 ? { login: { ...rest.login, passwordRevisionDate: undefined } } : {};
      return {
        ...rest,
        ...login,
        folder: folderId === null ? null : (folderName.get(folderId) ?? '?'),
      };
    })
    .sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : a.revisionDate < b.revisionDate ? -1 : 1,
    )
    .map((item) => JSON.parse(JSON.stringify(item)));
}

/**
 * Every byte of the database, for "the store is byte-for-byte unchanged". The list snapshot is
 * left out: it is the item list's cache, put in the background whenever the list is made (its own
 * tests show it never disagrees with the items); the items it describes are all compared.
 */
export async function snapshotDatabase(): Promise<string> {
  const db = await openDB(DB_NAME);
  const out: Record<string, unknown> = {};
  for (const name of db.objectStoreNames) {
    if (name !== 'listSnapshot') out[name] = await db.getAll(name);
  }
  db.close();
  return JSON.stringify(out);
}
