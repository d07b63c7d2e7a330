/**
 * The vault list at 10,000 items: only the rows near the screen are in the page, the list still
 * reads as one list of its full size, the keys move focus through all of it, and search and
 * clearing it work on the whole vault.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { useLayoutEffect } from 'preact/hooks';
import { describe, expect, it, vi } from 'vitest';
import type { ItemSummary, VaultClient } from '@/src/protocol/vault-api';
import { ItemChooser } from '@/src/popup/components/ItemChooser';
import { ROW_HEIGHT, WindowedList } from '@/src/popup/components/WindowedList';
import { VaultClientContext } from '@/src/popup/vault-client-context';
import { VaultView, type VaultFilter } from '@/src/popup/views/VaultView';
import { PAGE_SIZE } from '@/src/popup/hooks/use-vault-pages';
import { favoritesFirst, listedUnder, searchTextOf } from '@/src/vault/vault-filter';

const COUNT = 10_000;

/** The vault's items; the one at `archived`, if given, is archived, those at `favorites` favorites. */
function summaries(archived?: number, favorites: readonly number[] = []): ItemSummary[] {
  return Array.from({ length: COUNT }, (_, i) => ({
    id: `item-${i}`,
    type: 1 as const,
    // Zero-padded so the background's name order is the index order.
    name: `Account ${String(i).padStart(5, '0')}`,
    subtitle: `user${i}@example.com`,
    folderId: null,
    favorite: favorites.includes(i),
    reprompt: 0 as const,
    uris: [`https://site-${i}.example`],
    revisionDate: '2026-12-01T00:00:00.000Z',
    archived: i === archived,
  }));
}

/**
 * A background that keeps the list as the real one does: filtered, searched, the favorites first
 * where the list splits them, a page at a time.
 */
function fakeBackground(archived?: number, favoriteAt: readonly number[] = []) {
  const all = summaries(archived, favoriteAt);
  const text = all.map(searchTextOf);
  return {
    queryVault: vi.fn(
      async ({ filter, offset, limit }: { filter: VaultFilter; offset: number; limit: number }) => {
        const needle = filter.search.trim().toLowerCase();
        const matching = all.filter(
          (item, i) => listedUnder(item, filter.folder) && text[i]!.includes(needle),
        );
        const split = favoritesFirst(filter.folder);
        const favorites = split ? matching.filter((item) => item.favorite) : [];
        const shown = [...favorites, ...matching.filter((item) => !favorites.includes(item))];
        return {
          items: shown.slice(offset, offset + limit),
          total: shown.length,
          vaultSize: all.length,
          favorites: favorites.length,
        };
      },
    ),
  };
}

function renderVault(
  filter: VaultFilter = { search: '', folder: 'all' },
  favorites: readonly number[] = [],
) {
  const background = fakeBackground(undefined, favorites);
  const client = background as unknown as VaultClient;
  const onOpenItem = vi.fn();
  let current = filter;
  const view = () => (
    <VaultClientContext.Provider value={client}>
      <VaultView
        folders={[]}
        filter={current}
        onFilterChange={(next) => {
          current = next;
          rerender(view());
        }}
        onOpenItem={onOpenItem}
        onNewItem={() => undefined}
        onImport={() => undefined}
        onGenerator={() => undefined}
      />
    </VaultClientContext.Provider>
  );
  const { rerender } = render(view());
  return { onOpenItem, background };
}

const rows = () => screen.getAllByRole('listitem');
/** The text of the focused row (not of the page, should focus have fallen to the body). */
const focusedRow = () => document.activeElement?.closest('li')?.textContent ?? '';
const rowButton = (name: string) =>
  screen.getAllByRole('button').find((b) => b.textContent?.startsWith(name));

