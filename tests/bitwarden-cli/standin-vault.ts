/**
 * Moves a vault between Bitwarden's plain `.json` export shape (formats.md), which tests write,
 * and the encrypted shapes its server speaks: the ciphers and folders of /api/sync, and the
 * request the CLI posts to /api/ciphers/import.
 */
import crypto from 'node:crypto';
import {
  decryptEncString,
  decryptEncStringBytes,
  deriveKdfMaterial,
  encryptToEncString,
  isEncString,
  randomKey,
  stretchKey,
} from './standin-crypto';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A Bitwarden plain `.json` export: `{ encrypted: false, folders, items }`. */
export interface PlainExport {
  encrypted: false;
  folders: { id: string; name: string }[];
  items: JsonObject[];
}

export interface VaultEncryptionOptions {
  /**
   * Give items their own 64-byte key wrapped under the user key (Bitwarden's "cipher key"): every
   * item (true), or those the function picks.
   */
  itemKeys?: boolean | ((item: JsonObject) => boolean);
}

/** Which text fields of an item Bitwarden encrypts, per sub-object; everything else is plain. */
export const ENCRYPTED_FIELDS = {
  item: ['name', 'notes'],
  login: ['username', 'password', 'totp'],
  uri: ['uri'],
  fido2Credential: [
    'credentialId',
    'keyType',
    'keyAlgorithm',
    'keyCurve',
    'keyValue',
    'rpId',
    'userHandle',
    'userName',
    'counter',
    'rpName',
    'userDisplayName',
    'discoverable',
  ],
  card: ['cardholderName', 'brand', 'number', 'expMonth', 'expYear', 'code'],
  identity: [
    'title',
    'firstName',
    'middleName',
    'lastName',
    'address1',
    'address2',
    'address3',
    'city',
    'state',
    'postalCode',
    'country',
    'company',
    'email',
    'phone',
    'ssn',
    'username',
    'passportNumber',
    'licenseNumber',
  ],
  sshKey: ['privateKey', 'publicKey', 'keyFingerprint'],
  bankAccount: [
    'bankName',
    'nameOnAccount',
    'accountType',
    'accountNumber',
    'routingNumber',
    'branchNumber',
    'pin',
    'swiftCode',
    'iban',
    'bankContactPhone',
  ],
  driversLicense: [
    'firstName',
    'middleName',
    'lastName',
    'dateOfBirth',
    'licenseNumber',
    'issuingCountry',
    'issuingState',
    'issueDate',
    'expirationDate',
    'issuingAuthority',
    'licenseClass',
  ],
  passport: [
    'surname',
    'givenName',
    'dateOfBirth',
    'sex',
    'birthPlace',
    'nationality',
    'issuingCountry',
    'passportNumber',
    'passportType',
    'nationalIdentificationNumber',
    'issuingAuthority',
    'issueDate',
    'expirationDate',
  ],
  field: ['name', 'value'],
  passwordHistory: ['password'],
} as const;

/** The item types whose content is one flat record of encrypted strings, by property name. */
export const RECORD_KINDS = [
  'card',
  'identity',
  'sshKey',
  'bankAccount',
  'driversLicense',
  'passport',
] as const;

/** The folders /api/sync serves: names encrypted under the user key. */
export function encryptFolders(
  plain: PlainExport,
  userKey: Buffer,
  revisionDate: string,
): JsonObject[] {
  return plain.folders.map((folder) => ({
    id: folder.id,
    name: encryptToEncString(folder.name, userKey),
    revisionDate,
    object: 'folder',
  }));
}

