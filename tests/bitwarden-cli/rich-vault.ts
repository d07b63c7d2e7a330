/**
 * The vault both losslessness tests carry across (issue 13), in Bitwarden's plain `.json` export
 * shape: all eight item types with every field filled, custom fields of all four types, a
 * passkey, password history, three folders (one named with " / ", one empty), favorites,
 * re-prompt, two archived items, and notes with line breaks, quotes and commas. Every item of a
 * type a `.csv` carries (logins, notes) is one a `.csv` can carry: no custom field holds ": " or a
 * line break, no URI a comma. No login has more than five old passwords: Bitwarden's .json reader
 * keeps the first five (BitwardenJsonImporter), as Coffer's editor does.
 */
import { SSH_KEY } from './small-vault';
import type { JsonObject, PlainExport } from './standin-vault';

const WORK = '5b0c1a3e-1d2f-4e5a-8b6c-7d8e9f0a1b01';
const HOME = '5b0c1a3e-1d2f-4e5a-8b6c-7d8e9f0a1b02';
const EMPTY = '5b0c1a3e-1d2f-4e5a-8b6c-7d8e9f0a1b03';

/** Ids of the items the stand-in gives a key of their own (Bitwarden's cipher keys). */
export const ITEMS_WITH_OWN_KEY: ReadonlySet<string> = new Set([
  'c0ffee00-0000-4000-8000-000000000001',
  'c0ffee00-0000-4000-8000-000000000003',
  'c0ffee00-0000-4000-8000-000000000007',
  'c0ffee00-0000-4000-8000-000000000009',
]);

/** The properties every item has, its own dates told apart by `n`. */
function common(n: number, folderId: string | null): JsonObject {
  const day = String(n).padStart(2, '0');
  return {
    id: `c0ffee00-0000-4000-8000-0000000000${day}`,
    organizationId: null,
    folderId,
    collectionIds: null,
    reprompt: 0,
    favorite: false,
    passwordHistory: null,
    creationDate: `2024-02-${day}T08:09:10.${day}1Z`,
    revisionDate: `2025-06-${day}T11:12:13.${day}4Z`,
    deletedDate: null,
  };
}

