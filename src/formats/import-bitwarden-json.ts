/**
 * Reading Bitwarden's `.json` and `.json (Encrypted)` exports (formats.md, "Import: recognising a
 * file"), decided by the content, never by the file name. Everything from a file is untrusted:
 * size and count limits, KDF bounds before any derivation, no `__proto__`/`constructor` keys, and
 * every problem named by item and field.
 */
import { MAX_FOLDER_NAME_LENGTH_IMPORTED } from '@/src/vault/policy';
import {
  decodeEncStrings,
  decryptBytes,
  decryptDecodedStrings,
  decryptString,
} from '@/src/crypto/aes-cbc-hmac';
import { utf8Length } from '@/src/crypto/bytes';
import { isEncString } from '@/src/crypto/enc-string';
import { deriveFileKey, type DeriveKdfMaterial } from '@/src/crypto/file-key';
import { assertFileKdfWithinBounds } from '@/src/crypto/kdf-bounds';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { sha256Base64 } from '@/src/crypto/sha256';
import {
  importSymmetricKey,
  SYMMETRIC_KEY_LENGTH,
  type SymmetricKey,
} from '@/src/crypto/symmetric-key';
import { CofferError, readingAt, type Location } from '@/src/errors/coffer-error';
import { describeValue, scalarOrNull } from '@/src/errors/describe-value';
import type { FileProtection } from '@/src/vault/file-protection';
import type { Item } from '@/src/vault/item';
import { mapItemSecrets } from '@/src/vault/item-secrets';
import { isKnownItemType, normalizeFolder, normalizeItem } from '@/src/vault/normalize-item';
import {
  isJsonObject,
  optionalList,
  own,
  parseUntrustedJson,
  readObject,
  type JsonObject,
} from '@/src/vault/untrusted-json';
import { decryptWithLocation } from './encrypted-item';
import type { FileContent } from './file-content';
import { wholeContent, type FormatReader, type ReadFile } from './format-types';
import {
  IMPORT_LIMITS,
  type ImportContext,
  type ParsedImport,
  type UnknownItemType,
} from './import-types';

export interface BitwardenJson {
  kind: FileProtection;
  document: JsonObject;
}

/** Keys that could reach an object's prototype if a file's data were ever merged carelessly. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses a document holding a forbidden key at any depth. JSON.parse makes every key an own
 * property (even "__proto__", however it was escaped), so a walk of own keys finds them all; it
 * costs a fraction of a reviver, which is called for every value.
 */
function refuseForbiddenKeys(document: unknown): void {
  const pending: unknown[] = [document];
  while (pending.length > 0) {
    const value = pending.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const element of value) if (typeof element === 'object') pending.push(element);
      continue;
    }
    for (const key in value) {
      if (FORBIDDEN_KEYS.has(key)) {
        throw new CofferError('errForbiddenKey', { args: [key] });
      }
      const child = (value as JsonObject)[key];
      if (child !== null && typeof child === 'object') pending.push(child);
    }
  }
}

/** Parses the text and decides which of the three kinds of file it is. */
export function readBitwardenJson(text: string): BitwardenJson {
  checkSize(text);
  const doc = parseUntrustedJson(text, 'errNotJson');
  if (!isJsonObject(doc)) throw new CofferError('errNotBitwardenJson');
  refuseForbiddenKeys(doc);
  const has = (key: string) => Object.hasOwn(doc, key);
  if (!has('items') && !has('data')) throw new CofferError('errNotBitwardenJson');
  if (doc.encrypted !== true) return { kind: 'plain', document: doc };
  return { kind: doc.passwordProtected === true ? 'password' : 'account', document: doc };
}

/**
 * Import Data's reader: a plain file, and a password-protected one whose password came, are read
 * before the vault's turn (and kept for the confirmation: a 10,000-item file's parsing takes
 * about half a second in Chromium); an account-restricted one (it needs the account key), and a
 * password-protected one without its password, in it.
 */
export const BITWARDEN_JSON_READER: FormatReader<BitwardenJson> = {
  async open(input, { filePassword, derive, context }) {
    const json = readBitwardenJson(textOf(await wholeContent(input)));
    if (json.kind === 'plain') {
      return {
        kind: 'read',
        file: { parsed: parsePlainBitwarden(json.document, context), fileKind: 'plain' },
      };
    }
    if (json.kind !== 'password' || !filePassword) return { kind: 'later', later: json };
    const inner = await openPasswordProtected(json.document, filePassword, derive);
    return {
      kind: 'read',
      file: { parsed: parsePlainBitwarden(inner.document, context), fileKind: 'password' },
    };
  },
  read: (json, { filePassword, accountKey, context }) =>
    readBitwardenFile(json, filePassword, accountKey, context),
};

