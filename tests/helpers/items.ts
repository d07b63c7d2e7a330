/**
 * Items for tests: one builder per item type with plain defaults that a test overrides where it
 * matters, and drafts of every type with every field filled, for round-trip and "nothing in the
 * clear" tests.
 */
import type { ItemDraft } from '@/src/protocol/vault-api';
import type { CardItem, Fido2Credential, Item, LoginItem } from '@/src/vault/item';

/** When a built item was made and last revised, unless the test says otherwise. */
const ITEM_DATE = '2024-01-01T00:00:00.000Z';

export type NoteItem = Extract<Item, { type: 2 }>;

/**
 * What every item has, left empty (no folder, organization, notes or history), without the id and
 * dates that only stored items have: spread into a draft as the editor sends it.
 */
export const EMPTY_DRAFT = {
  folderId: null,
  organizationId: null,
  collectionIds: null,
  notes: null,
  favorite: false,
  reprompt: 0 as const,
  passwordHistory: null,
  deletedDate: null,
};

/** An empty stored item: EMPTY_DRAFT with an id and dates. */
function emptyItem(id: string) {
  return { id, ...EMPTY_DRAFT, revisionDate: ITEM_DATE, creationDate: ITEM_DATE };
}

/**
 * "Example login": ada's password "correct horse" for https://example.com. `extra` replaces the
 * item's fields, `login` the login's.
 */
export function loginItem(
  extra: Partial<LoginItem> = {},
  login: Partial<LoginItem['login']> = {},
): LoginItem {
  return {
    ...emptyItem('login-id'),
    type: 1,
    name: 'Example login',
    ...extra,
    login: {
      username: 'ada',
      password: 'correct horse',
      totp: null,
      uris: [{ uri: 'https://example.com', match: null }],
      fido2Credentials: null,
      ...login,
    },
  };
}

/** "Example note", a secure note; `extra` replaces its fields. */
export function noteItem(extra: Partial<NoteItem> = {}): NoteItem {
  return {
    ...emptyItem('note-id'),
    type: 2,
    name: 'Example note',
    notes: 'note text',
    secureNote: { type: 0 },
    ...extra,
  };
}

/** "Example card", Ada's Visa; `extra` replaces the item's fields, `card` the card's. */
export function cardItem(
  extra: Partial<CardItem> = {},
  card: Partial<CardItem['card']> = {},
): CardItem {
  return {
    ...emptyItem('card-id'),
    type: 3,
    name: 'Example card',
    ...extra,
    card: {
      cardholderName: 'Ada',
      number: '4111111111111111',
      brand: 'Visa',
      expMonth: '7',
      expYear: '2031',
      code: '123',
      ...card,
    },
  };
}

/** A passkey for example.com whose credential id is `credentialId`. */
export function passkey(credentialId: string, creationDate = ITEM_DATE): Fido2Credential {
  return {
    credentialId,
    keyType: 'public-key',
    keyAlgorithm: 'ECDSA',
    keyCurve: 'P-256',
    keyValue: `key-${credentialId}`,
    rpId: 'example.com',
    userHandle: 'handle',
    userName: 'ada',
    counter: '0',
    rpName: 'Example',
    userDisplayName: 'Ada',
    discoverable: 'true',
    creationDate,
  };
}