describe('the vault list at 10,000 items', () => {
  it('puts only the rows near the screen in the page, each saying its place in the whole list', async () => {
    const { background } = renderVault();
    await screen.findByText('Account 00000');
    // The popup asked for what is on screen, never for the whole vault.
    for (const [request] of background.queryVault.mock.calls) {
      expect(request.limit).toBeLessThanOrEqual(PAGE_SIZE);
    }
    expect(screen.getByText(`${COUNT} items`)).toBeTruthy();
    const list = screen.getByRole('list');
    const shown = rows();
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(100);
    expect(list.querySelectorAll('*').length).toBeLessThan(600);
    expect(shown[0]!.getAttribute('aria-posinset')).toBe('1');
    expect(shown[0]!.getAttribute('aria-setsize')).toBe(String(COUNT));
    // The list is as tall as all of its rows, so the page scrolls through the whole vault.
    expect(list.style.height).toBe(`${COUNT * ROW_HEIGHT}px`);
  });

  it('moves focus with the arrow keys, End and Home, bringing far rows into the page', async () => {
    const { onOpenItem } = renderVault();
    await screen.findByText('Account 00000');
    rowButton('Account 00000')!.focus();
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(focusedRow()).toContain('Account 00001');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    // The last page is fetched as the row comes on screen; focus waits for it.
    await waitFor(() => expect(focusedRow()).toContain('Account 09999'));
    const last = document.activeElement!.closest('li')!;
    expect(last.getAttribute('aria-posinset')).toBe(String(COUNT));
    expect(rows().length).toBeLessThan(100);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(focusedRow()).toContain('Account 09998');
    fireEvent.click(document.activeElement!);
    expect(onOpenItem).toHaveBeenCalledWith('item-9998');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    await waitFor(() => expect(focusedRow()).toContain('Account 00000'));
  });

  it('searches the whole vault, names and usernames and websites, and clearing shows it all again', async () => {
    renderVault();
    await screen.findByText('Account 00000');
    const search = screen.getByLabelText('Search vault');
    fireEvent.input(search, { target: { value: 'site-9876.example' } });
    await waitFor(() => expect(rows().length).toBe(1));
    expect(rows()[0]!.textContent).toContain('Account 09876');
    expect(rows()[0]!.getAttribute('aria-setsize')).toBe('1');
    fireEvent.input(search, { target: { value: 'USER4321@' } });
    await waitFor(() => expect(rows()[0]!.textContent).toContain('Account 04321'));
    // A search does not match across two fields.
    fireEvent.input(search, { target: { value: '00042user' } });
    await waitFor(() => expect(screen.getByText('No items match.')).toBeTruthy());
    fireEvent.input(search, { target: { value: '' } });
    await waitFor(() => expect(rows()[0]!.getAttribute('aria-setsize')).toBe(String(COUNT)));
  });
});

describe('the list opening', () => {
  it('paints the rows on screen first and puts the rows around them in the page just after', () => {
    let firstPaint: number | undefined;
    /** Its layout effect runs in the list's first commit, before the browser paints it. */
    const CountRows = () => {
      useLayoutEffect(() => {
        firstPaint ??= document.querySelectorAll('li').length;
      }, []);
      return null;
    };
    render(
      <>
        <WindowedList
          count={COUNT}
          itemAt={(index) => index}
          keyOf={String}
          renderRow={(index) => <button type="button">Row {index}</button>}
          loadingLabel="Loading"
        />
        <CountRows />
      </>,
    );
    const onScreen = Math.ceil(window.innerHeight / ROW_HEIGHT);
    expect(firstPaint).toBe(onScreen + 2);
    // The effects ran (after the paint): the screen's rows and 30 more below.
    expect(rows()).toHaveLength(onScreen + 30);
    expect(rows()[0]!.getAttribute('aria-setsize')).toBe(String(COUNT));
  });
});