/**
 * A file `readBitwardenJson` has recognised, read as far as this account can read it: plain as
 * it is, account restricted with this account's key, password protected with its file password.
 * Import Data and Verify backup both read files this way. Undefined when it is password
 * protected and no file password was given.
 */
export async function readBitwardenFile(
  file: BitwardenJson,
  filePassword: string | undefined,
  accountKey: SymmetricKey,
  ctx: ImportContext,
): Promise<(ReadFile & { fileKind: FileProtection }) | undefined> {
  if (file.kind === 'plain') {
    return { parsed: parsePlainBitwarden(file.document, ctx), fileKind: 'plain' };
  }
  if (file.kind === 'account') {
    return {
      parsed: await decryptAccountRestricted(file.document, accountKey, ctx),
      fileKind: 'account',
    };
  }
  if (filePassword === undefined || filePassword === '') return undefined;
  const inner = await openPasswordProtected(file.document, filePassword);
  return { parsed: parsePlainBitwarden(inner.document, ctx), fileKind: 'password' };
}

/** Bitwarden JSON is text; bytes (never sent for this format) are read as UTF-8. */
function textOf(input: FileContent): string {
  return input.kind === 'text' ? input.text : new TextDecoder().decode(input.bytes);
}

/** The KDF settings a password-protected file names, checked against the file bounds. */
function fileKdf(doc: JsonObject): KdfConfig {
  let kdf: KdfConfig;
  if (doc.kdfType === 0) {
    kdf = { type: 'pbkdf2', iterations: doc.kdfIterations as number };
  } else if (doc.kdfType === 1) {
    kdf = {
      type: 'argon2id',
      iterations: doc.kdfIterations as number,
      memoryMiB: doc.kdfMemory as number,
      parallelism: doc.kdfParallelism as number,
    };
  } else {
    throw new CofferError('errFileKdfUnknown', {
      field: 'kdfType',
    });
  }
  // Types aside, the values come from the file: the bounds check also checks they are numbers.
  assertFileKdfWithinBounds(kdf);
  return kdf;
}

/**
 * Opens a password-protected file: checks the KDF settings, derives the file key, checks the
 * password against `encKeyValidation_DO_NOT_EDIT`, then decrypts `data` and reads it as a plain
 * export. `derive` runs the KDF itself (by default on this thread).
 */
export async function openPasswordProtected(
  doc: JsonObject,
  filePassword: string,
  derive?: DeriveKdfMaterial,
): Promise<BitwardenJson> {
  if (typeof doc.salt !== 'string' || doc.salt.length === 0 || doc.salt.length > 256) {
    throw new CofferError('errNoSalt', { field: 'salt' });
  }
  const sealed = ['encKeyValidation_DO_NOT_EDIT', 'data'] as const;
  for (const field of sealed) if (!isEncString(doc[field])) throw notEncrypted(field);
  const kdf = fileKdf(doc);
  const keyPromise = deriveFileKey(filePassword, doc.salt, kdf, derive);
  // Nothing waits on the key if decoding fails: its failure then has nobody to report to.
  keyPromise.catch(() => undefined);
  // PBKDF2 runs off the main thread: once it has started, the 20 MB of base64 are decoded
  // meanwhile.
  await nextTask();
  const [validation, data] = sealed.map((field) => {
    try {
      return decodeEncStrings([doc[field] as string]);
    } catch {
      throw notEncrypted(field);
    }
  });
  const key = await keyPromise;
  try {
    await decryptDecodedStrings(validation!, key);
  } catch {
    throw new CofferError('errWrongFilePassword');
  }
  let text: string;
  try {
    text = (await decryptDecodedStrings(data!, key))[0]!;
  } catch {
    throw new CofferError('errFileDamaged', {
      field: 'data',
    });
  }
  const inner = readBitwardenJson(text);
  if (inner.kind !== 'plain') {
    throw new CofferError('errSealedNotExport', { field: 'data' });
  }
  return inner;
}

