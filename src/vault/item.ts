/**
 * Vault items in the shape of Bitwarden's individual-vault JSON export (spec formats.md). The
 * same shape holds plain text (`Item`) and ciphertext (`EncryptedItem`, every secret an EncString
 * string), so the store's records are account-restricted export items and the plain export is a
 * decryption away. `S` is the type of every secret string.
 */

export const ITEM_TYPE = {
  login: 1,
  secureNote: 2,
  card: 3,
  identity: 4,
  sshKey: 5,
  bankAccount: 6,
  driversLicense: 7,
  passport: 8,
} as const;
export type ItemType = (typeof ITEM_TYPE)[keyof typeof ITEM_TYPE];
export type ItemKind = keyof typeof ITEM_TYPE;

export const FIELD_TYPE = { text: 0, hidden: 1, boolean: 2, linked: 3 } as const;
export type FieldType = (typeof FIELD_TYPE)[keyof typeof FIELD_TYPE];

/** null = the browser's default match; 0 base domain … 5 never (formats.md, Enumerations). */
export type UriMatch = 0 | 1 | 2 | 3 | 4 | 5 | null;

export interface LoginUri<S = string> {
  uri: S | null;
  match: UriMatch;
  /** Account-restricted files only: EncString of b64(SHA-256(uri)). */
  uriChecksum?: S | null;
}

/** A passkey. Bitwarden encrypts every string of it, counter and discoverable included. */
export interface Fido2Credential<S = string> {
  credentialId: S | null;
  keyType: S | null;
  keyAlgorithm: S | null;
  keyCurve: S | null;
  keyValue: S | null;
  rpId: S | null;
  userHandle: S | null;
  userName: S | null;
  counter: S | null;
  rpName: S | null;
  userDisplayName: S | null;
  discoverable: S | null;
  creationDate: string | null;
}

interface Login<S = string> {
  username: S | null;
  password: S | null;
  uris: LoginUri<S>[] | null;
  totp: S | null;
  fido2Credentials: Fido2Credential<S>[] | null;
  /** Kept when a file carries it; Bitwarden's exporter does not write it. */
  passwordRevisionDate?: string | null;
}

interface Card<S = string> {
  cardholderName: S | null;
  expMonth: S | null;
  expYear: S | null;
  code: S | null;
  brand: S | null;
  number: S | null;
}

interface Identity<S = string> {
  title: S | null;
  firstName: S | null;
  middleName: S | null;
  lastName: S | null;
  address1: S | null;
  address2: S | null;
  address3: S | null;
  city: S | null;
  state: S | null;
  postalCode: S | null;
  country: S | null;
  company: S | null;
  email: S | null;
  phone: S | null;
  ssn: S | null;
  username: S | null;
  passportNumber: S | null;
  licenseNumber: S | null;
}

interface SecureNote {
  type: 0;
}

interface SshKey<S = string> {
  privateKey: S | null;
  publicKey: S | null;
  keyFingerprint: S | null;
}

/** Bank account (type 6). Every value a string or null, as Bitwarden writes them. */
interface BankAccount<S = string> {
  bankName: S | null;
  nameOnAccount: S | null;
  accountType: S | null;
  accountNumber: S | null;
  routingNumber: S | null;
  branchNumber: S | null;
  pin: S | null;
  swiftCode: S | null;
  iban: S | null;
  bankContactPhone: S | null;
}

/** Driver's license (type 7). Dates are `YYYY-MM-DD` when a Bitwarden client wrote them. */
interface DriversLicense<S = string> {
  firstName: S | null;
  middleName: S | null;
  lastName: S | null;
  dateOfBirth: S | null;
  licenseNumber: S | null;
  issuingCountry: S | null;
  issuingState: S | null;
  issueDate: S | null;
  expirationDate: S | null;
  issuingAuthority: S | null;
  licenseClass: S | null;
}

/** Passport (type 8). Dates are `YYYY-MM-DD` when a Bitwarden client wrote them. */
interface Passport<S = string> {
  surname: S | null;
  givenName: S | null;
  dateOfBirth: S | null;
  sex: S | null;
  birthPlace: S | null;
  nationality: S | null;
  issuingCountry: S | null;
  passportNumber: S | null;
  passportType: S | null;
  nationalIdentificationNumber: S | null;
  issuingAuthority: S | null;
  issueDate: S | null;
  expirationDate: S | null;
}

export interface Field<S = string> {
  name: S | null;
  value: S | null;
  type: FieldType;
  /** Linked fields only (type 3): which built-in field they stand for (login 100/101, card 300–305, identity 400–418). */
  linkedId: number | null;
}

export interface PasswordHistoryEntry<S = string> {
  lastUsedDate: string;
  password: S;
}

interface ItemBase<S> {
  id: string;
  folderId: string | null;
  organizationId: string | null;
  collectionIds: string[] | null;
  name: S;
  notes: S | null;
  favorite: boolean;
  reprompt: 0 | 1;
  /** Absent when the item has none, as in Bitwarden's files. */
  fields?: Field<S>[];
  passwordHistory: PasswordHistoryEntry<S>[] | null;
  revisionDate: string;
  creationDate: string;
  deletedDate: string | null;
  /**
   * When the item was archived (kept out of the main list); absent or null when it is not.
   * Records written before archiving existed have no such property.
   */
  archivedDate?: string | null;
}

