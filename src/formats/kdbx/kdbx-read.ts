/**
 * Import Data → `KeePass (kdbx)`: any KeePass database (KDBX 3.1 and 4.x; AES-KDF, Argon2d,
 * Argon2id; AES-256 and ChaCha20) opened with a password, a key file or both, read by kdbxweb.
 * What the header asks for is checked before any key is derived (kdbx-header.ts); groups become
 * folders (`a/b`), the recycle bin is left out and counted, entries become items as
 * docs/kdbx-mapping.md says.
 */
import type { DeriveKdfMaterial } from '@/src/crypto/file-key';
import type { Kdbx, KdbxEntry, KdbxGroup, ProtectedValue } from 'kdbxweb';
import { CofferError } from '@/src/errors/coffer-error';
import type { Fido2Credential, Field, Item, ItemType, LoginUri } from '@/src/vault/item';
import { ITEM_TYPE, RECORD_FIELDS, recordKindOf } from '@/src/vault/item';
import { normalizeItem } from '@/src/vault/normalize-item';
import type { ImportAttachment, ImportContext, ParsedImport } from '../import-types';
import { IMPORT_LIMITS } from '../import-types';
import { nameOrHost } from '../importers/build-item';
import {
  ARCHIVED_TAG,
  COFFER_TYPE_KEY,
  EXTRA_URL_KEY,
  FAVORITE_TAG,
  KP,
  PASSKEY,
  RECORD_KEYS,
  TYPE_WORDS,
  passkeyKey,
} from './kdbx-fields';
import { checkKdbxHeader } from './kdbx-header';
import { kdbxLibrary, withKdbxDerive } from './kdbx-library';
import { passkeyFromKeePassXc } from './kdbx-passkey';
import { totpFromKeePass } from './kdbx-totp';

export interface KdbxKey {
  password?: string;
  /** A key file's bytes: KeePass's XML key file (v1, v2), 32 raw bytes, 64 hex digits, or any file. */
  keyFile?: Uint8Array;
  /** Runs the database's Argon2 (kdbx-library.ts); on this thread when left out. */
  derive?: DeriveKdfMaterial;
}

/** A database read: its items, and how many entries its recycle bin held (left out). */
export interface ReadKdbx {
  parsed: ParsedImport;
  recycleBinEntries: number;
}

/** Opens the database and reads it; every failure is a CofferError that says which. */
export async function readKdbx(
  bytes: Uint8Array,
  key: KdbxKey,
  ctx: ImportContext,
): Promise<ReadKdbx> {
  const kdbxweb = kdbxLibrary();
  checkKdbxHeader(bytes);
  const buffer = bytes.slice().buffer;
  let db: Kdbx;
  try {
    const credentials = new kdbxweb.Credentials(
      key.password !== undefined ? kdbxweb.ProtectedValue.fromString(key.password) : null,
      key.keyFile ? key.keyFile.slice().buffer : null,
    );
    await credentials.ready.catch((error: unknown) => {
      throw new CofferError('errKdbxKeyFileInvalid', { cause: error });
    });
    db = await withKdbxDerive(key.derive, () => kdbxweb.Kdbx.load(buffer, credentials));
  } catch (error) {
    throw loadError(error);
  }
  return readDatabase(db, ctx);
}

/** kdbxweb's failures in Coffer's words. */
function loadError(error: unknown): CofferError {
  if (error instanceof CofferError) return error;
  const kdbxweb = kdbxLibrary();
  const { ErrorCodes } = kdbxweb.Consts;
  if (error instanceof kdbxweb.KdbxError) {
    const detail = error.message;
    // KDBX 4's header HMAC is keyed by the password and key file, so a wrong one and an altered
    // HMAC cannot be told apart: the words name both.
    if (error.code === ErrorCodes.InvalidKey) return new CofferError('errKdbxWrongKey');
    if (detail.includes('header hash mismatch')) return new CofferError('errKdbxHeaderDamaged');
    if (detail.includes('invalid hash block')) return new CofferError('errKdbxBlockDamaged');
    if (detail.includes('bad xml')) return new CofferError('errKdbxXmlInvalid');
    if (error.code === ErrorCodes.Unsupported && detail.includes('cipher')) {
      return new CofferError('errKdbxCipherUnsupported');
    }
  }
  // Reading past the end, a block too short, a gzip stream cut off: the file ends too soon or is
  // damaged in a way no check names.
  return new CofferError('errKdbxDamaged', { cause: error });
}