/** A plain export's items and folders, validated; items of unknown types are listed, not kept. */
export function parsePlainBitwarden(doc: JsonObject, ctx: ImportContext): ParsedImport {
  const { rawItems, rawFolders } = itemsAndFolders(doc);
  const folders = rawFolders.map((raw, i) => normalizeFolder(raw, folderOptions(ctx, i, raw)));
  const items: Item[] = [];
  const unknownTypes: ParsedImport['unknownTypes'] = [];
  rawItems.forEach((raw, i) => {
    const type = own(raw, 'type');
    if (isItemObject(raw, i) && !isKnownItemType(type)) {
      unknownTypes.push(unknownType(i, describeName(raw), type));
      return;
    }
    items.push(normalizeItem(raw, itemOptions(ctx, i, raw, IMPORT_LIMITS.maxStringLength)));
  });
  return { folders, items, unknownTypes };
}

/**
 * An account-restricted file: `encKeyValidation_DO_NOT_EDIT` is decrypted first with this
 * account's key (failure: another account's file, or one made before a key rotation), then every
 * field, with each URI checked against its `uriChecksum`.
 */
async function decryptAccountRestricted(
  doc: JsonObject,
  accountKey: SymmetricKey,
  ctx: ImportContext,
): Promise<ParsedImport> {
  if (!isEncString(doc.encKeyValidation_DO_NOT_EDIT)) {
    throw new CofferError('errNotEncrypted', {
      field: 'encKeyValidation_DO_NOT_EDIT',
    });
  }
  try {
    await decryptString(doc.encKeyValidation_DO_NOT_EDIT, accountKey);
  } catch {
    throw new CofferError('errDifferentAccountKey');
  }
  const { rawItems, rawFolders } = itemsAndFolders(doc);
  // Read the encrypted shapes first (EncStrings are longer than their plaintext), then decrypt.
  const encLimit = IMPORT_LIMITS.maxStringLength * 2 + 100;
  const encrypted: { item: Item; index: number; raw: unknown }[] = [];
  const unknownTypes: ParsedImport['unknownTypes'] = [];
  rawItems.forEach((raw, i) => {
    const type = own(raw, 'type');
    if (isItemObject(raw, i) && !isKnownItemType(type)) {
      unknownTypes.push({ ...unknownType(i, '', type), nameEncrypted: true });
      return;
    }
    encrypted.push({
      item: normalizeItem(raw, { ...itemOptions(ctx, i, raw, encLimit), keepUriChecksums: true }),
      index: i,
      raw,
    });
  });
  // Bitwarden's clients give each item its own key: `key` is that 64-byte key under the account
  // key, and the item's strings are under it. Items without one are under the account key.
  const keys = await Promise.all(
    encrypted.map(({ raw, index }) => itemKey(own(raw, 'key'), index, accountKey)),
  );
  // One batch per key; each item's strings come back in the order the walk collected them.
  const decryptedItems: Item[] = [];
  for (const group of groupByKey(encrypted, keys)) {
    const texts: string[] = [];
    const locations: Location[] = [];
    for (const { item, index } of group.entries) {
      mapItemSecrets(item, (value, _field, path) => {
        texts.push(value);
        locations.push({ place: { item: index + 1 }, field: path() });
      });
    }
    const plain = await decryptWithLocation(texts, group.key, (i) => locations[i]!);
    let next = 0;
    for (const { item, position } of group.entries) {
      decryptedItems[position] = mapItemSecrets(item, () => plain[next++]!);
    }
  }
  const items = encrypted.map(({ index }, position) => {
    const decrypted = decryptedItems[position]!;
    if (decrypted.type === 1) {
      decrypted.login.uris = (decrypted.login.uris ?? []).map(({ uri, match, uriChecksum }, u) => {
        if (uriChecksum != null && uri !== null && uriChecksum !== sha256Base64(uri)) {
          throw new CofferError('errUriChecksum', {
            place: { item: index + 1 },
            field: `login.uris[${u}].uri`,
          });
        }
        return { uri, match };
      });
    }
    // Now the plaintext is known, the real length limits apply.
    return normalizeItem(
      decrypted,
      itemOptions(ctx, index, decrypted, IMPORT_LIMITS.maxStringLength),
    );
  });
  const folderNames = await decryptWithLocation(
    rawFolders.map((raw, i) => {
      const name = own(raw, 'name');
      if (!isEncString(name)) {
        throw new CofferError('errFolderNameNotEncrypted', {
          place: { folder: i + 1 },
          field: 'name',
        });
      }
      return name;
    }),
    accountKey,
    (i) => ({ place: { folder: i + 1 }, field: 'name' }),
  );
  const folders = rawFolders.map((raw, i) =>
    normalizeFolder({ id: own(raw, 'id'), name: folderNames[i] }, folderOptions(ctx, i, raw)),
  );
  return { folders, items, unknownTypes };
}

