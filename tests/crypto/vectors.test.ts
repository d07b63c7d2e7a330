/** Values from the unit tests of Bitwarden's SDK and clients (tests/fixtures/vectors). */
import { describe, expect, it } from 'vitest';
import { decryptString, encryptString } from '@/src/crypto/aes-cbc-hmac';
import { hashMasterPassword } from '@/src/crypto/account-keys';
import { fromBase64, toBase64, utf8 } from '@/src/crypto/bytes';
import { parseEncString } from '@/src/crypto/enc-string';
import { deriveKdfMaterial, deriveMasterKey } from '@/src/crypto/kdf';
import { hkdfExpand, stretchKey } from '@/src/crypto/stretch';
import { importSymmetricKey } from '@/src/crypto/symmetric-key';
import { readVectors } from '../helpers/fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any -- the vector file is loosely typed JSON */
const vectors = readVectors() as any;
const bytes = (list: number[]) => new Uint8Array(list);
const b64 = (list: number[]) => Buffer.from(list).toString('base64');

describe('PBKDF2 master keys', () => {
  const [sdkVector, pureCryptoVector, webCryptoVectors] = vectors.pbkdf2_master_key;

  it('derives the SDK master key (10,000 iterations)', async () => {
    const key = await deriveMasterKey(sdkVector.password, sdkVector.email_salt, {
      type: 'pbkdf2',
      iterations: sdkVector.iterations,
    });
    expect(toBase64(key)).toBe(b64(sdkVector.output_bytes));
  });

  it('derives PureCrypto.derive_kdf_material output (600,000 iterations)', async () => {
    const key = await deriveKdfMaterial(
      utf8(pureCryptoVector.password),
      utf8(pureCryptoVector.salt),
      {
        type: 'pbkdf2',
        iterations: pureCryptoVector.iterations,
      },
    );
    expect(toBase64(key)).toBe(b64(pureCryptoVector.output_bytes));
  });

  it('matches the web clients for non-ASCII passwords and salts', async () => {
    for (const c of webCryptoVectors.cases) {
      const key = await deriveKdfMaterial(utf8(c.password), utf8(c.salt), {
        type: 'pbkdf2',
        iterations: webCryptoVectors.iterations,
      });
      expect(toBase64(key)).toBe(c.output_b64);
    }
  });
});

describe('Argon2id master keys', () => {
  it.each(vectors.argon2id_master_key.map((v: any) => [v.source, v]) as [string, any][])(
    '%s',
    async (_source, v) => {
      const kdf = {
        type: 'argon2id',
        iterations: v.iterations,
        memoryMiB: v.memory_mib,
        parallelism: v.parallelism,
      } as const;
      const key = v.email_salt
        ? await deriveMasterKey(v.password, v.email_salt, kdf)
        : await deriveKdfMaterial(utf8(v.password), utf8(v.salt), kdf);
      expect(toBase64(key)).toBe(b64(v.output_bytes));
    },
  );
});

describe('master password hash', () => {
  it('hashes with PBKDF2 and normalizes the email salt', async () => {
    const v = vectors.master_password_hash[0];
    for (const email of v.email_salts_all_equivalent) {
      const masterKey = await deriveMasterKey(v.password, email, {
        type: 'pbkdf2',
        iterations: v.kdf.pbkdf2_iterations,
      });
      expect(toBase64(masterKey)).toBe(v.masterKey_b64_computed_by_research);
      expect(await hashMasterPassword(masterKey, v.password, 1)).toBe(v.hash_b64);
    }
  });

  it('hashes with Argon2id', async () => {
    const v = vectors.master_password_hash[1];
    const a = v.kdf.argon2id;
    const masterKey = await deriveMasterKey(v.password, v.email_salt, {
      type: 'argon2id',
      iterations: a.iterations,
      memoryMiB: a.memory_mib,
      parallelism: a.parallelism,
    });
    expect(toBase64(masterKey)).toBe(v.masterKey_b64_computed_by_research);
    expect(await hashMasterPassword(masterKey, v.password, 1)).toBe(v.hash_b64);
  });
});

