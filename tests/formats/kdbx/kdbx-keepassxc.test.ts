/**
 * The judge of Coffer's `.kdbx`: KeePassXC's own command line (Debian's keepassxc 2.7.x, which
 * tests/tools/ensure-browsers.sh installs).
 * - Coffer → KeePassXC: every database Coffer writes (Argon2id from a PBKDF2 account and from an
 *   Argon2id one; AES-256 and ChaCha20) opens in `keepassxc-cli`, and its XML export holds every
 *   field of every item where docs/kdbx-mapping.md says, byte for byte; attachments come out
 *   whole and TOTP codes match Coffer's.
 * - KeePassXC → Coffer: databases `keepassxc-cli` made (import of an XML written here, db-create
 *   and add) with a password, a key file of each kind, or both, read into Coffer without loss.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, describe, expect, it } from 'vitest';
import { KDBX_ITEMS, startKdbxExport } from '@/src/formats/kdbx/kdbx-format';
import { readKdbx } from '@/src/formats/kdbx/kdbx-read';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { parseTotpKey } from '@/src/vault/totp-key';
import { totpCode } from '@/src/vault/totp';
import type { Item } from '@/src/vault/item';
import { expectedEntry, kdbxVault, type KeePassString } from './kdbx-vault';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-kdbx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], input: string): Buffer {
  return execFileSync('keepassxc-cli', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
}

const FILE_PASSWORD = 'Coffer→KeePassXC 🔐';

/** Writes the test vault as Export Vault does: the items writer, then the database. */
async function exportKdbx(kdf: KdfConfig, cipher: 'aes256' | 'chacha20'): Promise<Uint8Array> {
  const vault = kdbxVault();
  const chunks: Uint8Array[] = [];
  const archive = await startKdbxExport(async (chunk) => void chunks.push(chunk), {
    filePassword: FILE_PASSWORD,
    kdf,
    cipher,
  });
  const folders = vault.folders;
  if (KDBX_ITEMS.encrypted) throw new Error('plain writer expected');
  await archive.writeData(KDBX_ITEMS.start(folders));
  await archive.writeData(KDBX_ITEMS.items(vault.items, 0, folders).piece);
  for (const a of vault.attachments) {
    await archive.addAttachment({ itemId: a.itemId, fileName: a.fileName, zipPath: '' }, a.content);
  }
  await archive.finish();
  expect(chunks).toHaveLength(1);
  return chunks[0]!;
}

interface XmlEntry {
  path: string;
  strings: Record<string, KeePassString>;
  tags: string[];
  history: string[];
  binaries: string[];
  created: string;
  modified: string;
}

/** KeePassXC's XML export, entry by entry (history versions inside their entry). */
function entriesOf(xml: string): XmlEntry[] {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const children = (node: Element, name: string) =>
    Array.from(node.childNodes).filter(
      (n): n is Element => n.nodeType === 1 && (n as Element).tagName === name,
    ) as unknown as Element[];
  const textOf = (node: Element | undefined) => node?.textContent ?? '';
  const readStrings = (entry: Element) =>
    Object.fromEntries(
      children(entry, 'String').map((s) => {
        const value = children(s, 'Value')[0]!;
        return [
          textOf(children(s, 'Key')[0]),
          { value: textOf(value), protected: value.getAttribute('ProtectInMemory') === 'True' },
        ];
      }),
    );
  const time = (entry: Element, name: string) => {
    const bytes = Buffer.from(textOf(children(children(entry, 'Times')[0]!, name)[0]), 'base64');
    // KDBX 4's binary time: seconds since 0001-01-01, little-endian.
    const seconds = Number(bytes.readBigUInt64LE()) - 62135596800;
    return new Date(seconds * 1000).toISOString();
  };
  const out: XmlEntry[] = [];
  const walk = (group: Element, groupPath: string) => {
    for (const entry of children(group, 'Entry')) {
      const history = children(children(entry, 'History')[0]!, 'Entry');
      out.push({
        path: groupPath,
        strings: readStrings(entry),
        tags: textOf(children(entry, 'Tags')[0])
          .split(/[,;]/)
          .filter((t) => t !== ''),
        history: history.map((h) => readStrings(h).Password?.value ?? ''),
        binaries: children(entry, 'Binary').map((b) => textOf(children(b, 'Key')[0])),
        created: time(entry, 'CreationTime'),
        modified: time(entry, 'LastModificationTime'),
      });
    }
    for (const child of children(group, 'Group')) {
      walk(child, `${groupPath}/${textOf(children(child, 'Name')[0])}`);
    }
  };
  const root = children(
    children(doc.documentElement as unknown as Element, 'Root')[0]!,
    'Group',
  )[0]!;
  walk(root, '');
  return out;
}

