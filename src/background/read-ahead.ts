/**
 * Reads a batched source one batch ahead: the next batch is asked for (IndexedDB reads it off
 * this thread) as soon as one is handed out, so reading overlaps the work done on each. Export
 * and key rotation read the vault this way.
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
