import { describe, expect, it } from 'vitest';
import { CofferError } from '@/src/errors/coffer-error';
import { parseTotpKey } from '@/src/vault/totp-key';

/** "12345678901234567890", RFC 6238's SHA-1 seed, in base32. */
const SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SEED_BYTES = new TextEncoder().encode('12345678901234567890');

const defaults = { secret: SEED_BYTES, algorithm: 'SHA1', digits: 6, period: 30, steam: false };

/** The error parseTotpKey throws for `stored`. */
function refusal(stored: string): CofferError {
  try {
    parseTotpKey(stored);
  } catch (error) {
    if (error instanceof CofferError) return error;
    throw error;
  }
  throw new Error(`accepted ${stored}`);
}

describe('parseTotpKey: bare base32', () => {
  it.each([
    ['as written', SEED],
    ['in lower case', SEED.toLowerCase()],
    ['in groups of four', 'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ'],
    ['in lower-case groups with spaces around', '  gezd gnbv gy3t qojq gezd gnbv gy3t qojq \n'],
  ])('reads a key %s, with the defaults 6 digits, 30 s, SHA1', (_how, stored) => {
    expect(parseTotpKey(stored)).toEqual(defaults);
  });

  it('reads a key whose length needs padding, with or without it', () => {
    const foobar = new TextEncoder().encode('foobar');
    expect(parseTotpKey('MZXW6YTBOI======').secret).toEqual(foobar);
    expect(parseTotpKey('MZXW6YTBOI').secret).toEqual(foobar);
    expect(parseTotpKey('mzxw 6ytb oi==').secret).toEqual(foobar);
  });
});

describe('parseTotpKey: otpauth://totp links', () => {
  const link = (query: string) => `otpauth://totp/ACME%20Co:jane@example.com?${query}`;

  it('uses the defaults when only the secret is given', () => {
    expect(parseTotpKey(link(`secret=${SEED}&issuer=ACME%20Co`))).toEqual(defaults);
  });

  it.each([
    ['digits=8', { digits: 8 }],
    ['digits=1', { digits: 1 }],
    ['digits=10', { digits: 10 }],
    ['period=60', { period: 60 }],
    ['period=1', { period: 1 }],
    ['algorithm=SHA1', { algorithm: 'SHA1' }],
    ['algorithm=SHA256', { algorithm: 'SHA256' }],
    ['algorithm=SHA512', { algorithm: 'SHA512' }],
    ['algorithm=sha512', { algorithm: 'SHA512' }],
    ['digits=8&period=60&algorithm=SHA256', { digits: 8, period: 60, algorithm: 'SHA256' }],
  ])('reads %s', (query, expected) => {
    expect(parseTotpKey(link(`secret=${SEED}&${query}`))).toEqual({ ...defaults, ...expected });
  });

  it('reads a secret in lower case, with spaces (encoded) and padding', () => {
    expect(
      parseTotpKey(link('secret=gezd%20gnbv+gy3t%20qojq+gezd%20gnbv+gy3t%20qojq')).secret,
    ).toEqual(SEED_BYTES);
    expect(parseTotpKey(link('secret=MZXW6YTBOI%3D%3D%3D%3D%3D%3D')).secret).toEqual(
      new TextEncoder().encode('foobar'),
    );
  });

  it('reads scheme, type and parameter names in any case, as Bitwarden does', () => {
    expect(parseTotpKey(`OTPAUTH://TOTP/Jane?SECRET=${SEED}&Digits=8`)).toEqual({
      ...defaults,
      digits: 8,
    });
  });

  it('needs no label', () => {
    expect(parseTotpKey(`otpauth://totp/?secret=${SEED}`)).toEqual(defaults);
    expect(parseTotpKey(`otpauth://totp?secret=${SEED}`)).toEqual(defaults);
  });
});

describe('parseTotpKey: steam://', () => {
  it('reads a base32 secret as a Steam Guard key: 5 characters, 30 s, SHA1', () => {
    expect(parseTotpKey(`steam://${SEED}`)).toEqual({ ...defaults, digits: 5, steam: true });
    expect(parseTotpKey(`Steam://${SEED.toLowerCase()}`)).toEqual({
      ...defaults,
      digits: 5,
      steam: true,
    });
  });
});

