/**
 * Tampered and malformed EncStrings: every change to a valid one gives the one generic decryption
 * error; inputs that are not EncStrings at all give a coded error and nothing else.
 */
import { describe, expect, it } from 'vitest';
import {
  decryptString,
  decryptStringBatch,
  encryptBytes,
  encryptString,
  encryptStringBatch,
} from '@/src/crypto/aes-cbc-hmac';
import { fromBase64, toBase64 } from '@/src/crypto/bytes';
import { MAX_ENC_STRING_LENGTH, parseEncString } from '@/src/crypto/enc-string';
import { randomBytes } from '@/src/crypto/random';
import { importSymmetricKey } from '@/src/crypto/symmetric-key';
import { randomText } from '../helpers/random-text';

const GENERIC = {
  code: 'ERR_DECRYPT_FAILED',
  message: 'Cannot decrypt: the key is wrong or the data was changed.',
};

async function setup() {
  const key = await importSymmetricKey(randomBytes(64));
  const text = await encryptString('a secret worth 32 bytes or more!!', key);
  const [iv, ct, mac] = text.slice(2).split('|').map(fromBase64) as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  const build = (parts: Uint8Array[]) => `2.${parts.map(toBase64).join('|')}`;
  return { key, text, iv, ct, mac, build };
}

describe('tampering gives the generic decryption error', () => {
  it('for a flipped bit in every byte of the iv, the ciphertext and the MAC', async () => {
    const { key, iv, ct, mac, build } = await setup();
    const parts = [iv, ct, mac];
    for (let part = 0; part < 3; part++) {
      for (let i = 0; i < parts[part]!.length; i++) {
        const changed = parts.map((p) => p.slice());
        changed[part]![i]! ^= 0x01;
        await expect(decryptString(build(changed), key)).rejects.toMatchObject(GENERIC);
      }
    }
  });

  it('for a truncated string, at every length', async () => {
    const { key, text } = await setup();
    for (let length = 0; length < text.length; length++) {
      await expect(decryptString(text.slice(0, length), key)).rejects.toMatchObject(GENERIC);
    }
  });

  it('for a ciphertext shortened by whole blocks, with the MAC kept', async () => {
    const { key, iv, ct, mac, build } = await setup();
    await expect(decryptString(build([iv, ct.slice(16), mac]), key)).rejects.toMatchObject(GENERIC);
    await expect(decryptString(build([iv, ct.slice(0, 16), mac]), key)).rejects.toMatchObject(
      GENERIC,
    );
  });

  it('for parts swapped between two EncStrings under the same key', async () => {
    const a = await setup();
    const other = await encryptString('another secret of the same size!!', a.key);
    const [iv2, ct2, mac2] = other.slice(2).split('|').map(fromBase64) as Uint8Array[];
    for (const parts of [
      [iv2!, a.ct, a.mac],
      [a.iv, ct2!, a.mac],
      [a.iv, a.ct, mac2!],
      [a.iv, ct2!, mac2!],
    ]) {
      await expect(decryptString(a.build(parts), a.key)).rejects.toMatchObject(GENERIC);
    }
  });

  it('for the right string under a wrong key', async () => {
    const { text } = await setup();
    const wrong = await importSymmetricKey(randomBytes(64));
    await expect(decryptString(text, wrong)).rejects.toMatchObject(GENERIC);
  });

  it('for a valid MAC over bytes that are not UTF-8', async () => {
    const keyBytes = randomBytes(64);
    const key = await importSymmetricKey(keyBytes);
    const iv = randomBytes(16);
    const aes = await crypto.subtle.importKey('raw', keyBytes.slice(0, 32), 'AES-CBC', false, [
      'encrypt',
    ]);
    const ct = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, aes, new Uint8Array([0xff, 0xfe])),
    );
    const hmac = await crypto.subtle.importKey(
      'raw',
      keyBytes.slice(32),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const mac = new Uint8Array(
      await crypto.subtle.sign('HMAC', hmac, new Uint8Array([...iv, ...ct])),
    );
    await expect(
      decryptString(`2.${toBase64(iv)}|${toBase64(ct)}|${toBase64(mac)}`, key),
    ).rejects.toMatchObject(GENERIC);
  });
});

