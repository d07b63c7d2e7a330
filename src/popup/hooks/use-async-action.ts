/** One button press that talks to the background: pending flag, error text, and no double runs. */
import { useCallback, useRef, useState } from 'preact/hooks';
import { errorText } from '../error-text';

export interface AsyncAction<A extends unknown[]> {
  run(...args: A): Promise<void>;
  pending: boolean;
  error: string | null;
  setError(message: string | null): void;
}

export function useAsyncAction<A extends unknown[]>(
  action: (...args: A) => Promise<unknown>,
): AsyncAction<A> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const run = useCallback(
    async (...args: A) => {
      if (running.current) return;
      running.current = true;
      setPending(true);
      setError(null);
      try {
        await action(...args);
      } catch (e) {
        setError(errorText(e));
      } finally {
        running.current = false;
        setPending(false);
      }
    },
    [action],
  );
  return { run, pending, error, setError };
}
