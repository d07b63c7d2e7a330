/**
 * The words and choices of the item editor and viewer: labels of the type-specific fields
 * (ui.md spells formats.md's names as words), linked-field targets and URI match types.
 */
import {
  DATE_FIELDS,
  RECORD_SECRETS,
  recordKindOf,
  type ItemType,
  type RECORD_FIELDS,
  type RecordKind,
  type UriMatch,
} from '@/src/vault/item';
import type { MessageKey } from './i18n';

export const ITEM_TYPE_LABELS: Record<ItemType, MessageKey> = {
  1: 'typeLogin',
  2: 'typeSecureNote',
  3: 'typeCard',
  4: 'typeIdentity',
  5: 'typeSshKey',
  6: 'typeBankAccount',
  7: 'typeDriversLicense',
  8: 'typePassport',
};

type RecordLabels = { [K in RecordKind]: Record<(typeof RECORD_FIELDS)[K][number], MessageKey> };

/**
 * The words of every record kind's fields, in the order the editor and the item view show them
 * (a card's number before its brand, as on the card; the others as Bitwarden lists them).
 */
export const RECORD_LABELS: RecordLabels = {
  card: {
    cardholderName: 'cardholderName',
    number: 'cardNumber',
    brand: 'cardBrand',
    expMonth: 'expirationMonth',
    expYear: 'expirationYear',
    code: 'securityCode',
  },
  identity: {
    title: 'identityTitle',
    firstName: 'firstName',
    middleName: 'middleName',
    lastName: 'lastName',
    username: 'username',
    company: 'company',
    ssn: 'ssn',
    passportNumber: 'passportNumber',
    licenseNumber: 'licenseNumber',
    email: 'email',
    phone: 'phone',
    address1: 'address1',
    address2: 'address2',
    address3: 'address3',
    city: 'city',
    state: 'state',
    postalCode: 'postalCode',
    country: 'country',
  },
  sshKey: {
    privateKey: 'sshPrivateKey',
    publicKey: 'sshPublicKey',
    keyFingerprint: 'sshFingerprint',
  },
  bankAccount: {
    bankName: 'bankName',
    nameOnAccount: 'nameOnAccount',
    accountType: 'accountType',
    accountNumber: 'accountNumber',
    routingNumber: 'routingNumber',
    branchNumber: 'branchNumber',
    pin: 'bankPin',
    swiftCode: 'swiftCode',
    iban: 'iban',
    bankContactPhone: 'bankContactPhone',
  },
  driversLicense: {
    firstName: 'firstName',
    middleName: 'middleName',
    lastName: 'lastName',
    dateOfBirth: 'dateOfBirth',
    licenseNumber: 'licenseNumber',
    issuingCountry: 'issuingCountry',
    issuingState: 'issuingState',
    issueDate: 'issueDate',
    expirationDate: 'expirationDate',
    issuingAuthority: 'issuingAuthority',
    licenseClass: 'licenseClass',
  },
  passport: {
    surname: 'surname',
    givenName: 'givenName',
    dateOfBirth: 'dateOfBirth',
    sex: 'sex',
    birthPlace: 'birthPlace',
    nationality: 'nationality',
    issuingCountry: 'issuingCountry',
    passportNumber: 'passportNumber',
    passportType: 'passportType',
    nationalIdentificationNumber: 'nationalIdentificationNumber',
    issuingAuthority: 'issuingAuthority',
    issueDate: 'issueDate',
    expirationDate: 'expirationDate',
  },
};

/** A record kind's fields with their words, in the order they are shown. */
export function recordFields(kind: RecordKind): { name: string; label: MessageKey }[] {
  return Object.entries(RECORD_LABELS[kind]).map(([name, label]) => ({
    name,
    label: label as MessageKey,
  }));
}

/**
 * Values hidden until shown. An identity's passport and license numbers are shown (they identify
 * the person the identity is about) but, like every value re-prompt withholds, cleared from the
 * clipboard after a copy.
 */
const HIDDEN_FIELDS: { [K in RecordKind]: readonly string[] } = {
  card: ['number', 'code'],
  identity: ['ssn'],
  sshKey: ['privateKey'],
  bankAccount: RECORD_SECRETS.bankAccount,
  driversLicense: RECORD_SECRETS.driversLicense,
  passport: RECORD_SECRETS.passport,
};

/** Whether a field of an item type is hidden until shown (`password`, `card.number`, …). */
export function isHiddenField(type: ItemType, name: string): boolean {
  const kind = recordKindOf(type);
  if (kind === null) return name === 'password' || name === 'totp';
  return HIDDEN_FIELDS[kind].includes(name);
}

/** Whether a copy of this field is cleared from the clipboard after the chosen time. */
export function isClearedOnCopy(type: ItemType, name: string): boolean {
  const kind = recordKindOf(type);
  if (kind === null) return isHiddenField(type, name);
  return (RECORD_SECRETS[kind] as readonly string[]).includes(name);
}

/**
 * The input a record field is edited in: hidden values as passwords; dates as date inputs, unless
 * the stored value is not a `YYYY-MM-DD` date (a file may hold "03/2031"), which a date input
 * could not show and would silently empty.
 */
export function fieldInputType(
  type: ItemType,
  name: string,
  value: string,
): 'text' | 'password' | 'date' {
  if (isHiddenField(type, name)) return 'password';
  if (DATE_FIELDS.has(name) && (value === '' || isIsoDate(value))) return 'date';
  return 'text';
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

export const URI_MATCH_LABELS: { value: string; match: UriMatch; label: MessageKey }[] = [
  { value: 'default', match: null, label: 'matchDefault' },
  { value: '0', match: 0, label: 'matchBaseDomain' },
  { value: '1', match: 1, label: 'matchHost' },
  { value: '2', match: 2, label: 'matchStartsWith' },
  { value: '3', match: 3, label: 'matchExact' },
  { value: '4', match: 4, label: 'matchRegex' },
  { value: '5', match: 5, label: 'matchNever' },
];

/** Linked custom fields: which built-in field each id stands for (formats.md, Enumerations). */
export const LINKED_FIELDS: Partial<Record<ItemType, { id: number; label: MessageKey }[]>> = {
  1: [
    { id: 100, label: 'username' },
    { id: 101, label: 'password' },
  ],
  3: [
    { id: 300, label: 'cardholderName' },
    { id: 301, label: 'expirationMonth' },
    { id: 302, label: 'expirationYear' },
    { id: 303, label: 'securityCode' },
    { id: 304, label: 'cardBrand' },
    { id: 305, label: 'cardNumber' },
  ],
  4: [
    { id: 400, label: 'identityTitle' },
    { id: 401, label: 'middleName' },
    { id: 402, label: 'address1' },
    { id: 403, label: 'address2' },
    { id: 404, label: 'address3' },
    { id: 405, label: 'city' },
    { id: 406, label: 'state' },
    { id: 407, label: 'postalCode' },
    { id: 408, label: 'country' },
    { id: 409, label: 'company' },
    { id: 410, label: 'email' },
    { id: 411, label: 'phone' },
    { id: 412, label: 'ssn' },
    { id: 413, label: 'username' },
    { id: 414, label: 'passportNumber' },
    { id: 415, label: 'licenseNumber' },
    { id: 416, label: 'firstName' },
    { id: 417, label: 'lastName' },
    { id: 418, label: 'fullName' },
  ],
};
