/**
 * Items and folders under the account key, in the account-restricted export shape (formats.md):
 * every secret string an EncString, and each login URI with its `uriChecksum`. The store keeps
 * exactly this, so an account-restricted export is a copy of the store.
 */
import { decryptStringBatch, encryptStringBatch, reencryptBatch } from '@/src/crypto/aes-cbc-hmac';
import { sha256Base64 } from '@/src/crypto/sha256';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError, type Location } from '@/src/errors/coffer-error';
import type { EncText, EncryptedFolder, EncryptedItem, Folder, Item } from '@/src/vault/item';
import { mapFolderSecrets, mapItemSecrets } from '@/src/vault/item-secrets';

export async function encryptItems(items: Item[], key: SymmetricKey): Promise<EncryptedItem[]> {
  // Checksums are computed over the plain URI and encrypted with the rest.
  const withChecksums = items.map((item) =>
    item.type === 1 && item.login.uris !== null
      ? {
          ...item,
          login: {
            ...item.login,
            uris: item.login.uris.map(({ uri, match }) => ({
              uri,
              match,
              uriChecksum: uri === null ? null : sha256Base64(uri),
            })),
          },
        }
      : item,
  );
  const plain: string[] = [];
  for (const item of withChecksums) mapItemSecrets(item, (value) => plain.push(value));
  const encrypted = await encryptStringBatch(plain, key);
  let i = 0;
  return withChecksums.map((item) => mapItemSecrets(item, () => encrypted[i++] as EncText));
}

/**
 * Decrypts records under the key. A failure names the item (by index) and the field, never
 * which check failed. The items are for use and then dropped (an export's batch, an import's
 * matching, one item shown): their texts share their batch's memory (aes-cbc-hmac.ts,
 * `shortLived`), so nothing that is kept may hold on to them (the list has its own, below).
 * With `reads`, only the secrets it names by location are decrypted and every other one reads
 * as '' (a file that holds a few of an item's fields: the rest is never decrypted for it).
 */
export function decryptItems(
  records: EncryptedItem[],
  key: SymmetricKey,
  reads?: (path: string) => boolean,
): Promise<Item[]> {
  return reads
    ? decryptSecrets(records, key, (path) => reads(path()), '', true)
    : decryptSecrets(records, key, EVERY_SECRET, null, true);
}

/**
 * What the vault list shows of each item (name, the line under it, websites), decrypting only
 * those fields: a rich item holds tens of EncStrings (notes, history, passkeys, custom fields)
 * and the list needs two or three of them. Every other secret reads as '' here: the result is
 * for `itemSubtitle` / `itemUris` and the name, never to be shown or saved as the item.
 */
export function decryptItemsForList(records: EncryptedItem[], key: SymmetricKey): Promise<Item[]> {
  return decryptSecrets(records, key, (path) => LIST_FIELDS.test(path()), '', false);
}

/** Which secrets a walk decrypts, by their location (built only when asked). */
type WantedSecret = (path: () => string) => boolean;

const EVERY_SECRET: WantedSecret = () => true;

/** The secrets `itemSubtitle` and `itemUris` read, and the name (item-summary.ts). */
const LIST_FIELDS =
  /^(?:name|login\.username|login\.uris\[\d+\]\.uri|card\.(?:brand|number)|identity\.(?:firstName|lastName)|sshKey\.keyFingerprint|bankAccount\.(?:bankName|accountNumber|iban)|driversLicense\.(?:firstName|lastName)|passport\.(?:givenName|surname))$/;

/**
 * Decrypts the wanted secrets of each record in one batch; the others read as `unwanted`. URI
 * checksums are never decrypted and leave the items: they are the store's, not the item's.
 */
