/**
 * The vault list, kept in the background so the popup opens on a vault of any size at once: the
 * summaries (names, the line under them, websites), sorted and with their search text, made once
 * per unlock and handed out a window at a time (`query`), so a popup never receives or filters
 * the whole vault.
 *
 * Making the summaries decrypts every item (0.7 s for 10,000 in Chromium, 2.6 s for 50,000), so
 * they are also kept at rest: encrypted under the account key as an attachment's content is (an
 * EncArrayBuffer, no base64 to decode; store 'listSnapshot'), read and
 * decrypted at unlock instead (tens of milliseconds). Any vault write deletes that snapshot in
 * its own transaction, and a snapshot is put only when no write came after the summaries it holds
 * were read, so one that is there is never stale; one that does not decrypt under the key (after
 * rotation) or does not parse is made again from the items.
 *
 * The store handed out here counts its writes. A small write (an item saved, deleted, archived)
 * updates the summaries in place from the records it wrote, and so does an import of any size
 * from the plaintext it has just encrypted (`knowPlaintext`), and key rotation keeps them under
 * its new key (`rekey`); any other large write drops them, to be made again when next asked. A
 * listing made while a write ran is handed out but not kept, so the summaries never outlive what
 * they describe. They go at lock, with the key.
 */
import { decodeUtf8Strict } from '@/src/crypto/bytes';
import { decryptFileData, encryptFileData } from '@/src/crypto/file-data';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import { decryptItemsForList } from '@/src/formats/encrypted-item';
import { asciiJson } from '@/src/formats/json-bytes';
import type { ItemSummary, VaultFilter, VaultPage } from '@/src/protocol/vault-api';
import type { ItemRecord } from '@/src/store/records';
import type { VaultChange, VaultStore } from '@/src/store/vault-store';
import type { Item } from '@/src/vault/item';
import { itemSubtitle, itemUris } from '@/src/vault/item-summary';
import { favoritesFirst, listedUnder, searchTextOf } from '@/src/vault/vault-filter';

export interface ItemListCache {
  /** The items' summaries under `key`, sorted by name (a copy: the caller may change it). */
  summaries(key: SymmetricKey): Promise<ItemSummary[]>;
  /**
   * How many items each folder holds (archived ones aside), counted once per version of the
   * list: every popup that opens asks, and at 50,000 items a count took 30 ms of its opening.
   */
  folderCounts(key: SymmetricKey): Promise<Record<string, number>>;
  /** The rows `offset` to `offset + limit` of the list `filter` shows, and how many it shows. */
  query(key: SymmetricKey, filter: VaultFilter, offset: number, limit: number): Promise<VaultPage>;
  /**
   * Starts reading the snapshot's ciphertext (no key needed), for the next `summaries` or
   * `query` to use: Unlock reads it while the master password's KDF runs.
   */
  prefetch(): void;
  /**
   * The plaintext of records just encrypted under `key` (an import's), for the write that puts
   * them: the list takes their lines from it rather than decrypting them, so it is updated in
   * place however many there are, instead of being made again from every item when next asked
   * (0.7 s at 10,000 items, 2.6 s at 50,000). Known by the record objects themselves, so it
   * never describes another record, and forgotten with them.
   */
  knowPlaintext(key: SymmetricKey, records: readonly ItemRecord[], items: readonly Item[]): void;
  /**
   * Key rotation rewrote every item under `to` and changed none: the list made under `from`
   * before that write is kept under `to`, rather than made again from every item when next asked
   * (0.7 s at 10,000 items, 2.6 s at 50,000). Only right after that write: any other since, and
   * the list is made again.
   */
  rekey(from: SymmetricKey, to: SymmetricKey): void;
  /** Forgets the summaries (the vault locked). */
  clear(): void;
}

/** Above this many items put in one write, the list is made again rather than updated. */
const UPDATE_IN_PLACE_LIMIT = 200;
/**
 * Tells a snapshot of this layout from any other (a later Coffer may change what it holds).
 * 2: each summary a row [id, type, name, subtitle, folderId, flags, revisionDate, ...uris],
 *    flags 1 favorite, 2 re-prompt, 4 archived: without the keys of each object, a 50,000-item
 *    snapshot parses in a quarter less time.
 */
const SNAPSHOT_LAYOUT = 2;

