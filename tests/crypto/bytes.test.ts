import { describe, expect, it } from 'vitest';
import {
  concatBytes,
  constantTimeEqual,
  decodeUtf8Strict,
  encodeUtf8Into,
  fromBase64,
  toBase64,
  utf8,
  utf8Length,
} from '@/src/crypto/bytes';
import { randomBytes } from '@/src/crypto/random';
import { randomText } from '../helpers/random-text';

describe('base64', () => {
  it('encodes and decodes like Node for every length from 0 to 300 and for 1 MiB', () => {
    const lengths = [...Array.from({ length: 301 }, (_, i) => i), 1024 * 1024];
    for (const length of lengths) {
      const bytes = randomBytes(length);
      const expected = Buffer.from(bytes).toString('base64');
      expect(toBase64(bytes)).toBe(expected);
      expect(Buffer.from(fromBase64(expected)).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it.each([
    ['a length that is not a multiple of 4', 'QUJD\u0044'],
    ['missing padding', 'QUI'],
    ['a character outside the alphabet', 'QU*D'],
    ['URL-safe characters', 'ab-_'],
    ['padding in the middle', 'QQ==QUJD'],
    ['three padding characters', 'Q==='],
    ['non-zero bits after the last byte', 'QR=='],
    ['whitespace', 'QUJD\n'],
    ['non-ASCII characters', 'QUJ€'],
  ])('refuses %s', (_name, text) => {
    expect(() => fromBase64(text)).toThrowError(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
  });
});

describe('UTF-8', () => {
  it('round-trips text from every Unicode plane', () => {
    const text = 'a é 中 😀 \u{10FFFF} \u{E0001} \u{1D11E}';
    expect(decodeUtf8Strict(utf8(text))).toBe(text);
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
  ])('refuses %s', (_name, bytes) => {
    expect(() => decodeUtf8Strict(new Uint8Array(bytes))).toThrowError(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
  });

  it('encodes long text exactly as TextEncoder does, lone surrogates and every plane included', () => {
    const mixed = 'a é 中 😀 \uD800 x\uDC00 \u{10FFFF} {"k": "v"}\n';
    for (const text of [
      'x'.repeat(4096),
      mixed.repeat(200),
      // A pair split across where a shorter text would have ended, and a lone half at the end.
      `${'b'.repeat(4095)}😀${'c'.repeat(10)}\uD83D`,
      // ASCII for long, then the rest (encoded after it): at its very end, and a pair near it.
      `${'d'.repeat(9000)}é`,
      `${'e'.repeat(9000)}\u{1F600}${'f'.repeat(3)}\uDC00`,
    ]) {
      const bytes = utf8(text);
      expect(Buffer.compare(bytes, new TextEncoder().encode(text))).toBe(0);
      // Cut to size: no spare room left behind the bytes.
      expect(bytes.buffer.byteLength).toBe(bytes.length);
    }
  });

  it('keeps a leading byte-order mark as text instead of dropping it', () => {
    expect(decodeUtf8Strict(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('\uFEFFA');
  });
});

describe('byte helpers', () => {
  it('concatenates in order', () => {
    expect([
      ...concatBytes(new Uint8Array([1]), new Uint8Array([]), new Uint8Array([2, 3])),
    ]).toEqual([1, 2, 3]);
  });

  it('compares equal and unequal arrays', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });
});

describe('utf8Length', () => {
  it('counts what TextEncoder writes, for every plane and for lone surrogates', () => {
    for (const text of [
      '',
      'abc',
      'é',
      '中文',
      '😀 \u{10FFFF}',
      '\uD800',
      'a\uDC00b',
      '\uD83D',
      'x'.repeat(1000) + '€',
    ]) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});

describe('encodeUtf8Into', () => {
  /** Random text of `length` UTF-16 units, every width of UTF-8 and lone surrogates included. */
  const textWithLoneHalves = (length: number, seed: number) =>
    randomText(length, seed, [(next) => String.fromCharCode(0xd800 + Math.floor(next() * 0x800))])
      // Cut to length: a pair cut in two leaves a lone half too.
      .slice(0, length);

  it('writes what TextEncoder writes, where it is told, and answers where it ended', () => {
    const texts = [
      '',
      'plain ASCII',
      'a é 中 😀 \uD800 x\uDC00 \u{10FFFF}',
      '\uD83D',
      '\uDE00\uD83D',
      ...[1, 2, 17, 255, 256, 257, 300, 5000].flatMap((length) =>
        [1, 2, 3].map((seed) => textWithLoneHalves(length, length * 7 + seed)),
      ),
      // A pair across the length where short text stops being encoded here, and one ending
      // text just short enough to be encoded here, a lone half last.
      `${'x'.repeat(255)}😀`,
      `${'x'.repeat(254)}😀`,
      `${'x'.repeat(255)}\uD83D`,
    ];
    for (const text of texts) {
      const expected = new TextEncoder().encode(text);
      expect(utf8Length(text)).toBe(expected.length);
      const out = new Uint8Array(expected.length + 10).fill(0xaa);
      const end = encodeUtf8Into(text, out, 5);
      expect(end).toBe(5 + expected.length);
      expect(Buffer.compare(out.subarray(5, end), expected)).toBe(0);
      // Its neighbours are untouched.
      expect([...out.subarray(0, 5), ...out.subarray(end)]).toEqual(Array(10).fill(0xaa));
    }
  });
});