const toSecond = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();

const ACCOUNTS: { name: string; kdf: KdfConfig; kdfLine: string }[] = [
  {
    name: 'PBKDF2 account (Coffer’s Argon2id defaults)',
    kdf: { type: 'pbkdf2', iterations: 600_000 },
    kdfLine: 'KDF: Argon2id (3 rounds, 65536 KB)',
  },
  {
    name: 'Argon2id account (its settings)',
    kdf: { type: 'argon2id', iterations: 2, memoryMiB: 16, parallelism: 2 },
    kdfLine: 'KDF: Argon2id (2 rounds, 16384 KB)',
  },
];
const CIPHERS = [
  { cipher: 'aes256', line: 'Cipher: AES 256-bit' },
  { cipher: 'chacha20', line: 'Cipher: ChaCha20 256-bit' },
] as const;

describe.each(ACCOUNTS)('Coffer → KeePassXC: $name', ({ kdf, kdfLine }) => {
  it.each(CIPHERS)(
    'KeePassXC opens the $cipher database and finds every field',
    async ({ cipher, line }) => {
      const file = path.join(dir, `coffer-${kdf.type}-${cipher}.kdbx`);
      fs.writeFileSync(file, await exportKdbx(kdf, cipher));
      const info = cli(['db-info', '-q', file], `${FILE_PASSWORD}\n`).toString();
      expect(info).toContain(line);
      expect(info).toContain(kdfLine);

      const entries = entriesOf(
        cli(['export', '-q', '-f', 'xml', file], `${FILE_PASSWORD}\n`).toString(),
      );
      const vault = kdbxVault();
      expect(entries).toHaveLength(vault.items.length);
      const folderOf = new Map(vault.folders.map((f) => [f.id, f.name]));
      for (const item of vault.items) {
        const groupPath = item.folderId === null ? '' : `/${folderOf.get(item.folderId)}`;
        const entry = entries.find(
          (e) => e.strings.Title?.value === item.name && e.path === groupPath,
        );
        expect(entry, item.name).toBeDefined();
        const expected = expectedEntry(item);
        expect(entry!.strings, item.name).toEqual(expected.strings);
        expect(entry!.tags.sort(), item.name).toEqual(expected.tags.sort());
        expect(entry!.history, item.name).toEqual(expected.history);
        expect(entry!.created, item.name).toBe(toSecond(item.creationDate));
        expect(entry!.modified, item.name).toBe(toSecond(item.revisionDate));
        const files = vault.attachments.filter((a) => a.itemId === item.id);
        expect(entry!.binaries.sort(), item.name).toEqual(files.map((a) => a.fileName).sort());
        for (const a of files) {
          const entryPath = `${groupPath}/${item.name}`;
          // Into a file: with --stdout, keepassxc-cli 2.7.4 writes the bytes as text (U+FFFD
          // for each byte that is not UTF-8).
          const saved = path.join(dir, 'attachment.out');
          fs.rmSync(saved, { force: true });
          cli(
            ['attachment-export', '-q', file, entryPath, a.fileName, saved],
            `${FILE_PASSWORD}\n`,
          );
          const bytes = fs.readFileSync(saved);
          expect([...bytes], `${item.name}/${a.fileName}`).toEqual([...a.content]);
        }
      }
    },
  );
});

