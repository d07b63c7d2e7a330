/**
 * Items are kept in pages: one IndexedDB record holds up to PAGE_SIZE items in vault order, and a
 * small directory record per page names its items and counts them by type and by folder.
 *
 * Why: in Chromium every IndexedDB record costs a round trip to the browser process and its own
 * LevelDB entries. Measured in the built extension's service worker on the 2-core machine
 * (50,000 items of ~1.8 KB): one record per item took 13.3 s to write, 5.4 s to read and 2.7 s to
 * count by type; pages of 100 with their directory took 4.2 s, 1.6 s and 0.2 s. An import, a key
 * rotation and every export are mostly those three.
 *
 * The directory's `ids` are what its one multi-entry index reads: it finds an item's page, and
 * it is unique, so a record that would put an item on two pages is refused. Its counts by type
 * and by folder let the vault be counted from the directory alone (a few KB per page) without
 * reading the items. They are counts, not more index entries: [type, id] and [folderId, id]
 * index entries made key rotation's rewrite of 10,000 items take about 1 s longer in Chromium
 * (1.6–1.8 s against 0.6–0.7 s, measured in the worker), every entry being a LevelDB write and
 * a delete when the vault is replaced.
 *
 * This module is pure: it lays items out and edits pages; vault-store.ts does the IndexedDB part.
 */
import type { ItemRecord } from './records';

/**
 * Items per page: small enough that saving one item rewrites little, large enough to batch. In
 * Chromium's worker on the 2-core machine (10,000 SDK items of about 1.3 KB): pages of 40, each
 * under the 64 KB kept inside LevelDB, wrote in 491–642 ms and read in 375–549; pages of 100 in
 * 308–646 and 169–338; pages of 250 in 211–270 and 185–302, a saved item's page read and put
 * back in 15–18 ms against 13–14. Through the popup, 250 against 100 (alternating runs, 10,000 /
 * 50,000 items): import 1.12 / 4.2–5.0 s against 1.24–1.32 / 6.4–6.5 s, key rotation 1.34–1.37 /
 * 5.4–5.5 s against 1.67–1.76 / 6.5–7.6 s. Vaults written before keep their pages of 100.
 */
export const PAGE_SIZE = 250;

export interface PageDirectory {
  page: number;
  ids: string[];
  /** How many of the page's items are of each type. */
  types: Map<number, number>;
  /** How many are in each folder (items in no folder are not counted here). */
  folders: Map<string, number>;
}

export interface ItemPage {
  page: number;
  items: ItemRecord[];
}

export function directoryOf({ page, items }: ItemPage): PageDirectory {
  const types = new Map<number, number>();
  const folders = new Map<string, number>();
  for (const item of items) {
    types.set(item.type, (types.get(item.type) ?? 0) + 1);
    if (item.folderId !== null && item.folderId !== undefined) {
      folders.set(item.folderId, (folders.get(item.folderId) ?? 0) + 1);
    }
  }
  return { page, ids: items.map((item) => item.id), types, folders };
}

export interface VaultCounts {
  items: number;
  ofType(type: number): number;
  /** null: items in no folder. */
  inFolder(folderId: string | null): number;
}

/** The vault's counts, added up over its directory. */
export function countsOf(directory: readonly PageDirectory[]): VaultCounts {
  let items = 0;
  let filed = 0;
  const types = new Map<number, number>();
  const folders = new Map<string, number>();
  for (const page of directory) {
    items += page.ids.length;
    for (const [type, count] of page.types) types.set(type, (types.get(type) ?? 0) + count);
    for (const [folder, count] of page.folders) {
      folders.set(folder, (folders.get(folder) ?? 0) + count);
      filed += count;
    }
  }
  return {
    items,
    ofType: (type) => types.get(type) ?? 0,
    inFolder: (folderId) => (folderId === null ? items - filed : (folders.get(folderId) ?? 0)),
  };
}

/** Pages for items written into an empty store, numbered from `first`, in the order given. */
export function paginate(items: readonly ItemRecord[], first = 1): ItemPage[] {
  const pages: ItemPage[] = [];
  for (let start = 0; start < items.length; start += PAGE_SIZE) {
    pages.push({ page: first + pages.length, items: items.slice(start, start + PAGE_SIZE) });
  }
  return pages;
}

/** What a change finds in the store before it edits: the pages it touches, as read. */
export interface PagesRead {
  /** The page each item the change names is on now (items not stored are absent). */
  pageOf: ReadonlyMap<string, number>;
  /** Those pages and the vault's last page, read in the change's transaction. */
  pages: ReadonlyMap<number, ItemRecord[]>;
  /** The number of the vault's last page, if there is any. */
  lastPage: number | undefined;
}

/** The pages a change rewrites (empty ones are to be deleted), from what it read. */
export interface PageEdit {
  put: ItemPage[];
  deleted: number[];
}

/**
 * Applies deletions, then puts: a stored item is replaced where it is, a new one goes after the
 * last item of the vault (into the last page while it has room, then into new pages), so the
 * vault's order is the order items were first added, as Bitwarden's exporter keeps its input.
 * An id put twice in one change is stored once, as its last copy, in the first copy's place.
 */
export function editPages(
  read: PagesRead,
  putItems: readonly ItemRecord[],
  deleteIds: readonly string[],
): PageEdit {
  const pages = new Map([...read.pages].map(([page, items]) => [page, [...items]]));
  const changed = new Set<number>();
  const where = new Map(read.pageOf);
  for (const id of deleteIds) {
    const page = where.get(id);
    if (page === undefined) continue;
    const items = pages.get(page)!;
    items.splice(
      items.findIndex((item) => item.id === id),
      1,
    );
    where.delete(id);
    changed.add(page);
  }
  let last = read.lastPage;
  for (const item of putItems) {
    let page = where.get(item.id);
    if (page !== undefined) {
      const items = pages.get(page)!;
      items[items.findIndex((stored) => stored.id === item.id)] = item;
    } else {
      if (last === undefined || pages.get(last)!.length >= PAGE_SIZE) {
        last = (last ?? 0) + 1;
        pages.set(last, []);
      }
      page = last;
      pages.get(page)!.push(item);
      where.set(item.id, page);
    }
    changed.add(page);
  }
  const put: ItemPage[] = [];
  const deleted: number[] = [];
  for (const page of [...changed].sort((a, b) => a - b)) {
    const items = pages.get(page)!;
    if (items.length === 0) deleted.push(page);
    else put.push({ page, items });
  }
  return { put, deleted };
}
