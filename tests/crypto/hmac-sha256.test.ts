/** hmac-sha256.ts against RFC 4231's vectors, node:crypto and noble-hashes. */
import { createHmac, randomBytes } from 'node:crypto';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { hmacSha256 } from '@/src/crypto/hmac-sha256';
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