describe('Coffer → KeePassXC: TOTP', () => {
  it('KeePassXC computes the same codes as Coffer from every key Coffer wrote', async () => {
    const file = path.join(dir, 'totp.kdbx');
    fs.writeFileSync(
      file,
      await exportKdbx({ type: 'argon2id', iterations: 1, memoryMiB: 8, parallelism: 1 }, 'aes256'),
    );
    const vault = kdbxVault();
    const folderOf = new Map(vault.folders.map((f) => [f.id, f.name]));
    const withTotp = vault.items.filter(
      (i): i is Extract<Item, { type: 1 }> => i.type === 1 && i.login.totp !== null,
    );
    expect(withTotp.length).toBeGreaterThan(2);
    for (const item of withTotp) {
      const entryPath = `${item.folderId === null ? '' : `/${folderOf.get(item.folderId)}`}/${item.name}`;
      const before = Date.now();
      const shown = cli(['show', '-q', '-t', file, entryPath], `${FILE_PASSWORD}\n`)
        .toString()
        .trim();
      const after = Date.now();
      const key = parseTotpKey(item.login.totp!);
      // The code may turn over while KeePassXC runs: either side of it counts.
      expect([totpCode(key, before), totpCode(key, after)], item.name).toContain(shown);
    }
  });
});

/** An XML database as KeePassXC imports it: groups, a recycle bin, history, strings, a file. */
const KEEPASS_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<KeePassFile>
 <Meta>
  <Generator>Coffer test</Generator>
  <DatabaseName>From KeePassXC</DatabaseName>
  <RecycleBinEnabled>True</RecycleBinEnabled>
  <RecycleBinUUID>AAAAAAAAAAAAAAAAAAAAAQ==</RecycleBinUUID>
  <Binaries><Binary ID="0" Compressed="False">aGVsbG8gd29ybGQAAf8=</Binary></Binaries>
 </Meta>
 <Root>
  <Group>
   <UUID>AAAAAAAAAAAAAAAAAAAAAA==</UUID>
   <Name>Root</Name>
   <Entry>
    <UUID>AAAAAAAAAAAAAAAAAAAAAg==</UUID>
    <Tags>work;Favorite</Tags>
    <Times><CreationTime>2024-01-02T03:04:05Z</CreationTime><LastModificationTime>2024-05-06T07:08:09Z</LastModificationTime><ExpiryTime>2027-01-01T00:00:00Z</ExpiryTime><Expires>True</Expires></Times>
    <String><Key>Title</Key><Value>Mail	tab &amp; "quotes"</Value></String>
    <String><Key>UserName</Key><Value>me@example.com</Value></String>
    <String><Key>Password</Key><Value ProtectInMemory="True">new-pass ü</Value></String>
    <String><Key>URL</Key><Value>https://mail.example.com</Value></String>
    <String><Key>KP2A_URL_1</Key><Value>https://m.example.com</Value></String>
    <String><Key>KP2A_URL_2</Key><Value>androidapp://com.example.mail</Value></String>
    <String><Key>otp</Key><Value ProtectInMemory="True">otpauth://totp/Mail:me?secret=JBSWY3DPEHPK3PXP&amp;period=30&amp;digits=6&amp;issuer=Mail</Value></String>
    <String><Key>PIN</Key><Value ProtectInMemory="True">1234</Value></String>
    <String><Key>Account no</Key><Value>42</Value></String>
    <String><Key>Notes</Key><Value>line1
