/**
 * A list of any length that puts in the page only the rows near the screen, so a vault of 50,000
 * items costs the popup what one of a hundred does. Rows have one height (ROW_HEIGHT, as
 * `.windowed-list > li` in style.css) so a row's place follows from its index; the page itself
 * scrolls, as it did before. To assistive technology it stays one list: each row says its
 * position and the list's size (aria-posinset / aria-setsize), and the arrow keys, Home, End,
 * Page Up and Page Down move focus from row to row, bringing rows on screen as they go.
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/** The height of a row in CSS pixels: `.windowed-list > li` in style.css. */
export const ROW_HEIGHT = 56;
/** Rows kept above and below the screen: scrolling shows rows already there. */
const OVERSCAN = 30;
/**
 * Rows beyond the screen in the list's first paint: the rest come just after it, so a popup
 * opening does not wait to build and lay out rows nobody sees yet (30 of a popup's first 41).
 */
const FIRST_OVERSCAN = 2;
/** Rows in the page of a list that starts far below the screen. */
const FAR_ROWS = 3;
/** Where the page has no height yet (before layout): the popup's own. */
const FALLBACK_VIEWPORT = 600;

export interface WindowedListProps<T> {
  /** How many rows the list has. */
  count: number;
  /** The item at a place; undefined while it is on its way (the row says it is loading). */
  itemAt(index: number): T | undefined;
  /** Told which rows are in the page whenever that changes, to fetch those not here yet. */
  onRange?(first: number, end: number): void;
  /** A stable key for an item. */
  keyOf(item: T): string;
  /**
   * Told when an arrow key would move past the first row ('before') or the last ('after'): a
   * list that follows another hands the focus on.
   */
  onLeave?(towards: 'before' | 'after'): void;
  /** The row's content: one focusable element (a button), which the keys move between. */
  renderRow(item: T, index: number): ComponentChildren;
  /** What a row on its way says. */
  loadingLabel: string;
  class?: string;
}

interface Range {
  first: number;
  end: number;
}

export function WindowedList<T>({
  count,
  itemAt,
  onRange,
  onLeave,
  keyOf,
  renderRow,
  loadingLabel,
  class: className,
}: WindowedListProps<T>) {
  const listRef = useRef<HTMLUListElement>(null);
  const [overscan, setOverscan] = useState(FIRST_OVERSCAN);
  const [range, setRange] = useState<Range>(() =>
    rangeFor(0, viewportHeight(), count, FIRST_OVERSCAN),
  );
  const shownEnd = Math.min(range.end, count);

  // Also when the rows change (another filter's list): its pages are asked for afresh.
  useEffect(() => {
    onRange?.(range.first, shownEnd);
  }, [onRange, itemAt, range.first, shownEnd]);
  /** A row to focus once it is in the page (keyboard moves). */
  const pendingFocus = useRef<number | null>(null);

  const measure = useCallback(() => {
    const list = listRef.current;
    if (!list) return;
    const next = rangeFor(list.getBoundingClientRect().top, viewportHeight(), count, overscan);
    setRange((now) => (now.first === next.first && now.end === next.end ? now : next));
  }, [count, overscan]);

  // Effects run after the browser painted: the first paint had the screen's rows only.
  useEffect(() => setOverscan(OVERSCAN), []);

  useLayoutEffect(() => {
    measure();
    window.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    return () => {
      window.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
    };
  }, [measure]);

  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null || index < range.first || index >= range.end) return;
    // A row still on its way has nothing to focus yet: the next render (its arrival) tries again.
    const row = rowFocusable(listRef.current, index);
    if (!row) return;
    pendingFocus.current = null;
    row.focus();
  });

  const moveTo = (index: number) => {
    const list = listRef.current;
    if (!list) return;
    const target = Math.max(0, Math.min(count - 1, index));
    const rowTop = list.getBoundingClientRect().top + target * ROW_HEIGHT;
    const viewport = viewportHeight();
    if (rowTop < 0) window.scrollBy(0, rowTop);
    else if (rowTop + ROW_HEIGHT > viewport) window.scrollBy(0, rowTop + ROW_HEIGHT - viewport);
    pendingFocus.current = target;
    measure();
    // Where scrolling did not bring it (no layout yet), the row is put in the page all the same.
    setRange((now) =>
      target >= now.first && target < now.end
        ? now
        : { first: Math.max(0, target - OVERSCAN), end: Math.min(count, target + OVERSCAN + 1) },
    );
    // Already in the page: focus now (the effect runs only on a render).
    const row = rowFocusable(list, target);
    if (row) {
      pendingFocus.current = null;
      row.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('li[data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
    const page = Math.max(1, Math.floor(viewportHeight() / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: count - 1,
      PageDown: index + page,
      PageUp: index - page,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    if (onLeave && event.key === 'ArrowUp' && target < 0) onLeave('before');
    else if (onLeave && event.key === 'ArrowDown' && target >= count) onLeave('after');
    else moveTo(target);
  };

  const rows = [];
  for (let index = range.first; index < shownEnd; index++) {
    const item = itemAt(index);
    const place = {
      'data-index': index,
      'aria-setsize': count,
      'aria-posinset': index + 1,
      style: { top: `${index * ROW_HEIGHT}px` },
    };
    rows.push(
      item === undefined ? (
        // Keyboard focus asked for here waits until the row arrives (the effect above).
        <li key={`loading-${index}`} {...place} aria-busy="true" class="loading-row">
          {loadingLabel}
        </li>
      ) : (
        <li key={keyOf(item)} {...place}>
          {renderRow(item, index)}
        </li>
      ),
    );
  }
  return (
    <ul
      ref={listRef}
      // list-style: none loses the list role in some browsers; said again here.
      role="list"
      class={`windowed-list${className ? ` ${className}` : ''}`}
      style={{ height: `${count * ROW_HEIGHT}px` }}
      onKeyDown={onKeyDown}
    >
      {rows}
    </ul>
  );
}

/** The rows to have in the page when the list's top is `top` px from the viewport's. */
function rangeFor(top: number, viewport: number, count: number, overscan: number): Range {
  const first = Math.max(0, Math.floor(-top / ROW_HEIGHT) - overscan);
  // A list that starts far below the screen (the others, under thousands of favorites) has only
  // its first rows in the page: enough to be read as a list and for the keys to reach it.
  const end = Math.min(
    count,
    Math.max(FAR_ROWS, Math.ceil((viewport - top) / ROW_HEIGHT) + overscan),
  );
  return { first: Math.min(first, end), end };
}

function viewportHeight(): number {
  return window.innerHeight > 0 ? window.innerHeight : FALLBACK_VIEWPORT;
}

function rowFocusable(list: HTMLUListElement | null, index: number): HTMLElement | null {
  return (
    list?.querySelector<HTMLElement>(
      `li[data-index="${index}"] button, li[data-index="${index}"] [tabindex]`,
    ) ?? null
  );
}
