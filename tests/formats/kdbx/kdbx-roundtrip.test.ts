/**
 * A `.kdbx` Coffer writes, read back by Coffer's own reader: every item as docs/kdbx-mapping.md
 * says (kdbx-vault.ts afterKdbx), folders as groups, attachments as binaries. KeePassXC's view of
 * the same file is kdbx-keepassxc.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { RECORD_KEYS } from '@/src/formats/kdbx/kdbx-fields';
import { readKdbx } from '@/src/formats/kdbx/kdbx-read';
import { startKdbxDatabase, uniqueKey } from '@/src/formats/kdbx/kdbx-write';
import { totpFromKeePass, totpToOtpUri } from '@/src/formats/kdbx/kdbx-totp';
import { passkeyFromKeePassXc, passkeyToKeePassXc } from '@/src/formats/kdbx/kdbx-passkey';
import { RECORD_FIELDS } from '@/src/vault/item';
import { afterKdbx, kdbxVault } from './kdbx-vault';

const FAST_ARGON2 = { iterations: 1, memoryMiB: 1, parallelism: 1 };

function context() {
  let n = 0;
  return { newId: () => `new-${n++}`, now: '2026-01-01T00:00:00.000Z' };
}

async function writeVault(cipher: 'aes256' | 'chacha20' = 'aes256') {
  const vault = kdbxVault();
  const db = startKdbxDatabase({ filePassword: 'file-pass-1', argon2: FAST_ARGON2, cipher });
  db.addFolders(vault.folders);
  db.addItems(vault.items);
  for (const a of vault.attachments) await db.addAttachment(a.itemId, a.fileName, a.content);
  return { vault, bytes: await db.save() };
}

describe('.kdbx written and read by Coffer', () => {
  it.each(['aes256', 'chacha20'] as const)(
    'keeps every item as the mapping says (%s)',
    async (cipher) => {
      const { vault, bytes } = await writeVault(cipher);
      const { parsed, recycleBinEntries } = await readKdbx(
        bytes,
        { password: 'file-pass-1' },
        context(),
      );
      expect(recycleBinEntries).toBe(0);
      expect(parsed.items).toHaveLength(vault.items.length);
      const folderName = new Map(parsed.folders.map((f) => [f.id, f.name]));
      expect([...folderName.values()].sort()).toEqual(vault.folders.map((f) => f.name).sort());
      const vaultFolder = new Map(vault.folders.map((f) => [f.id, f.name]));
      for (const item of vault.items) {
        const back = parsed.items.find((i) => i.name === item.name && i.type === item.type);
        expect(back, item.name).toBeDefined();
        const { id: _id, folderId, ...rest } = back!;
        expect(rest, item.name).toEqual(afterKdbx(item));
        expect(folderId === null ? null : folderName.get(folderId)).toBe(
          item.folderId === null ? null : (vaultFolder.get(item.folderId) ?? null),
        );
      }
      const first = parsed.items.find(
        (i) => i.name === vault.items.find((v) => v.type === 1)!.name,
      )!;
      const files = parsed.attachments!.filter((a) => a.itemId === first.id);
      expect(files.map((a) => [a.fileName, [...a.read()]])).toEqual(
        vault.attachments.map((a) => [a.fileName, [...a.content]]),
      );
    },
  );

  it('names every field of every record kind', () => {
    for (const [kind, fields] of Object.entries(RECORD_FIELDS)) {
      expect(Object.keys(RECORD_KEYS[kind as keyof typeof RECORD_KEYS]).sort()).toEqual(
        [...fields].sort(),
      );
    }
  });

  it('gives a custom field another name where the mapping reads its own', () => {
    const keys = new Set(['UserName', 'dup']);
    expect(uniqueKey('dup', (k) => keys.has(k))).toBe('dup (2)');
    expect(uniqueKey('fresh', (k) => keys.has(k))).toBe('fresh');
  });
});

describe('TOTP between Coffer and KeePassXC', () => {
  it('writes a bare key and a Steam key as otpauth:// URIs KeePassXC reads', () => {
    expect(totpToOtpUri('jbsw y3dp ehpk 3pxp', 'Mail', 'me@x')).toBe(
      'otpauth://totp/Mail:me%40x?secret=JBSWY3DPEHPK3PXP&period=30&digits=6&issuer=Mail',
    );
    expect(totpToOtpUri('steam://ABCDEF', 'Steam', null)).toBe(
      'otpauth://totp/Steam?secret=ABCDEF&period=30&digits=5&issuer=Steam&encoder=steam',
    );
    const uri = 'otpauth://totp/x?secret=AAAA&algorithm=SHA256';
    expect(totpToOtpUri(uri, 'x', null)).toBe(uri);
  });

  it("reads KeePassXC's otp and its older TOTP Seed / TOTP Settings", () => {
    expect(
      totpFromKeePass(
        'otpauth://totp/S?secret=ABC&encoder=steam&digits=5',
        undefined,
        undefined,
        'S',
      ),
    ).toBe('steam://ABC');
    expect(totpFromKeePass(undefined, 'JBSW Y3DP', '30;6', 'T')).toBe('JBSWY3DP');
    expect(totpFromKeePass(undefined, 'JBSWY3DP', undefined, 'T')).toBe('JBSWY3DP');
    expect(totpFromKeePass(undefined, 'JBSWY3DP', '30;S', 'T')).toBe('steam://JBSWY3DP');
    expect(totpFromKeePass(undefined, 'JBSWY3DP', '60;8', 'My site')).toBe(
      'otpauth://totp/My%20site?secret=JBSWY3DP&period=60&digits=8',
    );
    expect(totpFromKeePass(undefined, undefined, undefined, 'T')).toBeNull();
  });
});

describe('passkeys between Bitwarden and KeePassXC', () => {
  it('turns a GUID id into base64url and PKCS #8 into PEM, and back', () => {
    const keyValue = Buffer.from(Array.from({ length: 138 }, (_, i) => i)).toString('base64url');
    const kp = passkeyToKeePassXc({
      credentialId: '2f7c1b9e-6a3d-4c8e-9f10-112233445566',
      keyType: 'public-key',
      keyAlgorithm: 'ECDSA',
      keyCurve: 'P-256',
      keyValue,
      rpId: 'example.com',
      userHandle: 'aGFuZGxl',
      userName: 'ann',
      counter: '0',
      rpName: 'example.com',
      userDisplayName: 'ann',
      discoverable: 'true',
      creationDate: null,
    });
    expect(kp.credentialId).toBe(
      Buffer.from('2f7c1b9e6a3d4c8e9f10112233445566', 'hex').toString('base64url'),
    );
    expect(kp.privateKeyPem).toMatch(
      /^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PRIVATE KEY-----$/,
    );
    expect(
      kp
        .privateKeyPem!.split('\n')
        .slice(1, -1)
        .every((l) => l.length <= 64),
    ).toBe(true);
    const back = passkeyFromKeePassXc(kp, '2024-01-01T00:00:00.000Z');
    expect(back.credentialId).toBe('2f7c1b9e-6a3d-4c8e-9f10-112233445566');
    expect(back.keyValue).toBe(keyValue);
  });

  it('keeps an id that is not 16 bytes with the b64. prefix, and values in neither form as they are', () => {
    const id = Buffer.from('a longer credential id').toString('base64url');
    const back = passkeyFromKeePassXc(
      {
        userName: 'u',
        credentialId: id,
        privateKeyPem: 'not a pem',
        relyingParty: 'r',
        userHandle: null,
      },
      '2024-01-01T00:00:00.000Z',
    );
    expect(back.credentialId).toBe(`b64.${id}`);
    expect(back.keyValue).toBe('not a pem');
    expect(passkeyToKeePassXc({ ...back, keyValue: 'key-1' }).credentialId).toBe(id);
    expect(passkeyToKeePassXc({ ...back, keyValue: 'key-1' }).privateKeyPem).toBe('key-1');
  });
});
