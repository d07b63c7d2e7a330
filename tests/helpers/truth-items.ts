/** The plaintext of a Bitwarden fixture (truth.json) as Coffer's account, items and folders. */
import { fromBase64 } from '@/src/crypto/bytes';
import { importSymmetricKey, type SymmetricKey } from '@/src/crypto/symmetric-key';
import type { AccountRecord } from '@/src/store/records';
import type { Folder, Item } from '@/src/vault/item';
import { normalizeItem } from '@/src/vault/normalize-item';
import type { Truth } from './fixtures';
import { fromSdkKdf } from './sdk';

/** The fixture's account as Coffer stores it (email, KDF, protected account key), made `now`. */
export function truthAccount(truth: Truth, now = new Date().toISOString()): AccountRecord {
  return {
    email: truth.account.email,
    kdf: fromSdkKdf(truth.account.kdf),
    protectedUserKey: truth.account.masterKeyWrappedUserKey,
    keyGeneration: 1,
    keyCreatedAt: now,
    createdAt: now,
    masterPasswordHint: null,
  };
}

/** The fixture's account key, to encrypt its items as Coffer's store keeps them. */
export function truthAccountKey(truth: Truth): Promise<SymmetricKey> {
  return importSymmetricKey(fromBase64(truth.account.userKeyB64));
}

/** The SDK's view objects → Coffer items (the fixture README: `fingerprint` is `keyFingerprint`). */
export function truthItems(truth: Truth): Item[] {
  return truth.items.map((raw, i) => {
    const view = raw as Record<string, unknown> & { sshKey?: Record<string, unknown> | null };
    const shaped = view.sshKey
      ? { ...view, sshKey: { ...view.sshKey, keyFingerprint: view.sshKey.fingerprint } }
      : view;
    const collectionIds = (view.collectionIds as string[] | null)?.length
      ? view.collectionIds
      : null;
    return normalizeItem(
      { ...shaped, collectionIds },
      { maxStringLength: 1_000_000, now: '', newId: () => 'unused', place: { item: i + 1 } },
    );
  });
}

export function truthFolders(truth: Truth): Folder[] {
  return truth.folders.map(({ id, name }) => ({ id, name }));
}
