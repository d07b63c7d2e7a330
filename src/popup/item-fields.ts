/**
 * The words and choices of the item editor and viewer: labels of the type-specific fields
 * (ui.md spells formats.md's names as words), linked-field targets and URI match types.
 */
import type { Card, Identity, ItemType, SshKey, UriMatch } from '@/src/vault/item';
import type { MessageKey } from './i18n';

export const ITEM_TYPE_LABELS: Record<ItemType, MessageKey> = {
  1: 'typeLogin',
  2: 'typeSecureNote',
  3: 'typeCard',
  4: 'typeIdentity',
  5: 'typeSshKey',
};

export const CARD_LABELS: Record<keyof Card, MessageKey> = {
  cardholderName: 'cardholderName',
  brand: 'cardBrand',
  number: 'cardNumber',
  expMonth: 'expirationMonth',
  expYear: 'expirationYear',
  code: 'securityCode',
};

/** Order in which the editor shows a card's fields. */
export const CARD_ORDER: (keyof Card)[] = [
  'cardholderName',
  'number',
  'brand',
  'expMonth',
  'expYear',
  'code',
];

export const IDENTITY_LABELS: Record<keyof Identity, MessageKey> = {
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
};

export const SSH_KEY_LABELS: Record<keyof SshKey, MessageKey> = {
  privateKey: 'sshPrivateKey',
  publicKey: 'sshPublicKey',
  keyFingerprint: 'sshFingerprint',
};

/** Fields whose value is hidden until shown, per type. */
export const SECRET_FIELDS = new Set<string>([
  'password',
  'totp',
  'code',
  'number',
  'ssn',
  'privateKey',
]);

/**
 * Fields cleared from the clipboard after a copy: the hidden ones, and identity numbers that are
 * shown but are as much a secret (withhold-secrets.ts keeps them behind the re-prompt too).
 */
export const CLEARED_COPY_FIELDS = new Set<string>([
  ...SECRET_FIELDS,
  'passportNumber',
  'licenseNumber',
]);

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
