/**
 * What a view fetches from the background as it opens: the value, or why it could not be had.
 * It fetches again whenever `load` changes (keep it in a useCallback), and an answer overtaken by
 * a newer request, or arriving after the view closed, is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../error-text';

export interface Loaded<T> {
  /** null until the first answer (unless the view starts with one). */
  value: T | null;
  /** Why the last fetch failed; null once one succeeds. */
  error: string | null;
  /** Replaces the value, with what an action that changed it answered. */
  set(value: T): void;
  /** Fetches again (after an action that changes what was fetched). */
  reload(): Promise<void>;
}

/**
 * `load` null: nothing to fetch, the view starts with `initial` (a new item in the editor).
 * `describe` words a failure; keep it stable too (a module-level function).
 */
export function useLoaded<T>(
  load: (() => Promise<T>) | null,
  initial: T | null = null,
  describe: (error: unknown) => string = errorText,
): Loaded<T> {
  const [value, setValue] = useState<T | null>(initial);
  const [error, setError] = useState<string | null>(null);
  /** Counts requests, so that only the newest one's answer is kept. */
  const requests = useRef({ count: 0 });

  const reload = useCallback(async () => {
    if (!load) return;
    const counter = requests.current;
    const request = ++counter.count;
    try {
      const answer = await load();
      if (request !== counter.count) return;
      setValue(answer);
      setError(null);
    } catch (e) {
      if (request === counter.count) setError(describe(e));
    }
  }, [load, describe]);

  useEffect(() => {
    const counter = requests.current;
    void reload();
    // Closed, or about to fetch something else: what is on its way now is not wanted.
    return () => {
      counter.count++;
    };
  }, [reload]);

  return { value, error, set: setValue, reload };
}