export function makeRichVault(): PlainExport {
  return {
    encrypted: false,
    folders: [
      { id: WORK, name: 'Arbeit / Work' },
      { id: HOME, name: 'Privat, "home"' },
      { id: EMPTY, name: 'Leer / Empty' },
    ],
    items: [
      {
        ...common(1, WORK),
        type: 1,
        name: 'Acme, Inc. "Prod"',
        notes: 'line one\nline "two", with comma\n\nafter a blank line',
        favorite: true,
        login: {
          username: 'last, first',
          password: 'p@ss "word", 1',
          totp: 'otpauth://totp/Acme:me?secret=JBSWY3DPEHPK3PXP&issuer=Acme',
          uris: [
            { uri: 'https://acme.example/login?a=1&b="x"', match: null },
            { uri: 'https://acme.example/', match: 0 },
            { uri: 'https://sso.acme.example/', match: 1 },
            { uri: 'https://acme.example/app/', match: 2 },
            { uri: 'https://acme.example/exact', match: 3 },
            { uri: '^https://[a-z]+\\.acme\\.example/$', match: 4 },
            { uri: 'androidapp://example.acme', match: 5 },
          ],
          fido2Credentials: [
            {
              credentialId: '2f7c1b9e-6a3d-4c8e-9f10-112233445566',
              keyType: 'public-key',
              keyAlgorithm: 'ECDSA',
              keyCurve: 'P-256',
              keyValue:
                'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgx8kD2b0wQnJ2Ym9ZXhL7mK9y3T0nO0o6VvD2hF8xYhShRANCAAQ',
              rpId: 'acme.example',
              userHandle: 'dXNlci1oYW5kbGUtNDI',
              userName: 'last, first',
              counter: '7',
              rpName: 'Acme "Prod"',
              userDisplayName: 'First Last',
              discoverable: 'true',
              creationDate: '2024-05-06T07:08:09.010Z',
            },
          ],
        },
        fields: [
          { name: 'Customer no.', value: '12,345 "A"', type: 0, linkedId: null },
          { name: 'PIN', value: '0420', type: 1, linkedId: null },
          { name: 'remember me', value: 'true', type: 2, linkedId: null },
          { name: 'Password (linked)', value: null, type: 3, linkedId: 101 },
        ],
        passwordHistory: [
          { password: 'old "one", 1', lastUsedDate: '2024-06-01T00:00:00.000Z' },
          { password: 'older-two', lastUsedDate: '2023-12-24T18:30:00.500Z' },
        ],
      },
      {
        ...common(2, HOME),
        type: 1,
        name: 'Old forum',
        notes: 'archived, "kept" for the record',
        reprompt: 1,
        archivedDate: '2025-11-12T13:14:15.161Z',
        login: {
          username: 'old.user',
          password: ' forum pass ',
          totp: 'JBSWY3DPEHPK3PXP',
          uris: [{ uri: 'https://forum.example/', match: null }],
          fido2Credentials: [],
        },
        fields: [{ name: 'Security question', value: 'Berlin', type: 0, linkedId: null }],
        passwordHistory: [{ password: 'forum-old', lastUsedDate: '2022-02-02T02:02:02.222Z' }],
      },
      {
        ...common(3, null),
        type: 2,
        name: 'Recovery codes 🔐',
        notes: '  indented first line\nalpha-1, bravo-2\n"quoted" 日本語のメモ\r\nend  ',
        favorite: true,
        reprompt: 1,
        secureNote: { type: 0 },
        fields: [{ name: 'Printed', value: 'yes, twice', type: 0, linkedId: null }],
      },
      {
        ...common(4, WORK),
        type: 3,
        name: 'Visa Everyday',
        notes: 'card, "main"',
        card: {
          cardholderName: 'Carol Smith, Jr.',
          expMonth: '7',
          expYear: '2031',
          code: '123',
          brand: 'Visa',
          number: '4111111111111111',
        },
        fields: [
          { name: 'Bank phone', value: '+1 555 0199', type: 1, linkedId: null },
          { name: 'Holder (linked)', value: null, type: 3, linkedId: 300 },
        ],
      },
      {
        ...common(5, null),
        type: 4,
        name: '민준 כהן',
        notes: null,
        identity: {
          title: 'Ms',
          firstName: '민준',
          middleName: 'J.',
          lastName: 'כהן',
          address1: '丸の内1-1-1',
          address2: 'Building "B", floor 3',
          address3: 'c/o Globex',
          city: 'Montréal',
          state: 'QC',
          postalCode: 'H2X 1Y4',
          country: 'CA',
          company: 'Globex GmbH',
          email: 'user@example.com',
          phone: '+1 555 0100',
          ssn: '138-00-3929',
          username: 'فاطمة',
          passportNumber: 'X13194930',
          licenseNumber: 'D414-7956-5946',
        },
        fields: [
          { name: 'Newsletter', value: 'false', type: 2, linkedId: null },
          { name: 'First name (linked)', value: null, type: 3, linkedId: 401 },
        ],
      },
      {
        ...common(6, WORK),
        type: 5,
        name: 'deploy@ci-04',
        notes: 'Ed25519 deploy key',
        sshKey: { ...SSH_KEY },
      },
      {
        ...common(7, HOME),
        type: 6,
        name: 'Girokonto, "main"',
        notes: 'joint account\nopened 2019',
        favorite: true,
        bankAccount: {
          bankName: 'Sparkasse Köln/Bonn',
          nameOnAccount: 'Carol Smith, Jr.',
          accountType: 'Checking',
          accountNumber: '0123456789',
          routingNumber: '021000021',
          branchNumber: '370 501 98',
          pin: '8642',
          swiftCode: 'COLSDE33XXX',
          iban: 'DE89 3704 0044 0532 0130 00',
          bankContactPhone: '+49 221 2260',
        },
        fields: [{ name: 'Online banking id', value: 'cs-4711', type: 1, linkedId: null }],
        passwordHistory: [{ password: '1357', lastUsedDate: '2024-09-09T09:09:09.999Z' }],
      },
      {
        ...common(8, null),
        type: 7,
        name: "Driver's license (CA)",
        notes: 'class C, "real ID"',
        reprompt: 1,
        driversLicense: {
          firstName: 'Jane',
          middleName: 'A.',
          lastName: "O'Neil-Smith",
          dateOfBirth: '1990-01-15',
          licenseNumber: 'D1234567',
          issuingCountry: 'US',
          issuingState: 'CA',
          issueDate: '2020-06-01',
          expirationDate: '2028-06-01',
          issuingAuthority: 'California DMV',
          licenseClass: 'C',
        },
      },
      {
        ...common(9, WORK),
        type: 8,
        name: 'Passport ✈',
        notes: 'expired one, "kept"',
        archivedDate: '2026-01-02T03:04:05.678Z',
        passport: {
          surname: 'Müller',
          givenName: 'Anna Maria',
          dateOfBirth: '1985-12-31',
          sex: 'F',
          birthPlace: 'Zürich, CH',
          nationality: 'Swiss',
          issuingCountry: 'CH',
          passportNumber: 'X0123456',
          passportType: 'P',
          nationalIdentificationNumber: '756.1234.5678.97',
          issuingAuthority: 'Fedpol',
          issueDate: '2016-03-01',
          expirationDate: '2026-02-28',
        },
        fields: [{ name: 'Visa pages left', value: '4', type: 0, linkedId: null }],
      },
    ],
  };
}