type SnapshotRow = [
  string,
  ItemSummary['type'],
  string,
  string | null,
  string | null,
  number,
  string,
  ...string[],
];

function toRow(s: ItemSummary): SnapshotRow {
  const flags = (s.favorite ? 1 : 0) | (s.reprompt === 1 ? 2 : 0) | (s.archived ? 4 : 0);
  return [s.id, s.type, s.name, s.subtitle, s.folderId, flags, s.revisionDate, ...s.uris];
}

function fromRow(row: SnapshotRow): ItemSummary {
  const [id, type, name, subtitle, folderId, flags, revisionDate, ...uris] = row;
  return {
    id,
    type,
    name,
    subtitle,
    folderId,
    favorite: (flags & 1) !== 0,
    reprompt: flags & 2 ? 1 : 0,
    uris,
    revisionDate,
    archived: (flags & 4) !== 0,
  };
}

interface ListState {
  key: SymmetricKey;
  /** Sorted by name. */
  summaries: ItemSummary[];
  /** What search looks in, lower-cased, by the summary's place. */
  searchText: string[];
  /** Whether it was read from the snapshot (else it is put at rest once kept). */
  fromSnapshot: boolean;
  /** The last filter asked for and what it shows: a scroll asks again with it. */
  lastQuery?: { filter: string } & Shown;
  /** Items by folder id, once asked for. */
  folderCounts?: Map<string, number>;
}

