/**
 * The vault list's summaries, decrypted once per unlock and kept while nothing changes, so the
 * popup opens on a large vault without decrypting it again (a 10,000-item vault took about two
 * seconds in Chromium each time). The store handed out here counts its writes: a listing made
 * while a write ran is handed out but not kept, so the cache never outlives what it describes.
 * It holds what the list already shows (names, the line under them, websites) and goes at lock,
 * with the key it was made under.
 */
import { decryptItemsForList } from '@/src/formats/encrypted-item';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import type { ItemSummary } from '@/src/protocol/vault-api';
import type { VaultStore } from '@/src/store/vault-store';
import type { Item } from '@/src/vault/item';
import { itemSubtitle, itemUris } from '@/src/vault/item-summary';

export interface ItemListCache {
  /** The items' summaries under `key`, sorted by name (a copy: the caller may change it). */
  summaries(key: SymmetricKey): Promise<ItemSummary[]>;
  /** Forgets the summaries (the vault locked). */
  clear(): void;
}

/** The store whose writes the cache follows, and the cache. */
export function createItemListCache(store: VaultStore): {
  store: VaultStore;
  cache: ItemListCache;
} {
  /** Moves before and after each write: equal at both ends of a read means none overlapped it. */
  let version = 0;
  let kept: { key: SymmetricKey; version: number; summaries: Promise<ItemSummary[]> } | null = null;

  const changing =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      version++;
      kept = null;
      try {
        return await write(...args);
      } finally {
        version++;
        kept = null;
      }
    };

  const followed: VaultStore = {
    ...store,
    write: changing(store.write),
    createAccount: changing(store.createAccount),
    deleteEverything: changing(store.deleteEverything),
  };

  const read = async (key: SymmetricKey): Promise<ItemSummary[]> => {
    const items = await decryptItemsForList(await followed.listItems(), key);
    return items.map(summarize).sort(byName);
  };

  return {
    store: followed,
    cache: {
      async summaries(key) {
        if (kept && kept.key === key && kept.version === version) {
          return [...(await kept.summaries)];
        }
        const started = version;
        const summaries = read(key);
        const entry = { key, version: started, summaries };
        kept = entry;
        try {
          const list = await summaries;
          return [...list];
        } catch (error) {
          if (kept === entry) kept = null;
          throw error;
        } finally {
          // A write during the read: what was read may be stale, so it is not kept.
          if (version !== started && kept === entry) kept = null;
        }
      },
      clear() {
        kept = null;
      },
    },
  };
}

/** The list's line for an item (given whole, or as `decryptItemsForList` gives it). */
export function summarize(item: Item): ItemSummary {
  return {
    id: item.id,
    type: item.type,
    name: item.name,
    subtitle: itemSubtitle(item),
    folderId: item.folderId,
    favorite: item.favorite,
    reprompt: item.reprompt,
    uris: itemUris(item),
    revisionDate: item.revisionDate,
    archived: Boolean(item.archivedDate),
  };
}

/** The vault's order for items and folders: by name, case and accents aside. */
export function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
}