describe('malformed input gives a coded error', () => {
  const iv = toBase64(new Uint8Array(16));
  const ct = toBase64(new Uint8Array(32));
  const mac = toBase64(new Uint8Array(32));

  it.each([
    ['an empty string', ''],
    ['no type prefix', `${iv}|${ct}|${mac}`],
    ['a non-numeric type', `x.${iv}|${ct}|${mac}`],
    ['an unknown type 9', `9.${iv}|${ct}|${mac}`],
    ['an unknown type 8 with one part', '8.ABC'],
    ['a negative type', `-2.${iv}|${ct}|${mac}`],
    ['type 2 with two parts', `2.${iv}|${ct}`],
    ['type 2 with four parts', `2.${iv}|${ct}|${mac}|${mac}`],
    ['bad base64 in the iv', `2.!!!!${iv.slice(4)}|${ct}|${mac}`],
    ['a 15-byte iv', `2.${toBase64(new Uint8Array(15))}|${ct}|${mac}`],
    ['a 31-byte MAC', `2.${iv}|${ct}|${toBase64(new Uint8Array(31))}`],
    ['an empty ciphertext', `2.${iv}||${mac}`],
    ['a ciphertext that is not whole blocks', `2.${iv}|${toBase64(new Uint8Array(17))}|${mac}`],
    ['spaces around the parts', `2. ${iv}|${ct}|${mac}`],
  ])('parsing %s gives ERR_ENC_STRING_MALFORMED', (_name, text) => {
    expect(() => parseEncString(text)).toThrowError(
      expect.objectContaining({ code: 'ERR_ENC_STRING_MALFORMED' }),
    );
  });

  it('a huge string is refused before any decoding', () => {
    const huge = `2.${iv}|${'A'.repeat(MAX_ENC_STRING_LENGTH)}|${mac}`;
    expect(() => parseEncString(huge)).toThrowError(
      expect.objectContaining({ code: 'ERR_ENC_STRING_MALFORMED' }),
    );
  });

  it.each([
    ['0', `0.${iv}|${ct}`],
    ['1', `1.${iv}|${ct}|${mac}`],
    ['4', '4.c29tZSBSU0E='],
    ['7', '7.o2EBAwRYGCAgICAgICAgICAgICAgICAgICAgICAgICA='],
  ])('type %s is refused as unsupported, with its own message', async (_type, text) => {
    const key = await importSymmetricKey(randomBytes(64));
    const error = await decryptString(text, key).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_ENC_STRING_UNSUPPORTED' });
    expect((error as Error).message).toMatch(/type \d/);
  });

  it('non-string input is refused', () => {
    expect(() => parseEncString(42 as unknown as string)).toThrowError(
      expect.objectContaining({ code: 'ERR_ENC_STRING_MALFORMED' }),
    );
  });
});

describe('large values', () => {
  it('a flipped byte in a 2 MiB ciphertext gives the generic error too', async () => {
    const key = await importSymmetricKey(randomBytes(64));
    const text = await encryptString('z'.repeat(2 * 1024 * 1024), key);
    const [iv, ct, mac] = text.slice(2).split('|') as [string, string, string];
    const bytes = fromBase64(ct);
    bytes[1_000_000]! ^= 1;
    await expect(decryptString(`2.${iv}|${toBase64(bytes)}|${mac}`, key)).rejects.toMatchObject(
      GENERIC,
    );
    await expect(decryptString(text, key)).resolves.toHaveLength(2 * 1024 * 1024);
  });
});

describe('a batch decoded to text in one piece (short-lived texts)', () => {
  /** Random text of every UTF-8 width and byte-order marks; no lone surrogate (none survives encoding). */
  const textWithMarks = (length: number, seed: number) =>
    randomText(length, seed, [() => '\uFEFF']);

  it('gives every text as decoding each alone does, across chunks', async () => {
    const key = await importSymmetricKey(randomBytes(64));
    // More than one chunk of fields (4,096), empty ones and a byte-order mark at the start.
    const plains = [
      '\uFEFFleading mark',
      '',
      ...Array.from({ length: 5000 }, (_, i) => textWithMarks(i % 40, i + 1)),
      '',
    ];
    const texts = await encryptStringBatch(plains, key);
    expect(await decryptStringBatch(texts, key, true)).toEqual(plains);
    expect(await decryptStringBatch(texts, key, false)).toEqual(plains);
  });

  it('names the first field that is not UTF-8, even where two broken ones make one whole', async () => {
    const key = await importSymmetricKey(randomBytes(64));
    const [good, other] = await encryptStringBatch(['fine', 'also fine'], key);
    // "é" is C3 A9: split across two fields, each is broken, and together they decode.
    const head = await encryptBytes(new Uint8Array([0x61, 0xc3]), key);
    const tail = await encryptBytes(new Uint8Array([0xa9, 0x62]), key);
    const alone = await encryptBytes(new Uint8Array([0x61, 0xff]), key);
    for (const [texts, index] of [
      [[good!, head, tail, other!], 1],
      [[good!, other!, tail], 2],
      [[head, good!], 0],
      [[good!, alone, other!], 1],
      [[good!, other!, head], 2],
    ] as const) {
      for (const shortLived of [true, false]) {
        await expect(decryptStringBatch([...texts], key, shortLived)).rejects.toMatchObject({
          ...GENERIC,
          index,
        });
      }
    }
  });
});
