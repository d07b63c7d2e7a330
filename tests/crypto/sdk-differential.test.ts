/**
 * Differential tests against Bitwarden's own crypto (@bitwarden/sdk-internal's PureCrypto): what
 * Coffer encrypts the SDK decrypts and the reverse, and both derive the same keys.
 */
import { describe, expect, it } from 'vitest';
import {
  decryptBytes,
  decryptString,
  decryptStringBatch,
  encryptBytes,
  encryptString,
  encryptStringBatch,
  reencryptBatch,
} from '@/src/crypto/aes-cbc-hmac';
import {
  deriveStretchedMasterKey,
  makeUserKey,
  protectUserKey,
  unprotectUserKey,
} from '@/src/crypto/account-keys';
import { deriveKdfMaterial } from '@/src/crypto/kdf';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { randomBytes } from '@/src/crypto/random';
import { randomInt } from '@/src/vault/password-generator';
import { importSymmetricKey } from '@/src/crypto/symmetric-key';
import { PureCrypto, toSdkKdf } from '../helpers/sdk';

/** One character from each Unicode plane that has assigned characters (0, 1, 2, 3, 14, 15, 16). */
const PLANES = 'A é Ж 中 \u{1F600} \u{1D11E} \u{20000} \u{30000} \u{E0041} \u{F0000} \u{10FFFD}';

function randomText(codePoints: number): string {
  const out: string[] = [];
  while (out.length < codePoints) {
    const cp = randomInt(0x110000);
    if (cp >= 0xd800 && cp <= 0xdfff) continue; // surrogates are not characters
    out.push(String.fromCodePoint(cp));
  }
  return out.join('');
}

const SAMPLES: [string, string][] = [
  ['empty', ''],
  ['1 byte', 'x'],
  ['15 bytes', 'a'.repeat(15)],
  ['16 bytes', 'b'.repeat(16)],
  ['17 bytes', 'c'.repeat(17)],
  ['every Unicode plane', PLANES],
  ['random code points from all planes', randomText(2000)],
  ['1 MiB', 'd'.repeat(1024 * 1024)],
];

describe('EncString interoperability with the SDK', () => {
  it.each(SAMPLES)('%s: Coffer encrypts, the SDK decrypts', async (_name, text) => {
    const keyBytes = randomBytes(64);
    const key = await importSymmetricKey(keyBytes);
    const encrypted = await encryptString(text, key);
    expect(PureCrypto.symmetric_decrypt_string(encrypted, keyBytes)).toBe(text);
  });

  it.each(SAMPLES)('%s: the SDK encrypts, Coffer decrypts', async (_name, text) => {
    const keyBytes = PureCrypto.make_user_key_aes256_cbc_hmac();
    const encrypted = PureCrypto.symmetric_encrypt_string(text, keyBytes);
    expect(await decryptString(encrypted, await importSymmetricKey(keyBytes))).toBe(text);
  });

  it('round-trips random bytes both ways for 50 random keys', async () => {
    for (let i = 0; i < 50; i++) {
      const keyBytes = randomBytes(64);
      const key = await importSymmetricKey(keyBytes);
      const data = randomBytes(randomInt(300));
      const ours = await encryptBytes(data, key);
      expect([...PureCrypto.symmetric_decrypt_bytes(ours, keyBytes)]).toEqual([...data]);
      const theirs = PureCrypto.symmetric_encrypt_bytes(data, keyBytes);
      expect([...(await decryptBytes(theirs, key))]).toEqual([...data]);
    }
  });

  it('fails in the SDK too when Coffer decrypts with the wrong key', async () => {
    const keyBytes = randomBytes(64);
    const other = randomBytes(64);
    const encrypted = await encryptString('secret', await importSymmetricKey(keyBytes));
    expect(() => PureCrypto.symmetric_decrypt_string(encrypted, other)).toThrow();
    await expect(decryptString(encrypted, await importSymmetricKey(other))).rejects.toMatchObject({
      code: 'ERR_DECRYPT_FAILED',
    });
  });
});

describe('KDFs equal PureCrypto.derive_kdf_material', () => {
  it('PBKDF2 for random passwords, salts and iteration counts', async () => {
    for (let i = 0; i < 8; i++) {
      const password = randomBytes(1 + randomInt(64));
      const salt = randomBytes(1 + randomInt(64));
      const kdf: KdfConfig = { type: 'pbkdf2', iterations: 5000 + randomInt(20_000) };
      const ours = await deriveKdfMaterial(password, salt, kdf);
      expect([...ours]).toEqual([...PureCrypto.derive_kdf_material(password, salt, toSdkKdf(kdf))]);
    }
  });

  it('Argon2id for random passwords, salts and parameters', async () => {
    for (let i = 0; i < 4; i++) {
      const password = randomBytes(1 + randomInt(64));
      const salt = randomBytes(1 + randomInt(64));
      const kdf: KdfConfig = {
        type: 'argon2id',
        iterations: 2 + randomInt(2),
        memoryMiB: 16 + randomInt(17),
        parallelism: 1 + randomInt(4),
      };
      const ours = await deriveKdfMaterial(password, salt, kdf);
      expect([...ours]).toEqual([...PureCrypto.derive_kdf_material(password, salt, toSdkKdf(kdf))]);
    }
  });

  it('the default account settings (PBKDF2 600,000 and Argon2id 3/64 MiB/4)', async () => {
    const password = randomBytes(20);
    const salt = randomBytes(24);
    for (const kdf of [
      { type: 'pbkdf2', iterations: 600_000 },
      { type: 'argon2id', iterations: 3, memoryMiB: 64, parallelism: 4 },
    ] satisfies KdfConfig[]) {
      const ours = await deriveKdfMaterial(password, salt, kdf);
      expect([...ours]).toEqual([...PureCrypto.derive_kdf_material(password, salt, toSdkKdf(kdf))]);
    }
  });
});

