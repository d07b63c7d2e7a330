/**
 * The vault the `.kdbx` tests write: every item of Bitwarden's SDK fixture (logins with passkeys,
 * TOTP in its three forms, history, custom fields of every type, cards, identities, SSH keys,
 * notes, folders `a/b`), a bank account, a driver's license and a passport, two attachments; and
 * what docs/kdbx-mapping.md says each item becomes after a trip through a `.kdbx`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RECORD_KEYS, isReservedKey } from '@/src/formats/kdbx/kdbx-fields';
import { recordOf, type Field, type Folder, type Item } from '@/src/vault/item';
import { NEW_KIND_DRAFTS, passkey } from '../../helpers/items';

const SDK_PLAIN = path.join(
  import.meta.dirname,
  '../../../../shared/fixtures/bitwarden-sdk/pbkdf2/sdk-plain.json',
);

export interface KdbxVault {
  folders: Folder[];
  items: Item[];
  attachments: { itemId: string; fileName: string; content: Uint8Array }[];
}

export function kdbxVault(): KdbxVault {
  const sdk = JSON.parse(fs.readFileSync(SDK_PLAIN, 'utf8')) as {
    folders: Folder[];
    items: Item[];
  };
  const extra = NEW_KIND_DRAFTS.map(
    (draft, i) =>
      ({
        ...draft,
        id: `00000000-0000-4000-8000-00000000000${i}`,
        creationDate: '2024-03-04T05:06:07.000Z',
        revisionDate: '2025-03-04T05:06:07.000Z',
      }) as Item,
  );
  // A login with a passkey Bitwarden made (GUID id, base64url PKCS #8 key) and one archived.
  const { bankAccount: _bank, ...common } = extra[0] as Extract<Item, { type: 6 }>;
  const withPasskey: Item = {
    ...common,
    id: '00000000-0000-4000-8000-000000000010',
    type: 1,
    name: 'Passkey site',
    archivedDate: '2025-06-01T00:00:00.000Z',
    login: {
      username: 'pk-user',
      password: null,
      uris: [{ uri: 'https://pk.example', match: null }],
      totp: null,
      fido2Credentials: [
        {
          ...passkey('2f7c1b9e-6a3d-4c8e-9f10-112233445566'),
          keyValue: Buffer.from(Array.from({ length: 138 }, (_, i) => (i * 37) % 256)).toString(
            'base64url',
          ),
          rpId: 'pk.example',
          userName: 'pk-user',
          userHandle: 'dXNlci1oYW5kbGU',
        },
      ],
    },
  } as Item;
  const items = [...sdk.items, ...extra, withPasskey];
  const first = items.find((i) => i.type === 1)!;
  return {
    folders: sdk.folders,
    items,
    attachments: [
      { itemId: first.id, fileName: 'notes.txt', content: new TextEncoder().encode('hello\n') },
      { itemId: first.id, fileName: 'blob.bin', content: new Uint8Array([0, 1, 2, 255, 254]) },
    ],
  };
}

/** KDBX keeps times to the second. */
const toSecond = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();
const blank = (value: string | null | undefined) => (value === '' || value == null ? null : value);

/** What reading back a `.kdbx` Coffer wrote gives for `item` (docs/kdbx-mapping.md, "Losses"). */
export function afterKdbx(item: Item): Omit<Item, 'id' | 'folderId'> {
  const { id: _id, folderId: _folder, ...rest } = item;
  const out = {
    ...rest,
    organizationId: null,
    collectionIds: null,
    reprompt: 0 as const,
    notes: blank(item.notes),
    creationDate: toSecond(item.creationDate),
    revisionDate: toSecond(item.revisionDate),
    deletedDate: null,
    passwordHistory:
      item.passwordHistory && item.passwordHistory.length > 0
        ? [...item.passwordHistory]
            .sort((a, b) => b.lastUsedDate.localeCompare(a.lastUsedDate))
            .map((h) => ({ password: h.password, lastUsedDate: toSecond(h.lastUsedDate) }))
        : null,
  } as Record<string, unknown>;
  if (item.archivedDate) out.archivedDate = toSecond(item.revisionDate);
  else delete out.archivedDate;
  const fields = renamedFields(item);
  if (fields.length > 0) out.fields = fields;
  else delete out.fields;
  if (item.type === 1) {
    const login = item.login;
    out.login = {
      ...login,
      username: blank(login.username),
      password: blank(login.password),
      uris: (login.uris ?? [])
        .filter((u) => u.uri !== null)
        .map((u) => ({ uri: u.uri, match: null })),
      totp: login.totp === null ? null : expectedTotp(login.totp, item.name, blank(login.username)),
      fido2Credentials: (login.fido2Credentials ?? []).map((c) => ({
        ...c,
        keyType: 'public-key',
        keyAlgorithm: 'ECDSA',
        keyCurve: 'P-256',
        counter: '0',
        rpName: c.rpId,
        userDisplayName: c.userName,
        discoverable: 'true',
        creationDate: toSecond(item.creationDate),
      })),
    };
  }
  return out as unknown as Omit<Item, 'id' | 'folderId'>;
}

function expectedTotp(totp: string, name: string, userName: string | null): string {
  if (/^otpauth:/i.test(totp.trim()) || /^steam:/i.test(totp.trim())) return totp.trim();
  const label = encodeURIComponent(name) + (userName ? `:${encodeURIComponent(userName)}` : '');
  const secret = totp.replace(/\s+/g, '').toUpperCase();
  return `otpauth://totp/${label}?secret=${secret}&period=30&digits=6&issuer=${encodeURIComponent(name)}`;
}

