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

export interface Session {
  /** The account key, or null when locked. */
  getKey(): Promise<SymmetricKey | null>;
  /** The account key; throws ERR_LOCKED when the vault is locked. */
  requireKey(): Promise<SymmetricKey>;
  unlock(accountKey: Uint8Array): Promise<SymmetricKey>;
  lock(): Promise<void>;
}

export function createSession(): Session {
  let current: Promise<SymmetricKey | null> | null = null;

  const restore = async (): Promise<SymmetricKey | null> => {
    const stored = (await browser.storage.session.get(SESSION_KEY))[SESSION_KEY];
    return typeof stored === 'string' ? importSymmetricKey(fromBase64(stored)) : null;
  };

  const session: Session = {
    getKey() {
      current ??= restore();
      return current;
    },
    async requireKey() {
      const key = await session.getKey();
      if (!key) throw new CofferError('ERR_LOCKED', 'The vault is locked.');
      return key;
    },
    async unlock(accountKey) {
      const key = await importSymmetricKey(accountKey);
      await browser.storage.session.set({ [SESSION_KEY]: toBase64(accountKey) });
      current = Promise.resolve(key);
      return key;
    },
    async lock() {
      current = Promise.resolve(null);
      await browser.storage.session.remove(SESSION_KEY);
    },
  };
  return session;
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
