/** useLoaded: what a view fetches as it opens, and only the newest answer. */
import { act, renderHook, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { CofferError } from '@/src/errors/coffer-error';
import { t } from '@/src/popup/i18n';
import { useLoaded } from '@/src/popup/hooks/use-loaded';

/** A promise the test settles when it chooses. */
function later<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('useLoaded', () => {
  it('fetches once as the view opens and gives the answer', async () => {
    const load = vi.fn(async () => 'listing');
    const { result } = renderHook(() => useLoaded(load));
    expect(result.current.value).toBeNull();
    await waitFor(() => expect(result.current.value).toBe('listing'));
    expect(result.current.error).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('says in words why the fetch failed, and clears that once a fetch succeeds', async () => {
    let fail = true;
    const load = async () => {
      if (fail) throw new CofferError('errorLocked');
      return 3;
    };
    const { result } = renderHook(() => useLoaded(load));
    await waitFor(() => expect(result.current.error).toBe(t('errorLocked')));
    fail = false;
    await act(() => result.current.reload());
    expect(result.current).toMatchObject({ value: 3, error: null });
  });

  it('keeps only the newest answer when the thing to fetch changed meanwhile', async () => {
    const first = later<string>();
    const second = later<string>();
    const { result, rerender } = renderHook(({ load }) => useLoaded(load), {
      initialProps: { load: () => first.promise },
    });
    rerender({ load: () => second.promise });
    await act(async () => second.resolve('item 2'));
    await act(async () => first.resolve('item 1'));
    expect(result.current.value).toBe('item 2');
  });

  it('starts with the initial value and fetches nothing without a load', async () => {
    const { result } = renderHook(() => useLoaded<string>(null, 'new item'));
    expect(result.current.value).toBe('new item');
    act(() => result.current.set('edited'));
    expect(result.current.value).toBe('edited');
  });
});
