/**
 * Coffer's side of the CLI tests: a test background holding the stand-in's own account (same
 * email, KDF and protected user key, so both sides share one account key and each can open the
 * other's account-restricted files), with a Bitwarden plain vault loaded into its store as it is.
 */
import { importSymmetricKey } from '@/src/crypto/symmetric-key';
import { encryptFolders, encryptItems } from '@/src/formats/encrypted-item';
import type { Folder, Item } from '@/src/vault/item';
import { normalizeItem } from '@/src/vault/normalize-item';
import { createTestBackground, type TestBackground } from '../helpers/background';
import type { StandinAccount } from './standin-account';
import type { PlainExport } from './standin-vault';

/** A plain export's items as Coffer items, ids and dates as they are. */
export function cofferItems(plain: PlainExport): Item[] {
  return plain.items.map((raw, i) =>
    normalizeItem(raw, {
      maxStringLength: 1_000_000,
      now: '',
      newId: () => 'unused',
      place: { item: i + 1 },
    }),
  );
}

export function cofferFolders(plain: PlainExport): Folder[] {
  return plain.folders.map(({ id, name }) => ({ id, name }));
}

/** An unlocked background with the stand-in's account, holding `plain` (or nothing). */
export async function openCofferAs(
  account: StandinAccount,
  plain: PlainExport | null,
): Promise<TestBackground> {
  const background = await createTestBackground();
  const { ctx } = background;
  const now = new Date().toISOString();
  await ctx.store.createAccount({
    email: account.email,
    kdf: { type: 'pbkdf2', iterations: account.kdfIterations },
    protectedUserKey: account.protectedUserKey,
    keyGeneration: 1,
    keyCreatedAt: now,
    createdAt: now,
    masterPasswordHint: null,
  });
  if (plain !== null) {
    const key = await importSymmetricKey(new Uint8Array(account.userKey));
    await ctx.store.write({
      putItems: await encryptItems(cofferItems(plain), key),
      putFolders: await encryptFolders(cofferFolders(plain), key),
    });
  }
  await background.client.unlock({ masterPassword: account.masterPassword });
  return background;
}