function readDatabase(db: Kdbx, ctx: ImportContext): ReadKdbx {
  const bin = db.meta.recycleBinEnabled ? db.meta.recycleBinUuid : undefined;
  const isBin = (group: KdbxGroup) => bin !== undefined && group.uuid.equals(bin);
  const folders: { id: string; name: string }[] = [];
  const items: Item[] = [];
  const attachments: ImportAttachment[] = [];
  let recycleBinEntries = 0;

  const countEntries = (group: KdbxGroup): number =>
    group.entries.length + group.groups.reduce((n, g) => n + countEntries(g), 0);

  const walk = (group: KdbxGroup, path: string | null, folderId: string | null) => {
    for (const entry of group.entries) {
      if (items.length >= IMPORT_LIMITS.maxItems) {
        throw new CofferError('errTooManyItems', { args: [IMPORT_LIMITS.maxItems] });
      }
      const place = `${path ?? ''}${path ? '/' : ''}${text(entry, KP.title) || '(no name)'}`;
      const item = readEntry(entry, folderId, ctx, { index: items.length, name: place });
      items.push(item);
      for (const [fileName, binary] of entry.binaries) {
        const content = binaryBytes(binary);
        if (content === null) continue;
        attachments.push({
          itemId: item.id,
          fileName,
          size: content.length,
          path: `${place}/${fileName}`,
          read: () => content,
        });
      }
    }
    for (const child of group.groups) {
      if (isBin(child)) {
        recycleBinEntries += countEntries(child);
        continue;
      }
      const name = child.name?.trim() || '(no name)';
      const childPath = path === null ? name : `${path}/${name}`;
      // A group that only holds groups needs no folder: `a/b` is drawn inside `a` by its name
      // (Bitwarden nests so), and Coffer's own `.kdbx` makes such a group for `a/b` alone.
      let id: string | null = null;
      if (child.entries.length > 0 || child.groups.length === 0) {
        id = ctx.newId();
        folders.push({ id, name: childPath });
        if (folders.length > IMPORT_LIMITS.maxFolders) {
          throw new CofferError('errTooManyFolders', { args: [IMPORT_LIMITS.maxFolders] });
        }
      }
      walk(child, childPath, id);
    }
  };
  // The root group is the database itself: entries in it have no folder.
  walk(db.getDefaultGroup(), null, null);
  return {
    parsed: {
      folders,
      items,
      unknownTypes: [],
      ...(attachments.length > 0 ? { attachments } : {}),
    },
    recycleBinEntries,
  };
}

function text(entry: KdbxEntry, key: string): string {
  const value = entry.fields.get(key);
  if (value === undefined) return '';
  return typeof value === 'string' ? value : value.getText();
}

const isProtected = (value: string | ProtectedValue): value is ProtectedValue =>
  typeof value !== 'string';

const TYPE_BY_WORD = new Map(
  Object.entries(TYPE_WORDS).map(([type, word]) => [word, Number(type) as ItemType]),
);

/** Where an entry is, for messages: its position among all entries read, and its path. */
interface EntryPlace {
  index: number;
  name: string;
}

