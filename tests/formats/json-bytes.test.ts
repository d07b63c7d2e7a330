/**
 * jsonListBytes writes exactly the UTF-8 of what JSON.stringify(…, null, 2) writes: the same
 * escapes, the same numbers, the same keys left out, at any depth. asciiJson writes JSON text that
 * parses back to the same value, in ASCII only.
 */
import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict } from '@/src/crypto/bytes';
import { asciiJson, jsonListBytes, type Json } from '@/src/formats/json-bytes';
import { randomText } from '../helpers/random-text';
import { mulberry32, type Random } from '../helpers/fuzz-random';

const encoder = new TextEncoder();

/** What JSON.stringify writes for `values` as the elements of an array `depth` levels deep. */
function expected(lead: string, values: readonly Json[], depth: number): Uint8Array {
  const pad = ' '.repeat(depth * 2);
  const lines = values.map((value) => {
    const text = JSON.stringify(value, null, 2) ?? 'null';
    return '\n' + pad + text.replaceAll('\n', '\n' + pad);
  });
  return encoder.encode(lead + lines.join(','));
}

const AWKWARD_STRINGS = [
  '',
  'plain ascii',
  'quote " and backslash \\',
  'controls \u0000\u0001\b\f\n\r\t\u001f and DEL \u007f',
  'Latin-1: café, ß, ÿ',
  'beyond: Ελληνικά, 日本語, עברית',
  'astral: 😀 𝄞',
  'lone surrogates: \ud800 and \udfff and \udc00\ud800 reversed',
  'line separators \u2028 \u2029',
  '</script>',
];

describe('jsonListBytes', () => {
  it('writes awkward strings, numbers and literals as JSON.stringify does', () => {
    const values: Json[] = [
      ...AWKWARD_STRINGS,
      0,
      -0,
      1.5,
      -42,
      1e21,
      1e-7,
      Number.MAX_SAFE_INTEGER,
      NaN,
      Infinity,
      true,
      false,
      null,
      [],
      {},
      [[], {}, [null]],
      { a: { b: { c: [1, 'two', { three: 3 }] } } },
    ];
    for (const depth of [0, 1, 2, 5]) {
      expect(jsonListBytes('[', values, depth)).toEqual(expected('[', values, depth));
    }
  });

  it('leaves out keys whose value is undefined, and writes undefined in an array as null', () => {
    const value = { kept: 1, dropped: undefined, alsoKept: [undefined, 2] } as unknown as Json;
    const onlyUndefined = { gone: undefined } as unknown as Json;
    expect(jsonListBytes(',', [value, onlyUndefined], 2)).toEqual(
      expected(',', [value, onlyUndefined], 2),
    );
  });

  it('escapes and encodes keys as well as values', () => {
    const value: Json = { 'key "quoted"': 1, 'clé\n': 'v', '😀': { '\ud800': [] } };
    expect(jsonListBytes('[', [value], 2)).toEqual(expected('[', [value], 2));
  });

  it('writes nothing but the lead for no values', () => {
    expect(jsonListBytes('[', [], 2)).toEqual(encoder.encode('['));
  });

  it('matches JSON.stringify on random documents, growing its buffer as it goes', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = mulberry32(seed);
      const values = Array.from({ length: random.int(6) }, () => randomJson(random, 4));
      const depth = random.int(4);
      expect(jsonListBytes('[', values, depth), `seed ${seed}`).toEqual(
        expected('[', values, depth),
      );
    }
    // One long string alone is far beyond the first guess at the buffer's size.
    const long = 'x'.repeat(50_000) + 'é'.repeat(50_000);
    expect(jsonListBytes('[', [long], 0)).toEqual(expected('[', [long], 0));
  });
});

function randomJson(random: Random, depth: number): Json {
  const kind = depth === 0 ? random.int(4) : random.int(6);
  switch (kind) {
    case 0:
      return randomString(random);
    case 1:
      return random.pick([0, -1, 3.25, 1e300, -1e-300, NaN, 123456789]);
    case 2:
      return random.pick([true, false]);
    case 3:
      return null;
    case 4:
      return Array.from({ length: random.int(4) }, () => randomJson(random, depth - 1));
    default: {
      const out: { [key: string]: Json } = {};
      for (let i = random.int(5); i > 0; i--) {
        out[randomString(random)] = randomJson(random, depth - 1);
      }
      return out;
    }
  }
}

/** Mostly ASCII, sometimes anything from a control character to a lone surrogate or emoji. */
function randomString(random: Random): string {
  let text = '';
  for (let i = random.int(40); i > 0; i--) {
    text += random.chance(0.85)
      ? String.fromCharCode(0x20 + random.int(0x5f))
      : random.pick([
          '"',
          '\\',
          '\n',
          '\u0001',
          '\u007f',
          'é',
          'Ω',
          '語',
          '😀',
          '\ud800',
          '\udc00',
        ]);
  }
  return text;
}

describe('asciiJson', () => {
  const withLoneHalves = (length: number, seed: number) =>
    randomText(length, seed, [(next) => String.fromCharCode(0xd800 + Math.floor(next() * 0x800))]);
  const ascii = (bytes: Uint8Array) => bytes.every((byte) => byte <= 0x7f);

  it('gives JSON that parses back to the same value, every unit kept, in ASCII only', () => {
    const values = [
      [],
      { name: 'plain', n: 1, nothing: null },
      ['a é 中 😀', '\uD800 x\uDC00', '\u{10FFFF}', '\u007f\u0080\u00ff\uffff', '"\\\n\t'],
      ...[1, 2, 100, 5000].map((length) =>
        [1, 2, 3].map((seed) => ({ [withLoneHalves(9, seed)]: withLoneHalves(length, seed) })),
      ),
    ];
    for (const value of values) {
      const json = JSON.stringify(value);
      const bytes = asciiJson(json);
      expect(ascii(bytes)).toBe(true);
      // Lone surrogates included: UTF-8 would have made each one U+FFFD.
      expect(JSON.parse(decodeUtf8Strict(bytes))).toEqual(value);
    }
  });

  it('is byte for byte what TextEncoder gives for JSON that is ASCII already', () => {
    const json = JSON.stringify({ rows: [['id-1', 1, 'Name', null, 'x\u0001y', 7]] });
    expect(Buffer.compare(asciiJson(json), new TextEncoder().encode(json))).toBe(0);
  });

  it('writes each unit above 0x7f as a \\u escape of exactly four lowercase hex digits', () => {
    expect(decodeUtf8Strict(asciiJson('["\u0080\u00e9\u4e2d\ud83d\ude00\uffff"]'))).toBe(
      '["\\u0080\\u00e9\\u4e2d\\ud83d\\ude00\\uffff"]',
    );
  });
});