export function sampleDrafts(marker = 'MARK'): ItemDraft[] {
  return [
    {
      ...EMPTY_DRAFT,
      type: 1,
      name: `${marker}-login-name`,
      notes: `${marker}-login-notes`,
      favorite: true,
      login: {
        username: `${marker}-username`,
        password: `${marker}-password`,
        totp: `${marker}TOTPSECRET`,
        uris: [
          { uri: `https://${marker.toLowerCase()}-one.example/login`, match: null },
          { uri: `https://${marker.toLowerCase()}-two.example/`, match: 3 },
        ],
        fido2Credentials: [
          {
            credentialId: `${marker}-credential-id`,
            keyType: 'public-key',
            keyAlgorithm: 'ECDSA',
            keyCurve: 'P-256',
            keyValue: `${marker}-key-value`,
            rpId: `${marker.toLowerCase()}-one.example`,
            userHandle: `${marker}-user-handle`,
            userName: `${marker}-passkey-user`,
            counter: '7',
            rpName: `${marker} RP`,
            userDisplayName: `${marker} Display`,
            discoverable: 'true',
            creationDate: '2024-05-06T07:08:09.010Z',
          },
        ],
      },
      fields: [
        { name: `${marker}-text-name`, value: `${marker}-text-value`, type: 0, linkedId: null },
        { name: `${marker}-hidden-name`, value: `${marker}-hidden-value`, type: 1, linkedId: null },
        { name: `${marker}-bool-name`, value: 'true', type: 2, linkedId: null },
        { name: `${marker}-linked-name`, value: null, type: 3, linkedId: 101 },
      ],
      passwordHistory: [
        { lastUsedDate: '2023-01-02T03:04:05.006Z', password: `${marker}-old-password` },
      ],
    },
    {
      ...EMPTY_DRAFT,
      type: 2,
      name: `${marker}-note-name`,
      notes: `${marker}-secure-note`,
      secureNote: { type: 0 },
      reprompt: 1,
    },
    {
      ...EMPTY_DRAFT,
      type: 3,
      name: `${marker}-card-name`,
      notes: null,
      card: {
        cardholderName: `${marker} Holder`,
        number: '4111111111111111',
        brand: 'Visa',
        expMonth: '7',
        expYear: '2031',
        code: '123',
      },
    },
    {
      ...EMPTY_DRAFT,
      type: 4,
      name: `${marker}-identity-name`,
      notes: null,
      identity: {
        title: 'Dr',
        firstName: `${marker}First`,
        middleName: null,
        lastName: `${marker}Last`,
        address1: `${marker} Street 1`,
        address2: null,
        address3: null,
        city: 'Springfield',
        state: null,
        postalCode: '12345',
        country: 'US',
        company: null,
        email: `${marker.toLowerCase()}@example.com`,
        phone: null,
        ssn: `${marker}-SSN`,
        username: null,
        passportNumber: `${marker}-PASSPORT`,
        licenseNumber: null,
      },
    },
    {
      ...EMPTY_DRAFT,
      type: 5,
      name: `${marker}-ssh-name`,
      notes: null,
      sshKey: {
        privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${marker}PRIVATE\n-----END OPENSSH PRIVATE KEY-----\n`,
        publicKey: `ssh-ed25519 AAAA${marker}PUBLIC`,
        keyFingerprint: `SHA256:${marker}FINGERPRINT`,
      },
    },
  ] as ItemDraft[];
}

/** What the new kinds' drafts share: no folder, no history, not deleted. */
const NEW_KIND_COMMON = {
  folderId: null,
  organizationId: null,
  collectionIds: null,
  favorite: false,
  reprompt: 0 as const,
  passwordHistory: null,
  deletedDate: null,
  notes: null,
};

/** A bank account, a driver's license (re-prompt) and a passport, every field filled. */
export const NEW_KIND_DRAFTS: ItemDraft[] = [
  {
    ...NEW_KIND_COMMON,
    type: 6,
    name: 'Checking',
    notes: 'joint account',
    bankAccount: {
      bankName: 'Example Bank',
      nameOnAccount: 'Ann Lee',
      accountType: 'Checking',
      accountNumber: '000123456789',
      routingNumber: '021000021',
      branchNumber: '042',
      pin: '4321',
      swiftCode: 'EXBKUS33',
      iban: 'DE89370400440532013000',
      bankContactPhone: '+1 555 0100',
    },
  },
  {
    ...NEW_KIND_COMMON,
    type: 7,
    name: 'License',
    reprompt: 1,
    driversLicense: {
      firstName: 'Ann',
      middleName: 'Q',
      lastName: 'Lee',
      dateOfBirth: '1990-02-03',
      licenseNumber: 'D1234567',
      issuingCountry: 'US',
      issuingState: 'CA',
      issueDate: '2020-05-06',
      expirationDate: '2028-02-03',
      issuingAuthority: 'DMV',
      licenseClass: 'C',
    },
  },
  {
    ...NEW_KIND_COMMON,
    type: 8,
    name: 'Passport',
    favorite: true,
    passport: {
      surname: 'Mustermann',
      givenName: 'Erika',
      dateOfBirth: '1964-08-12',
      sex: 'F',
      birthPlace: 'Berlin',
      nationality: 'DE',
      issuingCountry: 'DE',
      passportNumber: 'C01X00T47',
      passportType: 'P',
      nationalIdentificationNumber: 'T22000129',
      issuingAuthority: 'Stadt Köln',
      issueDate: '2017-10-31',
      expirationDate: '2027-10-30',
    },
  },
];