describe('protected user keys interoperate', () => {
  const cases: [string, KdfConfig][] = [
    ['PBKDF2', { type: 'pbkdf2', iterations: 5000 + randomInt(5000) }],
    ['Argon2id', { type: 'argon2id', iterations: 2, memoryMiB: 16, parallelism: 2 }],
  ];
  const email = ' Someone.Else@Example.COM ';

  it.each(cases)('%s: Coffer protects, the SDK unprotects', async (_name, kdf) => {
    const userKey = makeUserKey();
    const stretched = await deriveStretchedMasterKey('pässwörd 🔑', email, kdf);
    const protectedKey = await protectUserKey(userKey, stretched);
    const unwrapped = PureCrypto.decrypt_user_key_with_master_password(
      protectedKey,
      'pässwörd 🔑',
      email.trim().toLowerCase(),
      toSdkKdf(kdf),
    );
    expect([...unwrapped]).toEqual([...userKey]);
  });

  it.each(cases)('%s: the SDK protects, Coffer unprotects', async (_name, kdf) => {
    const userKey = PureCrypto.make_user_key_aes256_cbc_hmac();
    const protectedKey = PureCrypto.encrypt_user_key_with_master_password(
      userKey,
      'pässwörd 🔑',
      email.trim().toLowerCase(),
      toSdkKdf(kdf),
    );
    const stretched = await deriveStretchedMasterKey('pässwörd 🔑', email, kdf);
    expect([...(await unprotectUserKey(protectedKey, stretched))]).toEqual([...userKey]);
  });
});

describe('batches', () => {
  it('encrypt thousands of fields of mixed sizes, each decryptable alone by the SDK', async () => {
    const keyBytes = randomBytes(64);
    const key = await importSymmetricKey(keyBytes);
    const texts = Array.from({ length: 5000 }, (_, i) => randomText(i % 40));
    const encrypted = await encryptStringBatch(texts, key);
    expect(new Set(encrypted.map((e) => e.split('|')[0])).size).toBe(texts.length);
    encrypted.forEach((e, i) =>
      expect(PureCrypto.symmetric_decrypt_string(e, keyBytes)).toBe(texts[i]),
    );
  });

  it('decrypt thousands of SDK-made fields in one call', async () => {
    const keyBytes = PureCrypto.make_user_key_aes256_cbc_hmac();
    const texts = Array.from({ length: 5000 }, (_, i) => randomText(i % 40));
    const encrypted = texts.map((t) => PureCrypto.symmetric_encrypt_string(t, keyBytes));
    expect(await decryptStringBatch(encrypted, await importSymmetricKey(keyBytes))).toEqual(texts);
  });

  it('re-encrypt SDK-made fields under another key, byte for byte, each decryptable by the SDK', async () => {
    const from = PureCrypto.make_user_key_aes256_cbc_hmac();
    const to = randomBytes(64);
    // More than one chunk of 4,096 fields; an EncString of bytes that are not UTF-8 among them.
    const texts = Array.from({ length: 5000 }, (_, i) => randomText(i % 40));
    const binary = randomBytes(37);
    binary[0] = 0xff;
    const encrypted = texts.map((t) => PureCrypto.symmetric_encrypt_string(t, from));
    encrypted.push(await encryptBytes(binary, await importSymmetricKey(from)));
    const again = await reencryptBatch(
      encrypted,
      await importSymmetricKey(from),
      await importSymmetricKey(to),
    );
    expect(again).toHaveLength(encrypted.length);
    texts.forEach((t, i) => expect(PureCrypto.symmetric_decrypt_string(again[i]!, to)).toBe(t));
    expect([...PureCrypto.symmetric_decrypt_bytes(again.at(-1)!, to)]).toEqual([...binary]);
    // A field that fails, in the second chunk, is named by its index.
    const spoiled = [...encrypted];
    spoiled[4500] = await encryptString('x', await importSymmetricKey(randomBytes(64)));
    const error = await reencryptBatch(
      spoiled,
      await importSymmetricKey(from),
      await importSymmetricKey(to),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_DECRYPT_FAILED', index: 4500 });
  });

  it('name the index of the first field that fails, and return nothing', async () => {
    const keyBytes = randomBytes(64);
    const key = await importSymmetricKey(keyBytes);
    const encrypted = await encryptStringBatch(['a', 'b', 'c', 'd'], key);
    const other = await encryptString('x', await importSymmetricKey(randomBytes(64)));
    const error = await decryptStringBatch(
      [encrypted[0]!, encrypted[1]!, other, encrypted[3]!],
      key,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_DECRYPT_FAILED', index: 2 });
  });
});