function readEntry(
  entry: KdbxEntry,
  folderId: string | null,
  ctx: ImportContext,
  place: EntryPlace,
): Item {
  const used = new Set<string>([KP.title, KP.notes, COFFER_TYPE_KEY]);
  const get = (key: string): string | null => {
    used.add(key);
    const value = text(entry, key);
    return value === '' ? null : value;
  };
  const type = TYPE_BY_WORD.get(text(entry, COFFER_TYPE_KEY)) ?? ITEM_TYPE.login;
  const title = text(entry, KP.title);
  const creationDate = isoOf(entry.times.creationTime) ?? ctx.now;
  const revisionDate = isoOf(entry.times.lastModTime) ?? creationDate;
  const tags = entry.tags.filter((t) => t !== FAVORITE_TAG && t !== ARCHIVED_TAG);

  const raw: Record<string, unknown> = {
    id: ctx.newId(),
    type,
    folderId,
    organizationId: null,
    collectionIds: null,
    name: nameOrHost(title, text(entry, KP.url)),
    notes: notesOf(text(entry, KP.notes), tags, entry),
    favorite: entry.tags.includes(FAVORITE_TAG),
    reprompt: 0,
    passwordHistory: historyOf(entry),
    creationDate,
    revisionDate,
    deletedDate: null,
    archivedDate: entry.tags.includes(ARCHIVED_TAG) ? revisionDate : null,
  };

  if (type === ITEM_TYPE.login) {
    const uris: LoginUri[] = [];
    const first = get(KP.url);
    if (first !== null) uris.push({ uri: first, match: null });
    const extra = [...entry.fields.keys()].filter((k) => EXTRA_URL_KEY.test(k));
    extra.sort((a, b) => urlNumber(a) - urlNumber(b));
    for (const k of extra) {
      const uri = get(k);
      if (uri !== null) uris.push({ uri, match: null });
    }
    raw.login = {
      username: get(KP.userName),
      password: get(KP.password),
      uris,
      totp: totpFromKeePass(
        get(KP.otp) ?? undefined,
        get(KP.totpSeed) ?? undefined,
        get(KP.totpSettings) ?? undefined,
        title,
      ),
      fido2Credentials: passkeysOf(get, creationDate),
    };
  } else if (type === ITEM_TYPE.secureNote) {
    raw.secureNote = { type: 0 };
  } else {
    const kind = recordKindOf(type)!;
    const keys = RECORD_KEYS[kind];
    raw[kind] = Object.fromEntries(
      (RECORD_FIELDS[kind] as readonly string[]).map((field) => [field, get(keys[field]!)]),
    );
  }

  const fields: Field[] = [];
  for (const [key, value] of entry.fields) {
    if (used.has(key)) continue;
    const shown = typeof value === 'string' ? value : value.getText();
    // Empty standard strings are KeePass's defaults, not data.
    if (shown === '' && (key === KP.userName || key === KP.password || key === KP.url)) continue;
    fields.push({ name: key, value: shown, type: isProtected(value) ? 1 : 0, linkedId: null });
  }
  if (fields.length > 0) raw.fields = fields;

  try {
    return normalizeItem(raw, {
      maxStringLength: IMPORT_LIMITS.maxStringLength,
      now: ctx.now,
      newId: ctx.newId,
    });
  } catch (error) {
    if (error instanceof CofferError)
      throw error.within({ item: place.index + 1, name: place.name });
    throw error;
  }
}

/** KeePass's notes, then what Coffer has no field for: the tags, and when the entry expires. */
function notesOf(notes: string, tags: string[], entry: KdbxEntry): string | null {
  const extra: string[] = [];
  if (tags.length > 0) extra.push(`Tags: ${tags.join(', ')}`);
  if (entry.times.expires && entry.times.expiryTime) {
    extra.push(`Expires: ${entry.times.expiryTime.toISOString()}`);
  }
  const parts = [notes, extra.join('\n')].filter((p) => p !== '');
  return parts.length > 0 ? parts.join('\n\n') : null;
}

/**
 * Each older version whose password was replaced by the next one, newest first as Bitwarden
 * keeps them, dated when that version was saved (kdbx-write.ts writes them so).
 */
function historyOf(entry: KdbxEntry): { password: string; lastUsedDate: string }[] | null {
  const versions = [...entry.history, entry];
  const history: { password: string; lastUsedDate: string }[] = [];
  for (let i = 0; i < versions.length - 1; i++) {
    const password = text(versions[i]!, KP.password);
    if (password === '' || password === text(versions[i + 1]!, KP.password)) continue;
    const date = isoOf(versions[i]!.times.lastModTime);
    if (date === null) continue;
    history.push({ password, lastUsedDate: date });
  }
  return history.length > 0 ? history.reverse() : null;
}

function passkeysOf(get: (key: string) => string | null, creationDate: string): Fido2Credential[] {
  const passkeys: Fido2Credential[] = [];
  for (let n = 1; ; n++) {
    const passkey = {
      userName: get(passkeyKey(PASSKEY.userName, n)),
      credentialId: get(passkeyKey(PASSKEY.credentialId, n)),
      privateKeyPem: get(passkeyKey(PASSKEY.privateKeyPem, n)),
      relyingParty: get(passkeyKey(PASSKEY.relyingParty, n)),
      userHandle: get(passkeyKey(PASSKEY.userHandle, n)),
    };
    if (Object.values(passkey).every((v) => v === null)) return passkeys;
    passkeys.push(passkeyFromKeePassXc(passkey, creationDate));
  }
}

function urlNumber(key: string): number {
  const n = /_(\d+)$/.exec(key);
  return n ? Number(n[1]) : 0;
}

function binaryBytes(binary: unknown): Uint8Array | null {
  const kdbxweb = kdbxLibrary();
  const value =
    binary && typeof binary === 'object' && 'value' in binary
      ? (binary as { value: unknown }).value
      : binary;
  if (value instanceof kdbxweb.ProtectedValue) return value.getBinary();
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return null;
}

function isoOf(date: Date | undefined): string | null {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}
