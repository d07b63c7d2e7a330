/**
 * Where Coffer's item fields go in a KeePass entry (docs/kdbx-mapping.md), one table for the
 * writer and the reader. The names are English words, as KeePassXC's own fields are: a `.kdbx`
 * is read on machines whatever Coffer's language was.
 */
import { ITEM_TYPE, RECORD_SECRETS, type ItemType, type RecordKind } from '@/src/vault/item';

/** KeePass's standard strings. */
export const KP = {
  title: 'Title',
  userName: 'UserName',
  password: 'Password',
  url: 'URL',
  notes: 'Notes',
  /** KeePassXC's TOTP: an otpauth:// URI. */
  otp: 'otp',
  /** KeePassXC before 2.6: the base32 seed and "period;digits" (digits `S` for Steam). */
  totpSeed: 'TOTP Seed',
  totpSettings: 'TOTP Settings',
} as const;

/** The standard strings. */
const STANDARD_KEYS: ReadonlySet<string> = new Set([
  KP.title,
  KP.userName,
  KP.password,
  KP.url,
  KP.notes,
]);

/**
 * Names the reader takes for something other than a custom field: a custom field of such a name
 * is written under another (kdbx-write.ts uniqueKey).
 */
export function isReservedKey(key: string): boolean {
  return (
    STANDARD_KEYS.has(key) ||
    key === KP.otp ||
    key === KP.totpSeed ||
    key === KP.totpSettings ||
    key === COFFER_TYPE_KEY ||
    EXTRA_URL_KEY.test(key) ||
    key.startsWith('KPEX_PASSKEY_')
  );
}

/** Extra URLs: KeePassXC and Keepass2Android write `KP2A_URL`, `KP2A_URL_1`, …; others `URL_2`. */
export const EXTRA_URL_KEY = /^(KP2A_URL(_\d+)?|URL_\d+)$/;
export const extraUrlKey = (n: number) => `KP2A_URL_${n}`;

/** KeePassXC's passkey attributes (its browser integration), one passkey per entry. */
export const PASSKEY = {
  userName: 'KPEX_PASSKEY_USERNAME',
  credentialId: 'KPEX_PASSKEY_CREDENTIAL_ID',
  privateKeyPem: 'KPEX_PASSKEY_PRIVATE_KEY_PEM',
  relyingParty: 'KPEX_PASSKEY_RELYING_PARTY',
  userHandle: 'KPEX_PASSKEY_USER_HANDLE',
} as const;
/** A login's second and later passkeys carry `_2`, `_3`, … after each name (KeePassXC ignores them). */
export const passkeyKey = (name: string, n: number) => (n === 1 ? name : `${name}_${n}`);

/** The item's type, for entries that are not logins (a KeePass entry is a login by default). */
export const COFFER_TYPE_KEY = 'Coffer type';

export const TYPE_WORDS: { [T in ItemType]?: string } = {
  [ITEM_TYPE.secureNote]: 'Secure note',
  [ITEM_TYPE.card]: 'Card',
  [ITEM_TYPE.identity]: 'Identity',
  [ITEM_TYPE.sshKey]: 'SSH key',
  [ITEM_TYPE.bankAccount]: 'Bank account',
  [ITEM_TYPE.driversLicense]: "Driver's license",
  [ITEM_TYPE.passport]: 'Passport',
};

/** Tags Coffer writes for what KeePass has no field for. */
export const FAVORITE_TAG = 'Favorite';
export const ARCHIVED_TAG = 'Archived';

/**
 * Each record kind's fields as entry strings, in the order the item view shows them; the
 * identity's `username` goes into KeePass's own UserName instead.
 */
export const RECORD_KEYS: { [K in RecordKind]: Record<string, string> } = {
  card: {
    cardholderName: 'Cardholder name',
    brand: 'Brand',
    number: 'Card number',
    expMonth: 'Expiration month',
    expYear: 'Expiration year',
    code: 'Security code',
  },
  identity: {
    title: 'Identity title',
    firstName: 'First name',
    middleName: 'Middle name',
    lastName: 'Last name',
    username: KP.userName,
    company: 'Company',
    ssn: 'Social Security number',
    passportNumber: 'Passport number',
    licenseNumber: 'License number',
    email: 'Email',
    phone: 'Phone',
    address1: 'Address 1',
    address2: 'Address 2',
    address3: 'Address 3',
    city: 'City',
    state: 'State',
    postalCode: 'Postal code',
    country: 'Country',
  },
  sshKey: {
    privateKey: 'Private key',
    publicKey: 'Public key',
    keyFingerprint: 'Fingerprint',
  },
  bankAccount: {
    bankName: 'Bank name',
    nameOnAccount: 'Name on account',
    accountType: 'Account type',
    accountNumber: 'Account number',
    routingNumber: 'Routing number',
    branchNumber: 'Branch number',
    pin: 'PIN',
    swiftCode: 'SWIFT code',
    iban: 'IBAN',
    bankContactPhone: 'Bank contact phone',
  },
  driversLicense: {
    firstName: 'First name',
    middleName: 'Middle name',
    lastName: 'Last name',
    dateOfBirth: 'Date of birth',
    licenseNumber: 'License number',
    issuingCountry: 'Issuing country',
    issuingState: 'Issuing state',
    issueDate: 'Issue date',
    expirationDate: 'Expiration date',
    issuingAuthority: 'Issuing authority',
    licenseClass: 'License class',
  },
  passport: {
    surname: 'Surname',
    givenName: 'Given name',
    dateOfBirth: 'Date of birth',
    sex: 'Sex',
    birthPlace: 'Birthplace',
    nationality: 'Nationality',
    issuingCountry: 'Issuing country',
    passportNumber: 'Passport number',
    passportType: 'Passport type',
    nationalIdentificationNumber: 'National identification number',
    issuingAuthority: 'Issuing authority',
    issueDate: 'Issue date',
    expirationDate: 'Expiration date',
  },
};

/** Whether a record field is written protected (KeePass's "hidden" strings): Coffer's secrets. */
export function isSecretField(kind: RecordKind, field: string): boolean {
  return (RECORD_SECRETS[kind] as readonly string[]).includes(field);
}
