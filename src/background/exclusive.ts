/**
 * Runs vault operations one at a time. A key rotation reads the whole vault, re-encrypts it and
 * writes it back: an item saved, an import written or a lock pressed in between would leave a
 * record under the old key or a session with the wrong one. Queued operations start in the order
 * they were asked for, each after the previous one has settled.
 */
export type Exclusive = <T>(operation: () => Promise<T>) => Promise<T>;

export function createExclusive(): Exclusive {
  let tail: Promise<unknown> = Promise.resolve();
  return (operation) => {
    const result = tail.then(operation);
    tail = result.catch(() => undefined);
    return result;
  };
}