describe('favorites in the vault list', () => {
  // Three favorites spread over the vault: by name they would be far apart.
  const FAVORITES = [42, 5000, 9999];

  it('come first under their own heading, the others under theirs, each list its own size', async () => {
    renderVault(undefined, FAVORITES);
    await screen.findByText('Account 00042');
    const favorites = screen.getByRole('region', { name: 'Favorites' });
    const others = screen.getByRole('region', { name: 'Other items' });
    const favoriteRows = within(favorites).getAllByRole('listitem');
    expect(favoriteRows.map((li) => li.querySelector('.item-name')!.textContent)).toEqual([
      'Account 00042',
      'Account 05000',
      'Account 09999',
    ]);
    expect(favoriteRows[0]!.getAttribute('aria-setsize')).toBe('3');
    const otherRows = within(others).getAllByRole('listitem');
    expect(otherRows[0]!.textContent).toContain('Account 00000');
    expect(otherRows[0]!.getAttribute('aria-posinset')).toBe('1');
    expect(otherRows[0]!.getAttribute('aria-setsize')).toBe(String(COUNT - 3));
    // The favorite is not listed a second time among the others.
    expect(within(others).queryByText('Account 00042')).toBeNull();
    expect(screen.getByText(`${COUNT} items`)).toBeTruthy();
  });

  it('hands the arrow keys on from the last favorite to the first other item and back', async () => {
    const { onOpenItem } = renderVault(undefined, FAVORITES);
    await screen.findByText('Account 09999');
    rowButton('Account 05000')!.focus();
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(focusedRow()).toContain('Account 09999');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(focusedRow()).toContain('Account 00000');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(focusedRow()).toContain('Account 00001');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(focusedRow()).toContain('Account 09999');
    fireEvent.click(document.activeElement!);
    expect(onOpenItem).toHaveBeenCalledWith('item-9999');
  });

  it('are one list where the choice is the favorites or the search finds only favorites', async () => {
    renderVault({ search: '', folder: 'favorites' }, FAVORITES);
    await screen.findByText('Account 05000');
    expect(screen.queryByRole('region', { name: 'Other items' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Favorites' })).toBeNull();
    expect(rows()).toHaveLength(3);
  });

  it('leave with a search that finds none of them, and come back when it is cleared', async () => {
    renderVault(undefined, FAVORITES);
    await screen.findByText('Account 00042');
    const search = screen.getByLabelText('Search vault');
    fireEvent.input(search, { target: { value: 'account 00007' } });
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Favorites' })).toBeNull());
    expect(rows()).toHaveLength(1);
    expect(rows()[0]!.textContent).toContain('Account 00007');
    fireEvent.input(search, { target: { value: '' } });
    await screen.findByRole('region', { name: 'Favorites' });
    expect(screen.getByText(`${COUNT} items`)).toBeTruthy();
  });

  it('come first in a search, under their heading', async () => {
    renderVault({ search: 'account 0999', folder: 'all' }, FAVORITES);
    await screen.findByText('Account 09999');
    const favorites = screen.getByRole('region', { name: 'Favorites' });
    expect(within(favorites).getAllByRole('listitem')).toHaveLength(1);
    const others = screen.getByRole('region', { name: 'Other items' });
    expect(within(others).getAllByRole('listitem')).toHaveLength(9);
  });
});

describe("Export Vault's item chooser at 10,000 items", () => {
  function renderChooser() {
    // The last item is archived: out of the vault list, but it can be exported.
    const background = fakeBackground(COUNT - 1);
    const chosen: string[] = [];
    const view = () => (
      <VaultClientContext.Provider value={background as unknown as VaultClient}>
        <ItemChooser
          chosen={[...chosen]}
          onChoose={(id, on) => {
            if (on) chosen.push(id);
            else chosen.splice(chosen.indexOf(id), 1);
            rerender(view());
          }}
        />
      </VaultClientContext.Provider>
    );
    const { rerender } = render(view());
    return { background, chosen };
  }
  const boxes = () => screen.getAllByRole('checkbox');

  it('shows a page of items at a time, more on request, never the whole vault', async () => {
    const { background } = renderChooser();
    await screen.findByLabelText('Account 00000');
    expect(boxes()).toHaveLength(PAGE_SIZE);
    fireEvent.click(screen.getByRole('button', { name: 'Show more (100 of 10,000 shown)' }));
    await screen.findByLabelText('Account 00199');
    expect(boxes()).toHaveLength(2 * PAGE_SIZE);
    // Only pages were asked for, never the vault at once.
    for (const [params] of background.queryVault.mock.calls) {
      expect(params.limit).toBeLessThanOrEqual(PAGE_SIZE);
    }
  });

  it('finds items by search, archived ones too, and keeps what was chosen while searching', async () => {
    const { chosen } = renderChooser();
    fireEvent.click(await screen.findByLabelText('Account 00003'));
    expect(screen.getByText('Chosen items (1)')).toBeTruthy();
    const search = screen.getByLabelText('Search vault');
    fireEvent.input(search, { target: { value: 'account 09999' } });
    await waitFor(() => expect(boxes()).toHaveLength(1));
    expect(screen.queryByRole('button', { name: /^Show more/ })).toBeNull();
    fireEvent.click(screen.getByLabelText('Account 09999'));
    fireEvent.input(search, { target: { value: '' } });
    await waitFor(() => expect(boxes()).toHaveLength(PAGE_SIZE));
    expect((screen.getByLabelText('Account 00003') as HTMLInputElement).checked).toBe(true);
    expect(chosen).toEqual(['item-3', 'item-9999']);
    expect(screen.getByText('Chosen items (2)')).toBeTruthy();
  });
});
