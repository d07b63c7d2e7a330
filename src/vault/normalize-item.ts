/**
 * Turns an untrusted item (typed in the popup or read from a file) into a canonical `Item`, or
 * says precisely what is wrong and where. Readers accept what Bitwarden's own readers accept:
 * any key order, and empty values written as null, "" or left out (formats.md, Import).
 * Every value is read through untrusted-json.ts: own properties only, so `__proto__` or
 * `constructor` keys cannot smuggle anything in, and the same words for the same wrong value as
 * in any other file.
 */
import { CofferError, readingAt, type Place } from '@/src/errors/coffer-error';
import { describeValue } from '@/src/errors/describe-value';
import {
  FIDO2_STRING_FIELDS,
  ITEM_TYPE,
  RECORD_FIELDS,
  recordKindOf,
  type Fido2Credential,
  type Field,
  FIELD_TYPE,
  type FieldType,
  type Folder,
  type Item,
  type ItemType,
  type LoginUri,
  type PasswordHistoryEntry,
  type UriMatch,
} from './item';
import {
  isJsonObject,
  optionalBoolean,
  optionalDate,
  optionalId,
  optionalInteger,
  optionalList,
  optionalString,
  own,
  readObject,
} from './untrusted-json';

export interface NormalizeOptions {
  /** Longest string accepted in any field, in UTF-16 code units. */
  maxStringLength: number;
  /** Used for dates a file leaves out. */
  now: string;
  /** Makes ids for items that have none (CSV rows, other managers). */
  newId: () => string;
  /** Where the item is in its file (`item 3 "Bank"`, a CSV row), for error locations. */
  place?: Place;
  /** Keep login URIs' `uriChecksum` (reading an account-restricted file). */
  keepUriChecksums?: boolean;
}

const KNOWN_TYPES: ReadonlySet<unknown> = new Set(Object.values(ITEM_TYPE));

/** Item types Coffer knows: Bitwarden's eight (formats.md, Enumerations; issue 13 for 6–8). */
export function isKnownItemType(type: unknown): type is ItemType {
  return KNOWN_TYPES.has(type);
}

export function normalizeItem(value: unknown, options: NormalizeOptions): Item {
  return readingAt(options.place ?? {}, () => readItem(value, options));
}

export function normalizeFolder(value: unknown, options: NormalizeOptions): Folder {
  return readingAt(options.place ?? {}, () => readFolder(value, options));
}

// Errors below name the field as the file does; the place is added by the two functions above.

function readItem(value: unknown, options: NormalizeOptions): Item {
  const raw = readObject(value, '');
  const str = (v: unknown, path: string) => optionalString(v, path, options.maxStringLength);
  const type = own(raw, 'type');
  if (!isKnownItemType(type)) {
    throw new CofferError('errUnknownItemType', {
      args: [describeValue(type)],
      field: 'type',
    });
  }
  const name = str(own(raw, 'name'), 'name');
  const base = {
    id: optionalId(own(raw, 'id'), 'id') ?? options.newId(),
    folderId: optionalId(own(raw, 'folderId'), 'folderId'),
    organizationId: optionalId(own(raw, 'organizationId'), 'organizationId'),
    collectionIds: optionalIdList(own(raw, 'collectionIds'), 'collectionIds'),
    name: name ?? '',
    notes: str(own(raw, 'notes'), 'notes'),
    favorite: optionalBoolean(own(raw, 'favorite'), 'favorite') ?? false,
    reprompt: (optionalInteger(own(raw, 'reprompt'), 'reprompt', 0, 1) ?? 0) as 0 | 1,
    passwordHistory: normalizeHistory(own(raw, 'passwordHistory'), options),
    revisionDate: optionalDate(own(raw, 'revisionDate'), 'revisionDate') ?? options.now,
    creationDate: optionalDate(own(raw, 'creationDate'), 'creationDate') ?? options.now,
    deletedDate: optionalDate(own(raw, 'deletedDate'), 'deletedDate'),
  };
  // Only archived items carry the date, so items read from files without it stay as they were.
  const archivedDate = optionalDate(own(raw, 'archivedDate'), 'archivedDate');
  if (archivedDate !== null) Object.assign(base, { archivedDate });
  const fields = normalizeFields(own(raw, 'fields'), options);
  const withFields = fields === undefined ? base : { ...base, fields };
  switch (type) {
    case 1:
      return { ...withFields, type, login: normalizeLogin(own(raw, 'login'), options) };
    case 2:
      return { ...withFields, type, secureNote: { type: 0 } };
    default: {
      const kind = recordKindOf(type)!;
      let record = own(raw, kind);
      // Bitwarden's files spell an SSH key's fingerprint `keyFingerprint` (its exporters) or
      // `fingerprint` (its vault data); either is read, and Coffer writes the first.
      if (
        kind === 'sshKey' &&
        isJsonObject(record) &&
        own(record, 'keyFingerprint') === undefined
      ) {
        record = { ...record, keyFingerprint: own(record, 'fingerprint') };
      }
      return {
        ...withFields,
        type,
        [kind]: normalizeRecord(record, RECORD_FIELDS[kind], kind, options),
      } as Item;
    }
  }
}