describe('parseTotpKey refuses what would give wrong codes, saying why', () => {
  it.each([
    ['an empty key', '', 'errTotpEmpty', []],
    ['spaces only', '   ', 'errTotpEmpty', []],
    ['a single character (no whole byte)', 'A', 'errTotpEmpty', []],
    ['a key with a 1 in it', 'GEZDGNBVGY3TQOJ1', 'errTotpNotBase32', ['1']],
    ['a key with punctuation', 'GEZD-GNBV', 'errTotpNotBase32', ['-']],
    ['an https address', 'https://example.com/2fa', 'errTotpScheme', ['https']],
    [
      'a counter-based link',
      `otpauth://hotp/Jane?secret=${SEED}&counter=1`,
      'errTotpType',
      ['hotp'],
    ],
    ['an unknown link type', `otpauth://motp/Jane?secret=${SEED}`, 'errTotpType', ['motp']],
    ['a link without a secret', 'otpauth://totp/Jane?issuer=ACME', 'errTotpNoSecret', []],
    ['a link with an empty secret', 'otpauth://totp/Jane?secret=', 'errTotpNoSecret', []],
    [
      'a link whose secret is not base32',
      'otpauth://totp/Jane?secret=GEZD0',
      'errTotpNotBase32',
      ['0'],
    ],
    ['an empty steam key', 'steam://', 'errTotpEmpty', []],
    ['a steam key that is not base32', 'steam://GEZD!GNBV', 'errTotpNotBase32', ['!']],
    ['0 digits', `otpauth://totp/J?secret=${SEED}&digits=0`, 'errTotpDigits', ['0']],
    ['11 digits', `otpauth://totp/J?secret=${SEED}&digits=11`, 'errTotpDigits', ['11']],
    ['negative digits', `otpauth://totp/J?secret=${SEED}&digits=-6`, 'errTotpDigits', ['-6']],
    ['digits in words', `otpauth://totp/J?secret=${SEED}&digits=six`, 'errTotpDigits', ['six']],
    ['fractional digits', `otpauth://totp/J?secret=${SEED}&digits=6.5`, 'errTotpDigits', ['6.5']],
    ['empty digits', `otpauth://totp/J?secret=${SEED}&digits=`, 'errTotpDigits', ['']],
    ['a period of 0', `otpauth://totp/J?secret=${SEED}&period=0`, 'errTotpPeriod', ['0']],
    ['a negative period', `otpauth://totp/J?secret=${SEED}&period=-30`, 'errTotpPeriod', ['-30']],
    ['a fractional period', `otpauth://totp/J?secret=${SEED}&period=1.5`, 'errTotpPeriod', ['1.5']],
    [
      'a period in exponent form',
      `otpauth://totp/J?secret=${SEED}&period=3e1`,
      'errTotpPeriod',
      ['3e1'],
    ],
    [
      'a period past 32 bits',
      `otpauth://totp/J?secret=${SEED}&period=4294967296`,
      'errTotpPeriod',
      ['4294967296'],
    ],
    ['MD5', `otpauth://totp/J?secret=${SEED}&algorithm=MD5`, 'errTotpAlgorithm', ['MD5']],
    [
      'SHA-256 with a hyphen',
      `otpauth://totp/J?secret=${SEED}&algorithm=SHA-256`,
      'errTotpAlgorithm',
      ['SHA-256'],
    ],
    [
      'a parameter given twice',
      `otpauth://totp/J?secret=${SEED}&digits=6&DIGITS=8`,
      'errTotpRepeated',
      ['digits'],
    ],
  ])('%s', (_what, stored, key, args) => {
    const error = refusal(stored);
    expect(error.code).toBe('ERR_INVALID_INPUT');
    expect(error.key).toBe(key);
    expect(error.args).toEqual(args);
  });

  it('words the refusal for a person', () => {
    expect(refusal(`otpauth://totp/J?secret=${SEED}&digits=12`).message).toBe(
      'The number of digits must be a whole number from 1 to 10, not “12”.',
    );
    expect(refusal('GEZDGNBVGY3TQOJ1').message).toBe(
      'The authenticator key is not base32: “1” is not one of its characters (the letters A to Z and the digits 2 to 7).',
    );
  });
});