async function decryptSecrets(
  records: EncryptedItem[],
  key: SymmetricKey,
  wanted: WantedSecret,
  unwanted: string | null,
  shortLived: boolean,
): Promise<Item[]> {
  const texts: string[] = [];
  const firstOfItem: number[] = [];
  for (const record of records) {
    firstOfItem.push(texts.length);
    mapItemSecrets(record, (value, field, path) => {
      if (field !== 'uriChecksum' && wanted(path)) texts.push(value);
    });
  }
  const plain = await decryptWithLocation(
    texts,
    key,
    (n) => locateSecret(records, firstOfItem, n, wanted),
    shortLived,
  );
  let i = 0;
  return records.map((record) => {
    const item = mapItemSecrets(record, (_value, field, path) =>
      field !== 'uriChecksum' && wanted(path) ? plain[i++]! : unwanted,
    );
    if (item.type === 1 && item.login.uris !== null) {
      item.login.uris = item.login.uris.map(({ uri, match }) => ({ uri, match }));
    }
    return item as Item;
  });
}

/** Names the item and field of the n-th secret of a walk, for an error message. */
function locateSecret(
  records: EncryptedItem[],
  firstOfItem: number[],
  n: number,
  wanted: WantedSecret,
): Location {
  let index = firstOfItem.length - 1;
  while (index > 0 && firstOfItem[index]! > n) index--;
  let seen = firstOfItem[index]!;
  let field = '';
  mapItemSecrets(records[index]!, (_value, name, path) => {
    if (name === 'uriChecksum' || !wanted(path)) return;
    if (seen++ === n) field = path();
  });
  return { place: { item: index + 1 }, field };
}

export async function encryptFolders(
  folders: Folder[],
  key: SymmetricKey,
): Promise<EncryptedFolder[]> {
  const encrypted = await encryptStringBatch(
    folders.map((f) => f.name),
    key,
  );
  return folders.map((folder, i) => mapFolderSecrets(folder, () => encrypted[i] as EncText));
}

export async function decryptFolders(
  records: EncryptedFolder[],
  key: SymmetricKey,
): Promise<Folder[]> {
  const names = await decryptWithLocation(
    records.map((r) => r.name),
    key,
    (i) => ({ place: { folder: i + 1 }, field: 'name' }),
  );
  return records.map((record, i) => mapFolderSecrets(record, () => names[i]!));
}

/** Decrypts a batch; a failure is located by `locate`, given the failing index. */
export function decryptWithLocation(
  texts: string[],
  key: SymmetricKey,
  locate: (index: number) => Location,
  shortLived = false,
): Promise<string[]> {
  return locatingErrors(decryptStringBatch(texts, key, shortLived), locate);
}

/** A batch's failure at the EncString of `index` said at the item or folder it belongs to. */
async function locatingErrors<T>(
  work: Promise<T>,
  locate: (index: number) => Location,
): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof CofferError && error.index !== undefined) {
      throw error.at(locate(error.index));
    }
    throw error;
  }
}

/**
 * The same records under another key (key rotation): every EncString, URI checksums included,
 * decrypted with `from` and encrypted with `to`. Ids, dates and everything clear stay as they are.
 */
export async function reencryptItems(
  records: EncryptedItem[],
  from: SymmetricKey,
  to: SymmetricKey,
): Promise<EncryptedItem[]> {
  const texts: string[] = [];
  const firstOfItem: number[] = [];
  for (const record of records) {
    firstOfItem.push(texts.length);
    mapItemSecrets(record, (value) => texts.push(value));
  }
  const itemOf = (n: number) => firstOfItem.findLastIndex((first) => first <= n);
  const encrypted = await locatingErrors(reencryptBatch(texts, from, to), (n) => ({
    place: { item: itemOf(n) + 1 },
  }));
  let i = 0;
  return records.map((record) => mapItemSecrets(record, () => encrypted[i++] as EncText));
}

export async function reencryptFolders(
  records: EncryptedFolder[],
  from: SymmetricKey,
  to: SymmetricKey,
): Promise<EncryptedFolder[]> {
  const names = await decryptWithLocation(
    records.map((r) => r.name),
    from,
    (i) => ({ place: { folder: i + 1 }, field: 'name' }),
  );
  const encrypted = await encryptStringBatch(names, to);
  return records.map((record, i) => mapFolderSecrets(record, () => encrypted[i] as EncText));
}
