/**
 * A small vault in Bitwarden's plain `.json` export shape: one folder and one item of each kind
 * (login, secure note, card, identity, SSH key), with the usual troublemakers (commas, quotes,
 * newlines, non-Latin text, custom fields, password history).
 */
import type { PlainExport } from './standin-vault';

const FOLDER_ID = '7d4a3c3e-0c43-4a5e-9d1b-2f6f8a1c9e01';

/** An Ed25519 key made for the Bitwarden fixtures (tests/fixtures/bitwarden-sdk), never used. */
const SSH_PRIVATE_KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACB7fVMKYlMldXaWIqqDues6ig47/FRu2ZkvLBccWyamxQAAAIhR4ewSUeHs',
  'EgAAAAtzc2gtZWQyNTUxOQAAACB7fVMKYlMldXaWIqqDues6ig47/FRu2ZkvLBccWyamxQ',
  'AAAECwEfkbehLJ5LbcuaITmm9VBedm6koaouvCYq3zsztj6Ht9UwpiUyV1dpYiqoO56zqK',
  'Djv8VG7ZmS8sFxxbJqbFAAAAAAECAwQF',
  '-----END OPENSSH PRIVATE KEY-----',
  '',
].join('\n');

/** That key pair as a Bitwarden `sshKey` record. */
export const SSH_KEY = {
  privateKey: SSH_PRIVATE_KEY,
  publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHt9UwpiUyV1dpYiqoO56zqKDjv8VG7ZmS8sFxxbJqbF',
  keyFingerprint: 'SHA256:GlXXKrALFAvAKg0valmCwnyr94T6GRi1dMcGYC4E4fQ',
};

export function makeSmallVault(): PlainExport {
  const dates = {
    revisionDate: '2025-03-04T05:06:07.890Z',
    creationDate: '2024-01-02T03:04:05.678Z',
    deletedDate: null,
  };
  return {
    encrypted: false,
    folders: [{ id: FOLDER_ID, name: 'Arbeit / Work' }],
    items: [
      {
        id: '0b7f3a52-5c0e-4f0e-8f43-6a1d7b3e2a01',
        organizationId: null,
        folderId: FOLDER_ID,
        type: 1,
        reprompt: 0,
        name: 'Acme, Inc. "Prod"',
        notes: 'line one\nline two, with comma',
        favorite: true,
        fields: [
          { name: 'PIN', value: '0420', type: 1, linkedId: null },
          { name: 'remember me', value: 'true', type: 2, linkedId: null },
        ],
        login: {
          fido2Credentials: [],
          uris: [
            { match: null, uri: 'https://acme.example/login?a=1&b="x"' },
            { match: 3, uri: 'https://acme.example/' },
          ],
          username: 'last, first',
          password: 'p@ss "word", 1',
          totp: 'JBSWY3DPEHPK3PXP',
        },
        passwordHistory: [{ lastUsedDate: '2024-06-01T00:00:00.000Z', password: 'old-pass-1' }],
        collectionIds: null,
        ...dates,
      },
      {
        id: '0b7f3a52-5c0e-4f0e-8f43-6a1d7b3e2a02',
        organizationId: null,
        folderId: null,
        type: 2,
        reprompt: 1,
        name: 'Recovery codes 🔐',
        notes: 'alpha-1\nbravo-2\n日本語のメモ',
        favorite: false,
        secureNote: { type: 0 },
        collectionIds: null,
        ...dates,
      },
      {
        id: '0b7f3a52-5c0e-4f0e-8f43-6a1d7b3e2a03',
        organizationId: null,
        folderId: FOLDER_ID,
        type: 3,
        reprompt: 0,
        name: 'Visa Everyday',
        notes: null,
        favorite: false,
        card: {
          cardholderName: 'Carol Smith, Jr.',
          brand: 'Visa',
          number: '4111111111111111',
          expMonth: '7',
          expYear: '2031',
          code: '123',
        },
        collectionIds: null,
        ...dates,
      },
      {
        id: '0b7f3a52-5c0e-4f0e-8f43-6a1d7b3e2a04',
        organizationId: null,
        folderId: null,
        type: 4,
        reprompt: 0,
        name: '민준 כהן',
        notes: null,
        favorite: false,
        identity: {
          title: 'Ms',
          firstName: '민준',
          middleName: 'J.',
          lastName: 'כהן',
          address1: '丸の内1-1-1',
          address2: null,
          address3: null,
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
        collectionIds: null,
        ...dates,
      },
      {
        id: '0b7f3a52-5c0e-4f0e-8f43-6a1d7b3e2a05',
        organizationId: null,
        folderId: FOLDER_ID,
        type: 5,
        reprompt: 0,
        name: 'deploy@ci-04',
        notes: 'Ed25519 deploy key',
        favorite: false,
        sshKey: { ...SSH_KEY },
        collectionIds: null,
        ...dates,
      },
    ],
  };
}