export type LoginItem<S = string> = ItemBase<S> & { type: 1; login: Login<S> };
type SecureNoteItem<S = string> = ItemBase<S> & { type: 2; secureNote: SecureNote };
export type CardItem<S = string> = ItemBase<S> & { type: 3; card: Card<S> };
type IdentityItem<S = string> = ItemBase<S> & { type: 4; identity: Identity<S> };
type SshKeyItem<S = string> = ItemBase<S> & { type: 5; sshKey: SshKey<S> };
type BankAccountItem<S = string> = ItemBase<S> & { type: 6; bankAccount: BankAccount<S> };
type DriversLicenseItem<S = string> = ItemBase<S> & { type: 7; driversLicense: DriversLicense<S> };
type PassportItem<S = string> = ItemBase<S> & { type: 8; passport: Passport<S> };

export type Item<S = string> =
  | LoginItem<S>
  | SecureNoteItem<S>
  | CardItem<S>
  | IdentityItem<S>
  | SshKeyItem<S>
  | BankAccountItem<S>
  | DriversLicenseItem<S>
  | PassportItem<S>;

export interface Folder<S = string> {
  id: string;
  name: S;
  revisionDate?: string | null;
}

/** An EncString in its text form ("2.iv|ct|mac"); a brand keeps it apart from plain text. */
export type EncText = string & { readonly __encText: unique symbol };

export type EncryptedItem = Item<EncText>;
export type EncryptedFolder = Folder<EncText>;

const CARD_FIELDS = [
  'cardholderName',
  'expMonth',
  'expYear',
  'code',
  'brand',
  'number',
] as const satisfies readonly (keyof Card)[];

const IDENTITY_FIELDS = [
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
] as const satisfies readonly (keyof Identity)[];

const SSH_KEY_FIELDS = [
  'privateKey',
  'publicKey',
  'keyFingerprint',
] as const satisfies readonly (keyof SshKey)[];

const BANK_ACCOUNT_FIELDS = [
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
] as const satisfies readonly (keyof BankAccount)[];

const DRIVERS_LICENSE_FIELDS = [
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
] as const satisfies readonly (keyof DriversLicense)[];

const PASSPORT_FIELDS = [
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
] as const satisfies readonly (keyof Passport)[];

/**
 * The types whose whole content is one flat record of strings (cards, identities, SSH keys,
 * bank accounts, driver's licenses, passports), each under the property named like its kind, with
 * its fields in the order Bitwarden writes them. Code that treats these alike (encrypting,
 * reading a file, merging, exporting) walks this table, so a new such type is one row here.
 */
export const RECORD_FIELDS = {
  card: CARD_FIELDS,
  identity: IDENTITY_FIELDS,
  sshKey: SSH_KEY_FIELDS,
  bankAccount: BANK_ACCOUNT_FIELDS,
  driversLicense: DRIVERS_LICENSE_FIELDS,
  passport: PASSPORT_FIELDS,
} as const;
export type RecordKind = keyof typeof RECORD_FIELDS;

/**
 * What re-prompt withholds and the item view hides until revealed, per record kind: the values
 * a person would not want read over their shoulder.
 */
export const RECORD_SECRETS = {
  card: ['number', 'code'],
  identity: ['ssn', 'passportNumber', 'licenseNumber'],
  sshKey: ['privateKey'],
  bankAccount: ['accountNumber', 'pin', 'iban'],
  driversLicense: ['licenseNumber'],
  passport: ['passportNumber', 'nationalIdentificationNumber'],
} as const satisfies { [K in RecordKind]: readonly (typeof RECORD_FIELDS)[K][number][] };

/** Fields holding a calendar date (`YYYY-MM-DD`), which the editor offers as date inputs. */
export const DATE_FIELDS: ReadonlySet<string> = new Set([
  'dateOfBirth',
  'issueDate',
  'expirationDate',
]);

/** The record kind of an item type, or null for logins and secure notes. */
export function recordKindOf(type: ItemType): RecordKind | null {
  switch (type) {
    case ITEM_TYPE.login:
    case ITEM_TYPE.secureNote:
      return null;
    case ITEM_TYPE.card:
      return 'card';
    case ITEM_TYPE.identity:
      return 'identity';
    case ITEM_TYPE.sshKey:
      return 'sshKey';
    case ITEM_TYPE.bankAccount:
      return 'bankAccount';
    case ITEM_TYPE.driversLicense:
      return 'driversLicense';
    case ITEM_TYPE.passport:
      return 'passport';
  }
}

/** An item's record as a plain map of field name to value, for code that treats kinds alike. */
export type FlatRecord<S> = Record<string, S | null>;

/** The record of a record-kind item (card, identity, …), or null for logins and notes. */
export function recordOf<S>(item: Item<S>): { kind: RecordKind; record: FlatRecord<S> } | null {
  const kind = recordKindOf(item.type);
  if (kind === null) return null;
  return { kind, record: (item as unknown as Record<RecordKind, FlatRecord<S>>)[kind] };
}

/** The item with its record replaced (the record's kind must be the item's). */
export function withRecord<S, T = S>(
  item: Item<S>,
  kind: RecordKind,
  record: FlatRecord<T>,
): Item<T> {
  return { ...item, [kind]: record } as unknown as Item<T>;
}

export const FIDO2_STRING_FIELDS = [
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
] as const satisfies readonly (keyof Fido2Credential)[];