/**
 * An item's own key (its `key` EncString opened with the account key), or the account key for an
 * item without one. A key that does not open, or is not 64 bytes, refuses the file at that item.
 */
async function itemKey(
  value: unknown,
  index: number,
  accountKey: SymmetricKey,
): Promise<SymmetricKey> {
  if (value === null || value === undefined) return accountKey;
  const at = { place: { item: index + 1 }, field: 'key' };
  if (!isEncString(value)) {
    throw new CofferError('errItemKeyNotEncrypted', at);
  }
  let bytes: Uint8Array;
  try {
    bytes = await decryptBytes(value, accountKey);
  } catch (error) {
    throw error instanceof CofferError ? error.at(at) : error;
  }
  if (bytes.length !== SYMMETRIC_KEY_LENGTH) {
    throw new CofferError('errItemKeyLength', { ...at, args: [bytes.length] });
  }
  return importSymmetricKey(bytes);
}

/** Items by the key their strings are under, keeping each item's position in the file. */
function groupByKey<T>(
  entries: T[],
  keys: SymmetricKey[],
): { key: SymmetricKey; entries: (T & { position: number })[] }[] {
  const groups = new Map<SymmetricKey, (T & { position: number })[]>();
  entries.forEach((entry, position) => {
    const key = keys[position]!;
    const group = groups.get(key) ?? [];
    group.push({ ...entry, position });
    groups.set(key, group);
  });
  return [...groups].map(([key, members]) => ({ key, entries: members }));
}

function itemsAndFolders(doc: JsonObject): {
  rawItems: unknown[];
  rawFolders: unknown[];
} {
  const rawItems = optionalList(own(doc, 'items'), 'items');
  const rawFolders = optionalList(own(doc, 'folders'), 'folders');
  if (rawItems.length > IMPORT_LIMITS.maxItems) {
    throw new CofferError('errTooManyItems', {
      args: [rawItems.length, IMPORT_LIMITS.maxItems],
    });
  }
  if (rawFolders.length > IMPORT_LIMITS.maxFolders) {
    throw new CofferError('errTooManyFolders', {
      args: [rawFolders.length, IMPORT_LIMITS.maxFolders],
    });
  }
  return { rawItems, rawFolders };
}

function checkSize(text: string): void {
  // A UTF-16 code unit takes at most 3 bytes of UTF-8: only a text near the limit is measured.
  const mayBeTooLarge = text.length * 3 > IMPORT_LIMITS.maxFileBytes;
  if (
    text.length > IMPORT_LIMITS.maxFileBytes ||
    (mayBeTooLarge && utf8Length(text) > IMPORT_LIMITS.maxFileBytes)
  ) {
    throw new CofferError('errFileTooLargeToImport', {
      args: [IMPORT_LIMITS.maxFileBytes / 1024 / 1024],
    });
  }
}

/** An item must be an object before its type can tell anything; else its place is named. */
function isItemObject(raw: unknown, index: number): true {
  readingAt({ item: index + 1 }, () => readObject(raw, ''));
  return true;
}

function unknownType(index: number, name: string, type: unknown): UnknownItemType {
  return { index, name, type: scalarOrNull(type), typeText: describeValue(type) };
}

/** The item's name in plain files, shortened; encrypted names are not shown. */
function describeName(raw: unknown): string {
  const name = own(raw, 'name');
  if (typeof name !== 'string' || isEncString(name as unknown)) return '';
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

function itemOptions(ctx: ImportContext, index: number, raw: unknown, maxStringLength: number) {
  const name = describeName(raw);
  return {
    maxStringLength,
    now: ctx.now,
    newId: ctx.newId,
    place: { item: index + 1, name },
  };
}

function folderOptions(ctx: ImportContext, index: number, _raw: unknown) {
  return {
    maxStringLength: MAX_FOLDER_NAME_LENGTH_IMPORTED,
    now: ctx.now,
    newId: ctx.newId,
    place: { folder: index + 1 },
  };
}

function notEncrypted(field: string): CofferError {
  return new CofferError('errNotEncrypted', { field });
}

/** Lets work already started (a key derivation's first steps) reach its thread before more. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