/** The store whose writes the cache follows, and the cache. */
export function createItemListCache(store: VaultStore): {
  store: VaultStore;
  cache: ItemListCache;
} {
  /** Moves before and after each write: equal at both ends of a read means none overlapped it. */
  let version = 0;
  /** The list being made or made, for one key and one version of the vault. */
  let kept: { key: SymmetricKey; version: number; state: Promise<ListState> } | null = null;
  /** The made list, once `kept.state` resolved (what a write updates in place). */
  let ready: ListState | null = null;

  /** The snapshot's ciphertext read ahead, and the version it was read at. */
  let prefetched: { version: number; snapshot: Promise<Uint8Array | undefined> } | null = null;

  /** The list before a write that replaced the whole vault (rotation's), and the version after. */
  let beforeReplace: { state: ListState; version: number } | null = null;

  const forget = () => {
    kept = null;
    ready = null;
    beforeReplace = null;
  };

  const changing =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      version++;
      forget();
      try {
        return await write(...args);
      } finally {
        version++;
        forget();
      }
    };

  /** The plaintext of records about to be written (knowPlaintext), and the key they are under. */
  const plaintexts = new WeakMap<ItemRecord, { key: SymmetricKey; item: Item }>();

  const write = async (change: VaultChange) => {
    const before = ready;
    // The records put whose plaintext is known under the list's key, and the others.
    const known: Item[] = [];
    const unknown: ItemRecord[] = [];
    for (const record of change.putItems ?? []) {
      const plain = plaintexts.get(record);
      if (plain && plain.key === before?.key) known.push(plain.item);
      else unknown.push(record);
    }
    const inPlace =
      before !== null && !change.replaceAll && unknown.length <= UPDATE_IN_PLACE_LIMIT;
    // Decrypted before the write, so the update is ready the moment it lands.
    const decrypted = inPlace ? await summariesOf(unknown, before.key).catch(() => null) : null;
    const updated = decrypted && [...known.map(summarize), ...decrypted];
    const mine = ++version;
    forget();
    try {
      await store.write(change);
    } finally {
      version++;
    }
    if (before && change.replaceAll && version === mine + 1) {
      beforeReplace = { state: before, version };
    }
    // Only if no other write began meanwhile: its change would be missing from this update.
    if (before && updated && version === mine + 1) {
      const state = withChange(before, updated, new Set(change.deleteItemIds ?? []));
      kept = { key: before.key, version, state: Promise.resolve(state) };
      ready = state;
      keepSnapshot(state, version);
    }
  };

  const followed: VaultStore = {
    ...store,
    write,
    createAccount: changing(store.createAccount),
    deleteEverything: changing(store.deleteEverything),
  };

  /** Puts the snapshot at rest, unless the vault changed since `state` described it. */
  const keepSnapshot = (state: ListState, madeAt: number) => {
    void (async () => {
      // After the answer waiting for this list (or for the save that updated it) has gone: the
      // snapshot's making takes this thread 100–200 ms at 50,000 items.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (version !== madeAt || ready !== state) return;
      const snapshot = await encryptFileData(
        // ASCII: it decodes at unlock three to four times faster than UTF-8 with other characters.
        asciiJson(JSON.stringify({ layout: SNAPSHOT_LAYOUT, rows: state.summaries.map(toRow) })),
        state.key,
      );
      // Checked and started in one step: a write begun later deletes it again.
      if (version === madeAt && ready === state) await store.putListSnapshot(snapshot);
    })().catch(() => {
      // Only a shortcut for the next unlock: without it the list is made from the items.
    });
  };

  const make = async (key: SymmetricKey): Promise<ListState> => {
    const ahead = prefetched?.version === version ? prefetched.snapshot : null;
    prefetched = null;
    const fromSnapshot = await readSnapshot(await (ahead ?? followed.getListSnapshot()), key);
    if (fromSnapshot) return listState(key, fromSnapshot, true);
    const summaries = await summariesOf(await followed.listItems(), key);
    return listState(key, summaries.sort(byName), false);
  };

  const stateFor = async (key: SymmetricKey): Promise<ListState> => {
    if (kept && kept.key === key && kept.version === version) return kept.state;
    const started = version;
    const state = make(key);
    const entry = { key, version: started, state };
    kept = entry;
    try {
      const made = await state;
      // A write during the read: what was read may be stale, so it is not kept.
      if (version === started && kept === entry) {
        ready = made;
        if (!made.fromSnapshot) keepSnapshot(made, started);
      } else if (kept === entry) kept = null;
      return made;
    } catch (error) {
      if (kept === entry) kept = null;
      throw error;
    }
  };

  return {
    store: followed,
    cache: {
      async summaries(key) {
        return [...(await stateFor(key)).summaries];
      },
      async folderCounts(key) {
        const state = await stateFor(key);
        state.folderCounts ??= countByFolder(state.summaries);
        // No prototype: a folder id is never mistaken for an inherited property.
        const counts = Object.create(null) as Record<string, number>;
        for (const [folderId, count] of state.folderCounts) counts[folderId] = count;
        return counts;
      },
      async query(key, filter, offset, limit) {
        const state = await stateFor(key);
        const { places, favorites } = placesShown(state, filter);
        return {
          items: places.slice(offset, offset + limit).map((place) => state.summaries[place]!),
          total: places.length,
          vaultSize: state.summaries.length,
          favorites,
        };
      },
      rekey(from, to) {
        const carried = beforeReplace;
        beforeReplace = null;
        if (carried?.version !== version || carried.state.key !== from) return;
        const state: ListState = { ...carried.state, key: to, fromSnapshot: false };
        kept = { key: to, version, state: Promise.resolve(state) };
        ready = state;
        keepSnapshot(state, version);
      },
      knowPlaintext(key, records, items) {
        records.forEach((record, i) => plaintexts.set(record, { key, item: items[i]! }));
      },
      prefetch() {
        const snapshot = followed.getListSnapshot();
        // Read for later: a failure here is the later read's to meet.
        snapshot.catch(() => undefined);
        prefetched = { version, snapshot };
      },
      clear() {
        forget();
        prefetched = null;
      },
    },
  };
}

async function summariesOf(records: ItemRecord[], key: SymmetricKey): Promise<ItemSummary[]> {
  if (records.length === 0) return [];
  return (await decryptItemsForList(records, key)).map(summarize);
}

function listState(key: SymmetricKey, summaries: ItemSummary[], fromSnapshot: boolean): ListState {
  return { key, summaries, searchText: summaries.map(searchTextOf), fromSnapshot };
}

/**
 * `before` with the items `deleted` gone and `updated` put in their place by name. The search
 * text of the items kept is kept with them: only the updated ones are lower-cased again.
 */