/** One item of a plain export as a cipher of /api/sync (Bitwarden's CipherDetailsResponse). */
export function encryptItem(
  item: JsonObject,
  userKey: Buffer,
  options: VaultEncryptionOptions = {},
): JsonObject {
  const wantsKey =
    typeof options.itemKeys === 'function' ? options.itemKeys(item) : Boolean(options.itemKeys);
  const itemKey = wantsKey ? randomKey() : null;
  const key = itemKey ?? userKey;
  const cipher: JsonObject = {
    ...encryptFields(item, ENCRYPTED_FIELDS.item, key),
    object: 'cipherDetails',
    organizationId: null,
    collectionIds: [],
    edit: true,
    viewPassword: true,
    permissions: { delete: true, restore: true },
    organizationUseTotp: false,
    attachments: null,
    archivedDate: item.archivedDate ?? null,
    key: itemKey === null ? null : encryptToEncString(itemKey, userKey),
  };
  const login = asObject(item.login);
  if (login !== null) {
    cipher.login = {
      ...encryptFields(login, ENCRYPTED_FIELDS.login, key),
      uris: asArray(login.uris).map((uri) => encryptUri(asObject(uri) ?? {}, key)),
      fido2Credentials: asArray(login.fido2Credentials).map((credential) =>
        encryptFields(asObject(credential) ?? {}, ENCRYPTED_FIELDS.fido2Credential, key),
      ),
    };
  }
  for (const part of RECORD_KINDS) {
    const value = asObject(item[part]);
    if (value !== null) cipher[part] = encryptFields(value, ENCRYPTED_FIELDS[part], key);
  }
  if (Array.isArray(item.fields)) {
    cipher.fields = item.fields.map((field) =>
      encryptFields(asObject(field) ?? {}, ENCRYPTED_FIELDS.field, key),
    );
  }
  if (Array.isArray(item.passwordHistory)) {
    cipher.passwordHistory = item.passwordHistory.map((entry) =>
      encryptFields(asObject(entry) ?? {}, ENCRYPTED_FIELDS.passwordHistory, key),
    );
  }
  return cipher;
}

/** Bitwarden stores with each URI the base64 SHA-256 of its text, encrypted. */
function encryptUri(uri: JsonObject, key: Buffer): JsonObject {
  const text = typeof uri.uri === 'string' ? uri.uri : null;
  return {
    ...encryptFields(uri, ENCRYPTED_FIELDS.uri, key),
    uriChecksum:
      text === null
        ? null
        : encryptToEncString(
            crypto.createHash('sha256').update(text, 'utf8').digest('base64'),
            key,
          ),
  };
}

function encryptFields(value: JsonObject, names: readonly string[], key: Buffer): JsonObject {
  const out: JsonObject = { ...value };
  for (const name of names) {
    const plain = value[name];
    if (typeof plain === 'string') out[name] = encryptToEncString(plain, key);
  }
  return out;
}

/**
 * Every EncString in an encrypted cipher (from sync, an import request or an account-restricted
 * export) replaced by its text, under the cipher's own key when it has one. `key` is dropped.
 */
export function decryptCipher(cipher: JsonObject, userKey: Buffer): JsonObject {
  const key = typeof cipher.key === 'string' ? decryptEncStringBytes(cipher.key, userKey) : userKey;
  const { key: _wrappedKey, ...rest } = cipher;
  return decryptTree(rest, key) as JsonObject;
}

/** A value with every EncString in it decrypted under one key. */
function decryptTree(value: Json, key: Buffer): Json {
  if (isEncString(value)) return decryptEncString(value, key);
  if (Array.isArray(value)) return value.map((entry) => decryptTree(entry, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, v]) => [name, decryptTree(v, key)]),
    );
  }
  return value;
}

export function asObject(value: Json | undefined): JsonObject | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
}

export function asArray(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The plain `.json` text inside a password-protected export (crypto.md, "The file key of a
 * password-protected export"): PBKDF2 over utf8 of the base64 salt, stretched, then the
 * validation string checked before `data` is decrypted.
 */
export function openPasswordProtectedExport(fileText: string, password: string): string {
  const file = JSON.parse(fileText) as JsonObject;
  if (file.passwordProtected !== true || file.kdfType !== 0) {
    throw new Error('not a PBKDF2 password-protected Bitwarden export');
  }
  const { salt, kdfIterations, encKeyValidation_DO_NOT_EDIT: validation, data } = file;
  if (typeof salt !== 'string' || typeof kdfIterations !== 'number') throw new Error('no KDF');
  if (typeof validation !== 'string' || typeof data !== 'string') throw new Error('no data');
  const fileKey = stretchKey(deriveKdfMaterial(password, salt, { iterations: kdfIterations }));
  decryptEncString(validation, fileKey);
  return decryptEncString(data, fileKey);
}