/** The otpauth:// URI KeePassXC reads: a Steam key with KeePassXC's `encoder=steam`. */
function writtenTotp(totp: string, name: string, userName: string | null): string {
  const steam = /^steam:\/\/(.*)$/i.exec(totp.trim());
  if (!steam) return expectedTotp(totp, name, userName);
  const label = encodeURIComponent(name) + (userName ? `:${encodeURIComponent(userName)}` : '');
  return `otpauth://totp/${label}?secret=${steam[1]!.toUpperCase()}&period=30&digits=5&issuer=${encodeURIComponent(name)}&encoder=steam`;
}

/**
 * Custom fields as strings: text and checkboxes as text, hidden ones hidden (an empty one comes
 * back as text), linked ones empty text; a name taken goes ` (2)`, an empty name is `Field`.
 */
function renamedFields(item: Item): Field[] {
  const found = recordOf(item);
  const taken = new Set<string>(found ? Object.values(RECORD_KEYS[found.kind]) : []);
  return (item.fields ?? []).map((field) => {
    const base = field.name === null || field.name.trim() === '' ? 'Field' : field.name;
    let name = base;
    for (let n = 2; taken.has(name) || isReservedKey(name); n++) name = `${base} (${n})`;
    taken.add(name);
    // kdbxweb reads an empty protected string as plain text.
    const hidden = field.type === 1 && (field.value ?? '') !== '';
    return { name, value: field.value ?? '', type: hidden ? 1 : 0, linkedId: null };
  });
}

/** A KeePass string as KeePassXC's XML export shows it. */
export interface KeePassString {
  value: string;
  protected: boolean;
}

/** Where docs/kdbx-mapping.md puts each of an item's fields in its KeePass entry. */
export function expectedEntry(item: Item): {
  strings: Record<string, KeePassString>;
  tags: string[];
  history: string[];
} {
  const strings: Record<string, KeePassString> = {
    Title: { value: item.name, protected: false },
    UserName: { value: '', protected: false },
    Password: { value: '', protected: true },
    URL: { value: '', protected: false },
    Notes: { value: item.notes ?? '', protected: false },
  };
  const put = (key: string, value: string | null | undefined, secret = false) => {
    if (value !== null && value !== undefined) strings[key] = { value, protected: secret };
  };
  const typeWord = {
    2: 'Secure note',
    3: 'Card',
    4: 'Identity',
    5: 'SSH key',
    6: 'Bank account',
    7: "Driver's license",
    8: 'Passport',
  }[item.type as number];
  if (typeWord) put('Coffer type', typeWord);
  if (item.type === 1) {
    const { login } = item;
    put('UserName', login.username);
    put('Password', login.password, true);
    const uris = (login.uris ?? []).flatMap((u) => (u.uri === null ? [] : [u.uri]));
    put('URL', uris[0]);
    uris.slice(1).forEach((uri, i) => put(`KP2A_URL_${i + 1}`, uri));
    if (login.totp !== null) put('otp', writtenTotp(login.totp, item.name, login.username), true);
    (login.fido2Credentials ?? []).forEach((c, i) => {
      const suffix = i === 0 ? '' : `_${i + 1}`;
      const guid = /^[0-9a-f-]{36}$/i.test(c.credentialId ?? '');
      put(`KPEX_PASSKEY_USERNAME${suffix}`, c.userName);
      put(
        `KPEX_PASSKEY_CREDENTIAL_ID${suffix}`,
        guid
          ? Buffer.from(c.credentialId!.replace(/-/g, ''), 'hex').toString('base64url')
          : c.credentialId,
        true,
      );
      const der = Buffer.from(c.keyValue ?? '', 'base64url');
      const pem =
        der.toString('base64url') === c.keyValue
          ? `-----BEGIN PRIVATE KEY-----\n${der
              .toString('base64')
              .match(/.{1,64}/g)!
              .join('\n')}\n-----END PRIVATE KEY-----`
          : c.keyValue;
      put(`KPEX_PASSKEY_PRIVATE_KEY_PEM${suffix}`, pem, true);
      put(`KPEX_PASSKEY_RELYING_PARTY${suffix}`, c.rpId);
      put(`KPEX_PASSKEY_USER_HANDLE${suffix}`, c.userHandle, true);
    });
  } else {
    const found = recordOf(item);
    if (found) {
      for (const [field, key] of Object.entries(RECORD_KEYS[found.kind])) {
        put(key, found.record[field], isSecret(found.kind, field));
      }
    }
  }
  const back = afterKdbx(item) as { fields?: Field[] };
  (item.fields ?? []).forEach((field, i) => {
    put(back.fields![i]!.name!, field.value ?? '', field.type === 1);
  });
  return {
    strings,
    tags: [...(item.favorite ? ['Favorite'] : []), ...(item.archivedDate ? ['Archived'] : [])],
    history: [...(item.passwordHistory ?? [])]
      .sort((a, b) => a.lastUsedDate.localeCompare(b.lastUsedDate))
      .map((h) => h.password),
  };
}

/** The protected fields as docs/kdbx-mapping.md lists them: written out here, not taken from src. */
const SECRETS: Record<string, string[]> = {
  card: ['number', 'code'],
  identity: ['ssn', 'passportNumber', 'licenseNumber'],
  sshKey: ['privateKey'],
  bankAccount: ['accountNumber', 'pin', 'iban'],
  driversLicense: ['licenseNumber'],
  passport: ['passportNumber', 'nationalIdentificationNumber'],
};
const isSecret = (kind: string, field: string) => SECRETS[kind]!.includes(field);
