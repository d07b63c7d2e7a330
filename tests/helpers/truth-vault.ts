/**
 * Loads the plaintext vault of a Bitwarden fixture (truth.json) into Coffer's store, under the
 * fixture's own account (email, KDF, protected account key), so exports can be compared with the
 * files Bitwarden's exporter wrote from the same plaintext.
 */
import { fromBase64 } from '@/src/crypto/bytes';
import { importSymmetricKey } from '@/src/crypto/symmetric-key';
import { encryptFolders, encryptItems } from '@/src/formats/encrypted-item';
import type { Folder, Item } from '@/src/vault/item';
import { normalizeItem } from '@/src/vault/normalize-item';
import { createTestBackground, type TestBackground } from './background';
import { readTruth, type KdfFixture, type Truth } from './fixtures';
import { fromSdkKdf } from './sdk';

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
      { maxStringLength: 1_000_000, now: '', newId: () => 'unused', where: `truth item ${i}` },
    );
  });
}

export function truthFolders(truth: Truth): Folder[] {
  return truth.folders.map(({ id, name }) => ({ id, name }));
}

export interface TruthVault extends TestBackground {
  truth: Truth;
  items: Item[];
  folders: Folder[];
}

/** A background whose account and vault are the fixture's, unlocked. */
export async function loadTruthVault(kdf: KdfFixture): Promise<TruthVault> {
  const truth = readTruth(kdf);
  const background = await createTestBackground();
  const { ctx } = background;
  const now = new Date().toISOString();
  await ctx.store.createAccount({
    email: truth.account.email,
    kdf: fromSdkKdf(truth.account.kdf),
    protectedUserKey: truth.account.masterKeyWrappedUserKey,
    keyGeneration: 1,
    keyCreatedAt: now,
    createdAt: now,
    masterPasswordHint: null,
  });
  const key = await importSymmetricKey(fromBase64(truth.account.userKeyB64));
  const items = truthItems(truth);
  const folders = truthFolders(truth);
  await ctx.store.write({
    putItems: await encryptItems(items, key),
    putFolders: await encryptFolders(folders, key),
  });
  await background.client.unlock({ masterPassword: truth.account.masterPassword });
  return { ...background, truth, items, folders };
}