line2</Value></String>
    <Binary><Key>hello.bin</Key><Value Ref="0"/></Binary>
    <History>
     <Entry>
      <UUID>AAAAAAAAAAAAAAAAAAAAAg==</UUID>
      <Times><CreationTime>2024-01-02T03:04:05Z</CreationTime><LastModificationTime>2024-02-02T00:00:00Z</LastModificationTime></Times>
      <String><Key>Title</Key><Value>Mail</Value></String>
      <String><Key>Password</Key><Value ProtectInMemory="True">old-pass</Value></String>
     </Entry>
     <Entry>
      <UUID>AAAAAAAAAAAAAAAAAAAAAg==</UUID>
      <Times><CreationTime>2024-01-02T03:04:05Z</CreationTime><LastModificationTime>2024-03-03T00:00:00Z</LastModificationTime></Times>
      <String><Key>Title</Key><Value>Mail (renamed)</Value></String>
      <String><Key>Password</Key><Value ProtectInMemory="True">old-pass</Value></String>
     </Entry>
    </History>
   </Entry>
   <Entry>
    <UUID>AAAAAAAAAAAAAAAAAAAABw==</UUID>
    <Times><CreationTime>2023-01-01T00:00:00Z</CreationTime><LastModificationTime>2023-06-01T00:00:00Z</LastModificationTime></Times>
    <String><Key>Title</Key><Value>Old TOTP</Value></String>
    <String><Key>TOTP Seed</Key><Value ProtectInMemory="True">GEZDGNBVGY3TQOJQ</Value></String>
    <String><Key>TOTP Settings</Key><Value>30;S</Value></String>
    <String><Key>KPEX_PASSKEY_USERNAME</Key><Value>ann</Value></String>
    <String><Key>KPEX_PASSKEY_CREDENTIAL_ID</Key><Value ProtectInMemory="True">L3wbnmo9TI6fEBEiM0RVZg</Value></String>
    <String><Key>KPEX_PASSKEY_PRIVATE_KEY_PEM</Key><Value ProtectInMemory="True">-----BEGIN PRIVATE KEY-----
AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=
-----END PRIVATE KEY-----</Value></String>
    <String><Key>KPEX_PASSKEY_RELYING_PARTY</Key><Value>webauthn.io</Value></String>
    <String><Key>KPEX_PASSKEY_USER_HANDLE</Key><Value ProtectInMemory="True">YW5u</Value></String>
   </Entry>
   <Group>
    <UUID>AAAAAAAAAAAAAAAAAAAAAQ==</UUID>
    <Name>Recycle Bin</Name>
    <Entry><UUID>AAAAAAAAAAAAAAAAAAAAAw==</UUID><String><Key>Title</Key><Value>deleted</Value></String></Entry>
   </Group>
   <Group>
    <UUID>AAAAAAAAAAAAAAAAAAAABA==</UUID>
    <Name>Family</Name>
    <Group>
     <UUID>AAAAAAAAAAAAAAAAAAAABQ==</UUID>
     <Name>Kids</Name>
     <Entry><UUID>AAAAAAAAAAAAAAAAAAAABg==</UUID><String><Key>Title</Key><Value>School</Value></String></Entry>
    </Group>
   </Group>
   <Group>
    <UUID>AAAAAAAAAAAAAAAAAAAACA==</UUID>
    <Name>Empty</Name>
   </Group>
  </Group>
 </Root>
