/**
 * Loads the plaintext vault of a Bitwarden fixture (truth.json) into Coffer's store, under the
 * fixture's own account (email, KDF, protected account key), so exports can be compared with the
 * files Bitwarden's exporter wrote from the same plaintext.
 */
import type { FileKeyDeriver } from '@/src/background/file-key-deriver';
import { encryptFolders, encryptItems } from '@/src/formats/encrypted-item';
import type { Folder, Item } from '@/src/vault/item';
import { truthAccount, truthAccountKey, truthFolders, truthItems } from './truth-items';
import { createTestBackground, type TestBackground } from './background';
import { readTruth, type KdfFixture, type Truth } from './fixtures';

export interface TruthVault extends TestBackground {
  truth: Truth;
  items: Item[];
  folders: Folder[];
}

/** A background whose account and vault are the fixture's, unlocked. */
export async function loadTruthVault(
  kdf: KdfFixture,
  options: { empty?: boolean; fileKeyDeriver?: FileKeyDeriver } = {},
): Promise<TruthVault> {
  const truth = readTruth(kdf);
  const background = await createTestBackground({ fileKeyDeriver: options.fileKeyDeriver });
  const { ctx } = background;
  await ctx.store.createAccount(truthAccount(truth));
  const key = await truthAccountKey(truth);
  const items = truthItems(truth);
  const folders = truthFolders(truth);
  if (!options.empty) {
    await ctx.store.write({
      putItems: await encryptItems(items, key),
      putFolders: await encryptFolders(folders, key),
    });
  }
  await background.client.unlock({ masterPassword: truth.account.masterPassword });
  return { ...background, truth, items, folders };
}
