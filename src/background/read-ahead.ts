/**
 * Reads a batched source one batch ahead: the next batch is asked for (IndexedDB reads it off
 * this thread) as soon as one is handed out, so reading overlaps the work done on each. Key
 * rotation reads the vault this way, its first read started before the master password check.
 * (Export reads the store's batches as they come: the store keeps reads under way itself, and
 * one more ahead made no difference in the browser.)
 */
export async function* readAhead<T>(
  source: AsyncIterator<T>,
  /** The first read, if the caller started it already. */
  first: Promise<IteratorResult<T>> = source.next(),
): AsyncGenerator<T> {
  let next = first;
  try {
    for (let read = await next; !read.done; read = await next) {
      next = source.next();
      yield read.value;
    }
  } finally {
    // Stopped early (a refused password, a failure): the read under way is not wanted, nor its
    // own failure.
    next.catch(() => undefined);
    await source.return?.(undefined);
  }
}

/**
 * Runs `work` on each value of `source` and yields the results in order, the work on the next
 * value started before the result before it is handed out: while one batch waits for the MAC
 * Worker (and, in Firefox, for WebCrypto's AES, which Chromium 156 runs on the calling thread),
 * this thread serialises or encodes the other (one at a time left it idle about a quarter of the
 * time, CPU profiles of Chromium's worker). At most two are under way.
 */
export async function* workAhead<T, U>(
  source: AsyncIterable<T>,
  work: (value: T) => Promise<U>,
): AsyncGenerator<U> {
  let previous: Promise<U> | undefined;
  try {
    for await (const value of source) {
      const next = work(value);
      // Its failure is met when it is its turn, unless an earlier one stops everything first.
      next.catch(() => undefined);
      if (previous) yield await previous;
      previous = next;
    }
    if (previous) yield await previous;
  } finally {
    previous?.catch(() => undefined);
  }
}