function withChange(
  before: ListState,
  updated: ItemSummary[],
  deleted: ReadonlySet<string>,
): ListState {
  const replaced = new Set(updated.map((summary) => summary.id));
  const summaries: ItemSummary[] = [];
  const searchText: string[] = [];
  before.summaries.forEach((summary, place) => {
    if (deleted.has(summary.id) || replaced.has(summary.id)) return;
    summaries.push(summary);
    searchText.push(before.searchText[place]!);
  });
  if (updated.length > FEW_CHANGES) return merged(before.key, summaries, searchText, updated);
  // Few changes: each goes where it sorts, the rest keep their order.
  for (const summary of updated) {
    let low = 0;
    let high = summaries.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (byName(summaries[middle]!, summary) <= 0) low = middle + 1;
      else high = middle;
    }
    summaries.splice(low, 0, summary);
    searchText.splice(low, 0, searchTextOf(summary));
  }
  return { key: before.key, summaries, searchText, fromSnapshot: false };
}

/** Up to this many changed items are each put in their place; more are sorted and merged in. */
const FEW_CHANGES = 32;

/**
 * The kept summaries (in order) and the `updated` ones merged by name: an import's thousands
 * would each move the rest of the list if put in one at a time. Where names are equal, what was
 * kept comes first and the updated ones keep their order, as one at a time would place them.
 */
function merged(
  key: SymmetricKey,
  kept: ItemSummary[],
  keptText: string[],
  updated: ItemSummary[],
): ListState {
  // Array.prototype.sort is stable: equal names keep the order they came in.
  const added = [...updated].sort(byName);
  const summaries: ItemSummary[] = [];
  const searchText: string[] = [];
  let k = 0;
  for (const summary of added) {
    while (k < kept.length && byName(kept[k]!, summary) <= 0) {
      summaries.push(kept[k]!);
      searchText.push(keptText[k]!);
      k++;
    }
    summaries.push(summary);
    searchText.push(searchTextOf(summary));
  }
  for (; k < kept.length; k++) {
    summaries.push(kept[k]!);
    searchText.push(keptText[k]!);
  }
  return { key, summaries, searchText, fromSnapshot: false };
}

/** The summaries a snapshot holds, or null when it is missing, foreign or of another layout. */
export async function readSnapshot(
  snapshot: Uint8Array | undefined,
  key: SymmetricKey,
): Promise<ItemSummary[] | null> {
  if (snapshot === undefined) return null;
  try {
    const parsed = JSON.parse(decodeUtf8Strict(await decryptFileData(snapshot, key))) as {
      layout?: unknown;
      rows?: unknown;
    };
    // Written by this code under this key (its MAC checked): the layout is all there is to check.
    return parsed.layout === SNAPSHOT_LAYOUT && Array.isArray(parsed.rows)
      ? (parsed.rows as SnapshotRow[]).map(fromRow)
      : null;
  } catch {
    // Made under an earlier key (rotation deletes it, but a worker may have stopped between).
    return null;
  }
}

function countByFolder(summaries: readonly ItemSummary[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of summaries) {
    if (item.folderId !== null && !item.archived) {
      counts.set(item.folderId, (counts.get(item.folderId) ?? 0) + 1);
    }
  }
  return counts;
}

/** The places of the summaries a filter shows, and how many of the first are favorites. */
interface Shown {
  places: number[];
  favorites: number;
}

/**
 * The places of the summaries `filter` shows, by name, the favorites first where the list
 * splits them, remembered for the next page of the same list.
 */
function placesShown(state: ListState, filter: VaultFilter): Shown {
  const needle = filter.search.trim().toLowerCase();
  const asked = `${filter.folder}\u0000${needle}`;
  if (state.lastQuery?.filter === asked) return state.lastQuery;
  const split = favoritesFirst(filter.folder);
  const favorites: number[] = [];
  const others: number[] = [];
  state.summaries.forEach((summary, place) => {
    if (listedUnder(summary, filter.folder) && state.searchText[place]!.includes(needle)) {
      (split && summary.favorite ? favorites : others).push(place);
    }
  });
  const shown = { places: favorites.concat(others), favorites: favorites.length };
  state.lastQuery = { filter: asked, ...shown };
  return shown;
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

/**
 * One collator for every comparison: `localeCompare` with options sets one up on each call, and
 * sorting 10,000 names that way took 0.9 s of the 1.6 s that making the list took in Chromium
 * (CPU profile). Same locale and options, so the same order.
 */
const NAME_ORDER = new Intl.Collator(undefined, { sensitivity: 'base' });

/** The vault's order for items and folders: by name, case and accents aside. */
export function byName(a: { name: string }, b: { name: string }): number {
  return NAME_ORDER.compare(a.name, b.name);
}