describe('HKDF', () => {
  it('stretches a master key into the enc and mac halves', async () => {
    const v = vectors.stretch_key_hkdf[0];
    const stretched = await stretchKey(bytes(v.input_bytes));
    expect([...stretched.slice(0, 32)]).toEqual(v.enc_bytes);
    expect([...stretched.slice(32)]).toEqual(v.mac_bytes);
  });

  it('expands to 32 and 64 bytes', async () => {
    const [sdk, web] = vectors.hkdf_expand;
    expect([...(await hkdfExpand(bytes(sdk.prk_bytes), sdk.info, sdk.length))]).toEqual(
      sdk.output_bytes,
    );
    for (const c of web.cases) {
      expect(toBase64(await hkdfExpand(fromBase64(web.prk_b64), web.info, c.length))).toBe(
        c.output_b64,
      );
    }
  });
});

describe('AES-256-CBC-HMAC-SHA256 EncStrings', () => {
  const sequentialKey = bytes(Array.from({ length: 64 }, (_, i) => i));

  it('decrypts the SDK test vector', async () => {
    const v = vectors.aes256_cbc_hmac_sha256[0];
    const key = await importSymmetricKey(sequentialKey);
    expect(await decryptString(v.as_encstring_computed_by_research, key)).toBe(v.plaintext);
    const parsed = parseEncString(v.as_encstring_computed_by_research);
    expect([...parsed.iv]).toEqual(v.iv_bytes);
    expect([...parsed.ct]).toEqual(v.ciphertext_bytes);
    expect([...parsed.mac]).toEqual(v.mac_bytes);
  });

  it('decrypts every other SDK EncString vector with its key', async () => {
    for (const v of vectors.aes256_cbc_hmac_sha256.slice(2)) {
      if (!v.encstring || !Array.isArray(v.key64_bytes)) continue;
      const key = await importSymmetricKey(bytes(v.key64_bytes));
      expect(await decryptString(v.encstring, key)).toBe(v.plaintext);
    }
  });

  it('parses the SDK layout vector', () => {
    const v = vectors.encstring_parsing[0];
    const parsed = parseEncString(v.encstring);
    expect([2, ...parsed.iv, ...parsed.mac, ...parsed.ct]).toEqual(v.buffer_bytes);
  });

  it('refuses a type-0 string even with a valid key (downgrade prevention)', async () => {
    const v = vectors.encstring_parsing[2];
    const key = await importSymmetricKey(fromBase64(v.key_b64));
    await expect(decryptString(v.encstring, key)).rejects.toMatchObject({
      code: 'ERR_ENC_STRING_UNSUPPORTED',
    });
  });

  it('refuses an unknown type 8', () => {
    expect(() => parseEncString(vectors.encstring_parsing[1].encstring)).toThrowError(
      expect.objectContaining({ code: 'ERR_ENC_STRING_MALFORMED' }),
    );
  });

  it('decrypts the deterministic-encryption vectors once MAC-ed (fixed IV, known ciphertext)', async () => {
    const deterministic = vectors.aes256_cbc_hmac_sha256[1];
    const webClient = vectors.aes256_cbc_hmac_sha256[3];
    const cases = [
      { iv: bytes(deterministic.iv_bytes), ct: bytes(deterministic.ciphertext_bytes) },
      { iv: sequentialKey.slice(0, 16), ct: fromBase64(webClient.ciphertext_b64) },
    ];
    const key = await importSymmetricKey(sequentialKey);
    const macKey = await crypto.subtle.importKey(
      'raw',
      sequentialKey.slice(32),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    for (const { iv, ct } of cases) {
      const mac = new Uint8Array(
        await crypto.subtle.sign('HMAC', macKey, new Uint8Array([...iv, ...ct])),
      );
      const text = `2.${toBase64(iv)}|${toBase64(ct)}|${toBase64(mac)}`;
      expect(await decryptString(text, key)).toBe('EncryptMe!');
    }
  });

  it('encrypts what it decrypts', async () => {
    const key = await importSymmetricKey(sequentialKey);
    expect(await decryptString(await encryptString('EncryptMe!', key), key)).toBe('EncryptMe!');
  });
});