function readFolder(value: unknown, options: NormalizeOptions): Folder {
  const raw = readObject(value, '');
  const name = optionalString(own(raw, 'name'), 'name', options.maxStringLength);
  if (name === null || name.trim() === '') {
    throw new CofferError('errFileFolderNeedsName', { field: 'name' });
  }
  return { id: optionalId(own(raw, 'id'), 'id') ?? options.newId(), name };
}

function normalizeLogin(
  value: unknown,
  options: NormalizeOptions,
): Item & { type: 1 } extends { login: infer L } ? L : never {
  const at = (path: string) => `login.${path}`;
  const raw = value === null || value === undefined ? {} : readObject(value, 'login');
  const str = (v: unknown, path: string) => optionalString(v, at(path), options.maxStringLength);
  const login = {
    username: str(own(raw, 'username'), 'username'),
    password: str(own(raw, 'password'), 'password'),
    uris: optionalList(own(raw, 'uris'), at('uris')).map((u, i) =>
      normalizeUri(u, at(`uris[${i}]`), options),
    ),
    totp: str(own(raw, 'totp'), 'totp'),
    fido2Credentials: optionalList(own(raw, 'fido2Credentials'), at('fido2Credentials')).map(
      (c, i) => normalizeFido2(c, at(`fido2Credentials[${i}]`), options),
    ),
  };
  const revision = optionalDate(own(raw, 'passwordRevisionDate'), at('passwordRevisionDate'));
  return revision === null ? login : { ...login, passwordRevisionDate: revision };
}

function normalizeUri(value: unknown, where: string, options: NormalizeOptions): LoginUri {
  const raw = readObject(value, where);
  const uri: LoginUri = {
    uri: optionalString(own(raw, 'uri'), `${where}.uri`, options.maxStringLength),
    match: optionalInteger(own(raw, 'match'), `${where}.match`, 0, 5) as UriMatch,
  };
  // Account-restricted files carry a checksum of each URI; it is kept so it can be verified.
  if (options.keepUriChecksums) {
    const checksum = optionalString(
      own(raw, 'uriChecksum'),
      `${where}.uriChecksum`,
      options.maxStringLength,
    );
    if (checksum !== null) uri.uriChecksum = checksum;
  }
  return uri;
}

function normalizeFido2(value: unknown, where: string, options: NormalizeOptions): Fido2Credential {
  const raw = readObject(value, where);
  const out = {
    creationDate: optionalDate(own(raw, 'creationDate'), `${where}.creationDate`),
  } as Fido2Credential;
  for (const name of FIDO2_STRING_FIELDS) {
    // Some writers store the counter and the discoverable flag as a number and a boolean.
    let v = own(raw, name);
    if (typeof v === 'number' || typeof v === 'boolean') v = String(v);
    out[name] = optionalString(v, `${where}.${name}`, options.maxStringLength);
  }
  return out;
}

function normalizeFields(value: unknown, options: NormalizeOptions): Field[] | undefined {
  const list = optionalList(value, 'fields');
  if (list.length === 0) return undefined;
  return list.map((entry, i) => {
    const where = `fields[${i}]`;
    const raw = readObject(entry, where);
    const type = (optionalInteger(
      own(raw, 'type'),
      `${where}.type`,
      FIELD_TYPE.text,
      FIELD_TYPE.linked,
    ) ?? FIELD_TYPE.text) as FieldType;
    let fieldValue = own(raw, 'value');
    // Boolean fields hold "true"/"false"; some writers use JSON booleans.
    if (type === 2 && typeof fieldValue === 'boolean') fieldValue = String(fieldValue);
    return {
      name: optionalString(own(raw, 'name'), `${where}.name`, options.maxStringLength),
      value: optionalString(fieldValue, `${where}.value`, options.maxStringLength),
      type,
      linkedId: optionalInteger(own(raw, 'linkedId'), `${where}.linkedId`, 0, 999),
    };
  });
}

function normalizeHistory(
  value: unknown,
  options: NormalizeOptions,
): PasswordHistoryEntry[] | null {
  if (value === null || value === undefined) return null;
  const list = optionalList(value, 'passwordHistory');
  return list.map((entry, i) => {
    const where = `passwordHistory[${i}]`;
    const raw = readObject(entry, where);
    return {
      lastUsedDate: optionalDate(own(raw, 'lastUsedDate'), `${where}.lastUsedDate`) ?? options.now,
      password:
        optionalString(own(raw, 'password'), `${where}.password`, options.maxStringLength) ?? '',
    };
  });
}

function normalizeRecord(
  value: unknown,
  names: readonly string[],
  prefix: string,
  options: NormalizeOptions,
): Record<string, string | null> {
  const where = prefix;
  const raw = value === null || value === undefined ? {} : readObject(value, where);
  const out: Record<string, string | null> = {};
  for (const name of names) {
    let v = own(raw, name);
    // Card months and years are numbers in some writers' files.
    if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
    out[name] = optionalString(v, `${where}.${name}`, options.maxStringLength);
  }
  return out;
}

/** Collection ids: none written is null, unlike an empty list. */
function optionalIdList(value: unknown, field: string): string[] | null {
  if (value === null || value === undefined) return null;
  return optionalList(value, field).map((v, i) => optionalId(v, `${field}[${i}]`) ?? '');
}
