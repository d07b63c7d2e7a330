/**
 * The vault's turns. A key rotation reads the whole vault, re-encrypts it and writes it back: an
 * item saved, an import written or a lock pressed in between would leave a record under the old
 * key or a session with the wrong one. So operations that change the vault, the key or the
 * session run alone (`exclusive`), in the order they were asked for, each after everything asked
 * before it has settled. Operations that only read the vault (`shared`: the list, an item, the
 * automatic backup) run beside one another, never beside an exclusive one: a popup's list does
 * not wait seconds for a backup being written, and a change asked for meanwhile still waits for
 * that backup, which so holds the vault as it was when it began.
 */
export type Exclusive = <T>(operation: () => Promise<T>) => Promise<T>;

export interface VaultTurns {
  exclusive: Exclusive;
  shared: Exclusive;
}

const settled = (promise: Promise<unknown>): Promise<void> =>
  promise.then(
    () => undefined,
    () => undefined,
  );

export function createVaultTurns(): VaultTurns {
  /** Settles when the last exclusive operation asked for has. */
  let exclusiveDone: Promise<void> = Promise.resolve();
  /** Settles when every shared operation asked for since that one has. */
  let sharedDone: Promise<void> = Promise.resolve();
  return {
    exclusive(operation) {
      const result = Promise.all([exclusiveDone, sharedDone]).then(operation);
      exclusiveDone = settled(result);
      sharedDone = Promise.resolve();
      return result;
    },
    shared(operation) {
      const result = exclusiveDone.then(operation);
      sharedDone = settled(Promise.all([sharedDone, settled(result)]));
      return result;
    },
  };
}
