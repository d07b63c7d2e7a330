/**
 * The vault list as the background keeps it, fetched a page at a time: the first page of what a
 * filter shows when the filter changes, the others as the windowed list scrolls to them. The
 * popup never holds the whole vault, so it opens and searches as fast on 50,000 items as on 50.
 * While a new filter's first page is on its way the previous list stays on screen (typing does
 * not flash), and an answer overtaken by a newer filter is dropped.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ItemSummary, VaultClient, VaultFilter } from '@/src/protocol/vault-api';
import { errorText } from '../error-text';

/** Rows per request: a few screens, so a scroll rarely shows a row still on its way. */
export const PAGE_SIZE = 100;

export interface VaultPages {
  /** How many items the filter shows. */
  total: number;
  /** How many the vault holds. */
  vaultSize: number;
  /** How many of the first rows are favorites (shown under their own heading). */
  favorites: number;
  /** The row at a place, once its page is here. */
  rowAt(index: number): ItemSummary | undefined;
}

interface Listing {
  /** The filter this listing shows. */
  filter: VaultFilter;
  total: number;
  vaultSize: number;
  favorites: number;
  pages: ReadonlyMap<number, ItemSummary[]>;
}

/** What the list asks for first when it shows `filter` (the popup also asks it before rendering). */
export function firstPageOf(filter: VaultFilter): {
  filter: VaultFilter;
  offset: number;
  limit: number;
} {
  return { filter: { search: filter.search, folder: filter.folder }, offset: 0, limit: PAGE_SIZE };
}

export function useVaultPages(
  client: VaultClient,
  filter: VaultFilter,
): {
  pages: VaultPages | null;
  error: string | null;
  /** Fetches the pages holding rows `first` to `end` (end excluded) that are not here yet. */
  want(first: number, end: number): void;
} {
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Counts first-page requests: only the newest one's answer is kept. */
  const requests = useRef({ count: 0 });
  /** Pages asked for in the listing on screen (never asked twice). */
  const asked = useRef(new Set<number>());
  const current = useRef<Listing | null>(null);
  current.current = listing;

  const { search, folder } = filter;
  // Asked as soon as the list is in the page, not after a paint: on opening, its answer is
  // usually here already (early-answers.ts).
  useLayoutEffect(() => {
    const counter = requests.current;
    const request = ++counter.count;
    const asking: VaultFilter = { search, folder };
    client
      .queryVault(firstPageOf(asking))
      .then((page) => {
        if (request !== counter.count) return;
        asked.current = new Set([0]);
        setListing({
          filter: asking,
          total: page.total,
          vaultSize: page.vaultSize,
          favorites: page.favorites,
          pages: new Map([[0, page.items]]),
        });
        setError(null);
      })
      .catch((e: unknown) => {
        if (request === counter.count) setError(errorText(e));
      });
    return () => {
      // Closed, or another filter: what is on its way now is not wanted.
      counter.count++;
    };
  }, [client, search, folder]);

  const want = useCallback(
    (first: number, end: number) => {
      const shown = current.current;
      if (!shown) return;
      const last = Math.min(end, shown.total) - 1;
      for (let page = Math.floor(first / PAGE_SIZE); page * PAGE_SIZE <= last; page++) {
        if (asked.current.has(page)) continue;
        asked.current.add(page);
        const pageAsked = asked.current;
        client
          .queryVault({ filter: shown.filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
          .then((answer) => {
            // Another filter's listing meanwhile: this page is not part of it.
            if (asked.current !== pageAsked) return;
            setListing((now) =>
              now && now.filter === shown.filter
                ? {
                    ...now,
                    total: answer.total,
                    vaultSize: answer.vaultSize,
                    favorites: answer.favorites,
                    pages: new Map(now.pages).set(page, answer.items),
                  }
                : now,
            );
          })
          .catch((e: unknown) => {
            pageAsked.delete(page);
            setError(errorText(e));
          });
      }
    },
    [client],
  );

  const pages = listing && {
    total: listing.total,
    vaultSize: listing.vaultSize,
    favorites: listing.favorites,
    rowAt: (index: number) => listing.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
  };
  return { pages, error, want };
}
