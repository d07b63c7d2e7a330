import { describe, expect, it } from 'vitest';
import { decodeBase32 } from '@/src/vault/base32';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('decodeBase32', () => {
  // RFC 4648 §10.
  it.each([
    ['', ''],
    ['MY======', 'f'],
    ['MZXQ====', 'fo'],
    ['MZXW6===', 'foo'],
    ['MZXW6YQ=', 'foob'],
    ['MZXW6YTB', 'fooba'],
    ['MZXW6YTBOI======', 'foobar'],
  ])('decodes the RFC 4648 vector %j', (encoded, plain) => {
    expect(decodeBase32(encoded)).toEqual({ ok: true, bytes: ascii(plain) });
  });

  it('reads lower case, spaces between groups and missing padding alike', () => {
    const expected = { ok: true, bytes: ascii('foobar') };
    expect(decodeBase32('mzxw6ytboi')).toEqual(expected);
    expect(decodeBase32('MZXW 6YTB OI')).toEqual(expected);
    expect(decodeBase32(' mzxw\t6ytb\noi== ')).toEqual(expected);
  });

  it('drops trailing bits that do not fill a byte', () => {
    // 3 characters = 15 bits: one byte, as Bitwarden's decoder reads it too.
    expect(decodeBase32('MZX')).toEqual({ ok: true, bytes: ascii('f') });
  });

  it.each([
    ['a digit base32 leaves out', 'MZXW1YTB', '1'],
    ['a 0 typed for an O', 'MZXW60TB', '0'],
    ['punctuation', 'MZXW-6YTB', '-'],
    ['padding in the middle', 'MY==MZXQ', '='],
    ['a letter outside ASCII', 'MZXWÄYTB', 'Ä'],
  ])('refuses %s, naming the character', (_what, encoded, character) => {
    expect(decodeBase32(encoded)).toEqual({ ok: false, character });
  });
});
