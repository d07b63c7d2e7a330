/** hmac-sha256.ts against RFC 4231's vectors, node:crypto and noble-hashes. */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256Into } from '@/src/crypto/hmac-sha256';
import { sha256Base64 } from '@/src/crypto/sha256';
import { computeMacs, createMacKey } from '@/src/crypto/mac';

const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

function macOf(key: Uint8Array, data: Uint8Array): string {
  const out = new Uint8Array(32);
  hmacSha256(key).macInto(data, 0, data.length, out, 0);
  return Buffer.from(out).toString('hex');
}

/** RFC 4231 §4, HMAC-SHA-256 (test case 5 checks a truncated output, which this never makes). */
const RFC_4231 = [
  {
    name: '4.2 (short key, "Hi There")',
    key: hex('0b'.repeat(20)),
    data: ascii('Hi There'),
    mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  },
  {
    name: '4.3 (key shorter than the output)',
    key: ascii('Jefe'),
    data: ascii('what do ya want for nothing?'),
    mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
  {
    name: '4.4 (50 bytes of 0xdd)',
    key: hex('aa'.repeat(20)),
    data: hex('dd'.repeat(50)),
    mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
  },
  {
    name: '4.5 (25-byte key)',
    key: hex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
    data: hex('cd'.repeat(50)),
    mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  },
  {
    name: '4.7 (131-byte key, hashed first)',
    key: hex('aa'.repeat(131)),
    data: ascii('Test Using Larger Than Block-Size Key - Hash Key First'),
    mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    name: '4.8 (131-byte key, long data)',
    key: hex('aa'.repeat(131)),
    data: ascii(
      'This is a test using a larger than block-size key and a larger than block-size data. ' +
        'The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];

describe('HMAC-SHA256 of many short messages', () => {
  it.each(RFC_4231)('gives RFC 4231 test case $name', ({ key, data, mac }) => {
    expect(macOf(key, data)).toBe(mac);
  });

  it('agrees with node:crypto for every message length around the padding boundaries', () => {
    // 0–300 bytes crosses every way the padding can fall (55/56 and 63/64 bytes, several blocks).
    const key = randomBytes(32);
    for (let length = 0; length <= 300; length++) {
      const data = randomBytes(length);
      expect(macOf(key, data), `length ${length}`).toBe(
        createHmac('sha256', key).update(data).digest('hex'),
      );
    }
  });

  it('agrees with node:crypto for keys of every length up to two blocks', () => {
    const data = randomBytes(77);
    for (let length = 0; length <= 130; length++) {
      const key = randomBytes(length);
      expect(macOf(key, data), `key length ${length}`).toBe(
        createHmac('sha256', key).update(data).digest('hex'),
      );
    }
  });

  it('reads only its own message of a shared buffer and writes only its own 32 bytes', () => {
    const key = randomBytes(32);
    const buffer = new Uint8Array(randomBytes(200));
    const out = new Uint8Array(96).fill(0xee);
    hmacSha256(key).macInto(buffer, 17, 90, out, 32);
    expect(Buffer.from(out.subarray(32, 64)).toString('hex')).toBe(
      createHmac('sha256', key).update(buffer.subarray(17, 90)).digest('hex'),
    );
    expect(out.subarray(0, 32).every((byte) => byte === 0xee)).toBe(true);
    expect(out.subarray(64).every((byte) => byte === 0xee)).toBe(true);
  });

  it('gives the same MACs as noble-hashes for a batch laid end to end, and keys do not mix', () => {
    const keys = [randomBytes(32), randomBytes(32)];
    const lengths = Array.from({ length: 2000 }, (_, i) => (i * 37) % 400);
    const bounds = new Uint32Array(lengths.length + 1);
    lengths.forEach((length, i) => (bounds[i + 1] = bounds[i]! + length));
    const data = new Uint8Array(randomBytes(bounds[lengths.length]!));
    for (const key of keys) {
      const macs = computeMacs(key, data, bounds);
      const noble = lengths.map((_, i) =>
        Buffer.from(hmac(sha256, key, data.subarray(bounds[i], bounds[i + 1]))).toString('hex'),
      );
      expect(
        lengths.map((_, i) => Buffer.from(macs.subarray(i * 32, i * 32 + 32)).toString('hex')),
      ).toEqual(noble);
    }
    // Interleaving two keys' MACs (one shared schedule) changes neither.
    const [first, second] = keys.map((key) => createMacKey(key));
    const message = data.subarray(0, 100);
    const before = Buffer.from(first!.compute(message)).toString('hex');
    second!.compute(message);
    expect(Buffer.from(first!.compute(message)).toString('hex')).toBe(before);
  });
});

describe('SHA-256 of short messages (URI checksums)', () => {
  it('gives FIPS 180-4 examples and agrees with node:crypto for every length to 300 bytes', () => {
    const hashOf = (data: Uint8Array) => {
      const out = new Uint8Array(40).fill(0xaa);
      sha256Into(data, 0, data.length, out, 4);
      expect([...out.subarray(0, 4), ...out.subarray(36)]).toEqual(Array(8).fill(0xaa));
      return Buffer.from(out.subarray(4, 36)).toString('hex');
    };
    expect(hashOf(ascii('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hashOf(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    for (let length = 0; length <= 300; length++) {
      const data = new Uint8Array(randomBytes(length));
      expect(hashOf(data)).toBe(createHash('sha256').update(data).digest('hex'));
    }
    // A message read from the middle of a larger buffer.
    const shared = new Uint8Array(randomBytes(500));
    const out = new Uint8Array(32);
    sha256Into(shared, 100, 230, out, 0);
    expect(Buffer.from(out).toString('hex')).toBe(
      createHash('sha256').update(shared.subarray(100, 230)).digest('hex'),
    );
  });

  it('gives the base64 checksum of a URI as UTF-8, whatever the URIs before it', () => {
    const uris = [
      'https://example.com/login',
      '',
      'https://exämple.com/ü?q=中文&e=😀',
      `https://example.com/${'long/'.repeat(400)}`,
      'androidapp://com.example.app',
      'lone \uD800 half',
    ];
    for (const uri of uris) {
      expect(sha256Base64(uri)).toBe(
        createHash('sha256').update(new TextEncoder().encode(uri)).digest('base64'),
      );
    }
  });
});
