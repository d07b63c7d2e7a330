/** Items of every type with every field filled, for round-trip and "nothing in the clear" tests. */
import type { ItemDraft } from '@/src/protocol/vault-api';

export function sampleDrafts(marker = 'MARK'): ItemDraft[] {
  const common = {
    folderId: null,
    organizationId: null,
    collectionIds: null,
    favorite: false,
    reprompt: 0 as const,
    passwordHistory: null,
    deletedDate: null,
  };
  return [
    {
      ...common,
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
      ...common,
      type: 2,
      name: `${marker}-note-name`,
      notes: `${marker}-secure-note`,
      secureNote: { type: 0 },
      reprompt: 1,
    },
    {
      ...common,
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
      ...common,
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
      ...common,
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
