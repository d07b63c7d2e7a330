/**
 * The unlocked account key. It lives in the worker's memory and in `storage.session`, which
 * browsers keep in memory only and give to trusted extension contexts only: a service worker
 * that the browser stops and restarts stays unlocked, a restarted browser is locked, and the key
 * is never written to disk.
 */
import { browser } from 'wxt/browser';
import { fromBase64, toBase64 } from '@/src/crypto/bytes';
import { importSymmetricKey, type SymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError } from '@/src/errors/coffer-error';

const SESSION_KEY = 'coffer.accountKey';
/** A rotation's new key, kept from before its commit until the session has taken it. */
const STAGED_KEY = 'coffer.stagedAccountKey';

/** An account key as `storage.session` keeps it, with the generation it belongs to. */
interface StoredKey {
  key: string;
  generation: number;
}

export interface Session {
  /** The account key, or null when locked. */
  getKey(): Promise<SymmetricKey | null>;
  /** The account key; throws ERR_LOCKED when the vault is locked. */
  requireKey(): Promise<SymmetricKey>;
  unlock(accountKey: Uint8Array, generation: number): Promise<SymmetricKey>;
  lock(): Promise<void>;
  /** Calls `listener` at every lock, for what must not outlive the session (an opened file). */
  onLock(listener: () => void): void;
  /**
   * Keeps a rotation's new key before the vault is rewritten under it: a worker that stops
   * between the rewrite and `commitKey` then wakes up with the key that matches the vault.
   */
  stageKey(accountKey: Uint8Array, generation: number): Promise<void>;
  /** The rotation landed: the staged key becomes the key, unless the vault was locked meanwhile. */
  commitKey(accountKey: Uint8Array, generation: number): Promise<void>;
  /** The rotation did not land: the staged key is dropped. */
  discardStagedKey(): Promise<void>;
}

/**
 * `accountGeneration` reads the stored account's key generation: a restarted worker takes the
 * kept key whose generation matches it (the current one, or a staged one whose rotation
 * landed), and is locked when none does.
 */
export function createSession(accountGeneration: () => Promise<number | null>): Session {
  let current: Promise<SymmetricKey | null> | null = null;
  const lockListeners: (() => void)[] = [];

  const restore = async (): Promise<SymmetricKey | null> => {
    const kept = await browser.storage.session.get([SESSION_KEY, STAGED_KEY]);
    const generation = await accountGeneration();
    const match = [kept[SESSION_KEY], kept[STAGED_KEY]].find(
      (entry): entry is StoredKey => isStoredKey(entry) && entry.generation === generation,
    );
    if (!match) return null;
    const bytes = fromBase64(match.key);
    if (match === kept[STAGED_KEY]) await keep(bytes, match.generation);
    return importSymmetricKey(bytes);
  };

  const keep = async (accountKey: Uint8Array, generation: number) => {
    const entry: StoredKey = { key: toBase64(accountKey), generation };
    await browser.storage.session.set({ [SESSION_KEY]: entry });
    await browser.storage.session.remove(STAGED_KEY);
  };

  const session: Session = {
    getKey() {
      current ??= restore();
      return current;
    },
    async requireKey() {
      const key = await session.getKey();
      if (!key) throw new CofferError('errorLocked');
      return key;
    },
    async unlock(accountKey, generation) {
      const key = await importSymmetricKey(accountKey);
      await keep(accountKey, generation);
      current = Promise.resolve(key);
      return key;
    },
    async lock() {
      current = Promise.resolve(null);
      for (const listener of lockListeners) listener();
      await browser.storage.session.remove([SESSION_KEY, STAGED_KEY]);
    },
    onLock(listener) {
      lockListeners.push(listener);
    },
    async stageKey(accountKey, generation) {
      const entry: StoredKey = { key: toBase64(accountKey), generation };
      await browser.storage.session.set({ [STAGED_KEY]: entry });
    },
    async commitKey(accountKey, generation) {
      if ((await session.getKey()) === null) {
        await session.discardStagedKey();
        return;
      }
      await session.unlock(accountKey, generation);
    },
    async discardStagedKey() {
      await browser.storage.session.remove(STAGED_KEY);
    },
  };
  return session;
}

function isStoredKey(value: unknown): value is StoredKey {
  const entry = value as StoredKey | undefined;
  return typeof entry?.key === 'string' && typeof entry.generation === 'number';
}

/**
 * Chrome lets content scripts read storage.session unless told otherwise; Coffer has none, and
 * says so explicitly. Firefox keeps storage.session from content scripts already and lacks this
 * method.
 */
export async function restrictSessionStorage(): Promise<void> {
  const area = browser.storage.session as {
    setAccessLevel?: (o: { accessLevel: string }) => Promise<void>;
  };
  await area.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
}