</KeePassFile>
`;

type KeyKind = 'password' | 'keyx' | 'xmlv1' | 'raw32' | 'hex64' | 'hashed' | 'password+keyx';

/** Makes a database with keepassxc-cli import, and the key it opens with. */
function importedByKeePassXc(kind: KeyKind): {
  file: string;
  password?: string;
  keyFile?: Uint8Array;
} {
  const xml = path.join(dir, 'in.xml');
  fs.writeFileSync(xml, KEEPASS_XML);
  const file = path.join(dir, `kpxc-${kind}.kdbx`);
  fs.rmSync(file, { force: true });
  const keyPath = path.join(dir, `key-${kind}`);
  fs.rmSync(keyPath, { force: true });
  const args = ['import', '-q', '-t', '100'];
  const withPassword = kind === 'password' || kind === 'password+keyx';
  if (withPassword) args.push('-p');
  if (kind !== 'password') {
    // KeePassXC makes an XML key file (v2) where none exists, and uses any other file it finds.
    if (kind === 'raw32') fs.writeFileSync(keyPath, Buffer.alloc(32, 7));
    // KeePass 2.x's first XML key file: the key as base64.
    if (kind === 'xmlv1') {
      fs.writeFileSync(
        keyPath,
        `<?xml version="1.0" encoding="utf-8"?>\n<KeyFile><Meta><Version>1.00</Version></Meta><Key><Data>${Buffer.alloc(32, 3).toString('base64')}</Data></Key></KeyFile>\n`,
      );
    }
    if (kind === 'hex64') fs.writeFileSync(keyPath, 'ab'.repeat(32));
    if (kind === 'hashed') fs.writeFileSync(keyPath, 'any file at all can be a key\n'.repeat(5));
    args.push('--set-key-file', keyPath);
  }
  args.push(xml, file);
  cli(args, withPassword ? 'kpxc-pass\nkpxc-pass\n' : '');
  return {
    file,
    ...(withPassword ? { password: 'kpxc-pass' } : {}),
    ...(kind !== 'password' ? { keyFile: new Uint8Array(fs.readFileSync(keyPath)) } : {}),
  };
}

function context() {
  let n = 0;
  return { newId: () => `id-${n++}`, now: '2026-01-01T00:00:00.000Z' };
}

describe('KeePassXC → Coffer', () => {
  it.each(['password', 'keyx', 'xmlv1', 'raw32', 'hex64', 'hashed', 'password+keyx'] as const)(
    'reads a database keepassxc-cli imported, opened with %s, without loss',
    async (kind) => {
      const made = importedByKeePassXc(kind);
      const bytes = new Uint8Array(fs.readFileSync(made.file));
      const { parsed, recycleBinEntries } = await readKdbx(
        bytes,
        {
          ...(made.password && { password: made.password }),
          ...(made.keyFile && { keyFile: made.keyFile }),
        },
        context(),
      );
      expect(recycleBinEntries).toBe(1);
      expect(parsed.folders.map((f) => f.name).sort()).toEqual(['Empty', 'Family/Kids']);
      expect(parsed.items.map((i) => i.name).sort()).toEqual([
        'Mail\ttab & "quotes"',
        'Old TOTP',
        'School',
      ]);

      const mail = parsed.items.find((i) => i.name.startsWith('Mail'))!;
      expect(mail).toMatchObject({
        type: 1,
        folderId: null,
        favorite: true,
        notes: 'line1\nline2\n\nTags: work\nExpires: 2027-01-01T00:00:00.000Z',
        creationDate: '2024-01-02T03:04:05.000Z',
        revisionDate: '2024-05-06T07:08:09.000Z',
        login: {
          username: 'me@example.com',
          password: 'new-pass ü',
          uris: [
            { uri: 'https://mail.example.com', match: null },
            { uri: 'https://m.example.com', match: null },
            { uri: 'androidapp://com.example.mail', match: null },
          ],
          totp: 'otpauth://totp/Mail:me?secret=JBSWY3DPEHPK3PXP&period=30&digits=6&issuer=Mail',
          fido2Credentials: [],
        },
        // The second version changed the title only: one old password.
        passwordHistory: [{ password: 'old-pass', lastUsedDate: '2024-03-03T00:00:00.000Z' }],
      });
      // KeePassXC writes strings sorted by name.
      expect(mail.fields).toEqual([
        { name: 'Account no', value: '42', type: 0, linkedId: null },
        { name: 'PIN', value: '1234', type: 1, linkedId: null },
      ]);
      const files = parsed.attachments!.filter((a) => a.itemId === mail.id);
      expect(files.map((a) => [a.fileName, Buffer.from(a.read()).toString('base64')])).toEqual([
        ['hello.bin', 'aGVsbG8gd29ybGQAAf8='],
      ]);

      const old = parsed.items.find((i) => i.name === 'Old TOTP')!;
      expect(old).toMatchObject({
        login: {
          totp: 'steam://GEZDGNBVGY3TQOJQ',
          fido2Credentials: [
            {
              credentialId: '2f7c1b9e-6a3d-4c8e-9f10-112233445566',
              keyValue: Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64url'),
              rpId: 'webauthn.io',
              userName: 'ann',
              userHandle: 'YW5u',
            },
          ],
        },
      });
      expect(old.fields).toBeUndefined();
      const school = parsed.items.find((i) => i.name === 'School')!;
      expect(parsed.folders.find((f) => f.id === school.folderId)?.name).toBe('Family/Kids');
    },
  );

  it('reads an entry keepassxc-cli add put into a database it created', async () => {
    const file = path.join(dir, 'created.kdbx');
    const keyPath = path.join(dir, 'created.keyx');
    fs.rmSync(file, { force: true });
    fs.rmSync(keyPath, { force: true });
    cli(
      ['db-create', '-q', '-p', '--set-key-file', keyPath, '-t', '100', file],
      'db-pass\ndb-pass\n',
    );
    cli(['mkdir', '-q', '-k', keyPath, file, 'Banking'], 'db-pass\n');
    cli(
      [
        'add',
        '-q',
        '-k',
        keyPath,
        '-u',
        'ann',
        '--url',
        'https://bank.example',
        '-p',
        file,
        'Banking/Bank',
      ],
      'db-pass\nentry secret\n',
    );
    const { parsed } = await readKdbx(
      new Uint8Array(fs.readFileSync(file)),
      { password: 'db-pass', keyFile: new Uint8Array(fs.readFileSync(keyPath)) },
      context(),
    );
    expect(parsed.folders.map((f) => f.name)).toEqual(['Banking']);
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]).toMatchObject({
      name: 'Bank',
      folderId: parsed.folders[0]!.id,
      login: {
        username: 'ann',
        password: 'entry secret',
        uris: [{ uri: 'https://bank.example', match: null }],
      },
    });
  });
});

describe('other KDBX versions and KDFs', () => {
  it.each([
    { name: 'KDBX 3.1 with AES-KDF', version: 3 as const, kdf: 'Aes' as const },
    { name: 'KDBX 4 with Argon2d', version: 4 as const, kdf: 'Argon2d' as const },
    { name: 'KDBX 4 with AES-KDF', version: 4 as const, kdf: 'Aes' as const },
  ])('reads $name, which KeePassXC opens too', async ({ version, kdf }) => {
    const { kdbxLibrary } = await import('@/src/formats/kdbx/kdbx-library');
    const kdbxweb = kdbxLibrary();
    const db = kdbxweb.Kdbx.create(
      new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString('v-pass')),
      'versions',
    );
    db.setVersion(version);
    if (version === 4) db.setKdf(kdbxweb.Consts.KdfId[kdf]);
    const entry = db.createEntry(db.createGroup(db.getDefaultGroup(), 'Work'));
    entry.fields.set('Title', 'Server');
    entry.fields.set('UserName', 'root');
    entry.fields.set('Password', kdbxweb.ProtectedValue.fromString('s3cret\ttab'));
    const file = path.join(dir, `v${version}-${kdf}.kdbx`);
    fs.writeFileSync(file, Buffer.from(await db.save()));
    const shown = cli(['show', '-q', '-s', file, 'Work/Server'], 'v-pass\n').toString();
    expect(shown).toContain('Password: s3cret\ttab');
    const { parsed } = await readKdbx(
      new Uint8Array(fs.readFileSync(file)),
      { password: 'v-pass' },
      context(),
    );
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]).toMatchObject({
      name: 'Server',
      login: { username: 'root', password: 's3cret\ttab' },
    });
  });
});
