/**
 * Per-item keys (issue 13): Bitwarden's clients encrypt each item under its own 64-byte key and
 * write that key, under the account key, as the item's `key`. An account-restricted file made
 * that way imports whole; a damaged item key refuses the file at that item, changing nothing.
 */
import { describe, expect, it } from 'vitest';
import { encryptBytes, encryptString } from '@/src/crypto/aes-cbc-hmac';
import { makeUserKey } from '@/src/crypto/account-keys';
import { fromBase64 } from '@/src/crypto/bytes';
import { importSymmetricKey, type SymmetricKey } from '@/src/crypto/symmetric-key';
import { encryptFolders, encryptItems } from '@/src/formats/encrypted-item';
import type { Item } from '@/src/vault/item';
import { truthFolders, truthItems } from '../helpers/truth-items';
import { loadTruthVault, type TruthVault } from '../helpers/truth-vault';
import { comparable, readVault, snapshotDatabase } from '../helpers/vault-snapshot';

/** An account-restricted file whose items `withKey` picks are each under a key of their own. */
async function fileWithItemKeys(
  vault: TruthVault,
  withKey: (index: number) => boolean,
  itemKeyBytes: () => Uint8Array = makeUserKey,
): Promise<{ document: Record<string, unknown>; accountKey: SymmetricKey }> {
  const accountKey = await importSymmetricKey(fromBase64(vault.truth.account.userKeyB64));
  const items = truthItems(vault.truth);
  const records = await Promise.all(
    items.map(async (item: Item, index) => {
      if (!withKey(index)) return (await encryptItems([item], accountKey))[0]!;
      const bytes = itemKeyBytes();
      const own = await importSymmetricKey(
        bytes.length === 64 ? bytes : new Uint8Array(64).fill(7),
      );
      const [record] = await encryptItems([item], own);
      return { ...record!, key: await encryptBytes(bytes, accountKey) };
    }),
  );
  const folders = await encryptFolders(truthFolders(vault.truth), accountKey);
  return {
    accountKey,
    document: {
      encrypted: true,
      encKeyValidation_DO_NOT_EDIT: await encryptString(crypto.randomUUID(), accountKey),
      folders: folders.map(({ id, name }) => ({ id, name })),
      items: records,
    },
  };
}

const importText = (vault: TruthVault, document: unknown) =>
  vault.client.importVault({ format: 'bitwarden_json', content: JSON.stringify(document) });

describe('per-item keys in account-restricted files', () => {
  it('every item under its own key imports to the vault of truth.json', async () => {
    const vault = await loadTruthVault('pbkdf2', { empty: true });
    const { document } = await fileWithItemKeys(vault, () => true);
    expect(await importText(vault, document)).toMatchObject({ added: 22, failed: 0 });
    const imported = await readVault(vault.client);
    expect(comparable(imported.items, imported.folders)).toEqual(
      comparable(truthItems(vault.truth), truthFolders(vault.truth)),
    );
  });

  it('items with and without their own key mix in one file', async () => {
    const vault = await loadTruthVault('pbkdf2', { empty: true });
    const { document } = await fileWithItemKeys(vault, (i) => i % 2 === 0);
    expect(await importText(vault, document)).toMatchObject({ added: 22 });
    const imported = await readVault(vault.client);
    expect(comparable(imported.items, imported.folders)).toEqual(
      comparable(truthItems(vault.truth), truthFolders(vault.truth)),
    );
  });

  it('a damaged item key refuses the file at that item and field, and writes nothing', async () => {
    const vault = await loadTruthVault('pbkdf2', { empty: true });
    const { document } = await fileWithItemKeys(vault, () => true);
    const items = document.items as { key: string }[];
    const [head, iv, ct, mac] = items[2]!.key.split(/[.|]/);
    items[2]!.key = `${head}.${iv}|${ct!.slice(0, 10)}${ct![10] === 'A' ? 'B' : 'A'}${ct!.slice(11)}|${mac}`;
    const before = await snapshotDatabase();
    await expect(importText(vault, document)).rejects.toMatchObject({
      code: 'ERR_DECRYPT_FAILED',
      place: { item: 3 },
      field: 'key',
    });
    expect(await snapshotDatabase()).toBe(before);
  });

  it('an item key that is not an EncString or not 64 bytes is refused where it is', async () => {
    const vault = await loadTruthVault('pbkdf2', { empty: true });
    const before = await snapshotDatabase();

    const plainKey = await fileWithItemKeys(vault, () => true);
    (plainKey.document.items as { key: string }[])[0]!.key = 'not encrypted';
    await expect(importText(vault, plainKey.document)).rejects.toMatchObject({
      key: 'errItemKeyNotEncrypted',
      place: { item: 1 },
      field: 'key',
    });

    const short = await fileWithItemKeys(
      vault,
      (i) => i === 4,
      () => new Uint8Array(32).fill(1),
    );
    await expect(importText(vault, short.document)).rejects.toMatchObject({
      key: 'errItemKeyLength',
      args: [32],
      place: { item: 5 },
      field: 'key',
    });
    expect(await snapshotDatabase()).toBe(before);
  });
});
