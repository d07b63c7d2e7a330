import { describe, expect, it } from 'vitest';
import { totpCode, totpSecondsLeft } from '@/src/vault/totp';
import { parseTotpKey, type TotpAlgorithm, type TotpKey } from '@/src/vault/totp-key';

const ascii = (text: string) => new TextEncoder().encode(text);

/**
 * RFC 6238 Appendix B, with the seeds of its Appendix A reference code (RFC errata 2866): 20, 32
 * and 64 bytes of "1234567890" repeated, for HMAC-SHA1, -SHA256 and -SHA512; 8 digits, X = 30.
 */
const SEEDS: Record<TotpAlgorithm, string> = {
  SHA1: '12345678901234567890',
  SHA256: '12345678901234567890123456789012',
  SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
};

const APPENDIX_B: [number, TotpAlgorithm, string][] = [
  [59, 'SHA1', '94287082'],
  [59, 'SHA256', '46119246'],
  [59, 'SHA512', '90693936'],
  [1111111109, 'SHA1', '07081804'],
  [1111111109, 'SHA256', '68084774'],
  [1111111109, 'SHA512', '25091201'],
  [1111111111, 'SHA1', '14050471'],
  [1111111111, 'SHA256', '67062674'],
  [1111111111, 'SHA512', '99943326'],
  [1234567890, 'SHA1', '89005924'],
  [1234567890, 'SHA256', '91819424'],
  [1234567890, 'SHA512', '93441116'],
  [2000000000, 'SHA1', '69279037'],
  [2000000000, 'SHA256', '90698825'],
  [2000000000, 'SHA512', '38618901'],
  [20000000000, 'SHA1', '65353130'],
  [20000000000, 'SHA256', '77737706'],
  [20000000000, 'SHA512', '47863826'],
];

/** The same seeds in base32 (Python's base64.b32encode), for the otpauth links. */
const SEEDS_BASE32: Record<TotpAlgorithm, string> = {
  SHA1: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  SHA256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====',
  SHA512:
    'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA=',
};

function rfcKey(algorithm: TotpAlgorithm): TotpKey {
  return { secret: ascii(SEEDS[algorithm]), algorithm, digits: 8, period: 30, steam: false };
}

describe('totpCode', () => {
  it.each(APPENDIX_B)('RFC 6238 Appendix B: at %i s, %s gives %s', (seconds, algorithm, code) => {
    expect(totpCode(rfcKey(algorithm), seconds * 1000)).toBe(code);
  });

  it.each(APPENDIX_B)(
    'the same vector through an otpauth link: %i s, %s',
    (seconds, algorithm, code) => {
      const key = parseTotpKey(
        `otpauth://totp/RFC%206238?secret=${SEEDS_BASE32[algorithm]}&digits=8&algorithm=${algorithm}`,
      );
      expect(totpCode(key, seconds * 1000)).toBe(code);
    },
  );

  it('a 6-digit code is the low 6 digits of the 8-digit one (RFC 4226 §5.3)', () => {
    const key = parseTotpKey(SEEDS_BASE32.SHA1);
    expect(totpCode(key, 59_000)).toBe('287082');
    expect(totpCode(key, 1111111109_000)).toBe('081804');
  });

  it('keeps the code for the whole period: milliseconds and seconds inside it do not count', () => {
    const key = rfcKey('SHA1');
    expect(totpCode(key, 30_000)).toBe(totpCode(key, 59_999));
    expect(totpCode(key, 59_999)).not.toBe(totpCode(key, 60_000));
  });

  it('reads the period: 60 s codes change half as often', () => {
    const key = { ...rfcKey('SHA1'), period: 60 };
    // Counter 1 at 60 s is the counter 30 s codes have at 59 s.
    expect(totpCode(key, 60_000)).toBe('94287082');
    expect(totpCode(key, 119_000)).toBe('94287082');
  });

  it('writes 10 digits with leading zeros when the value is shorter', () => {
    // 07081804 at 1111111109 s has a leading zero at 8 digits already.
    const code = totpCode({ ...rfcKey('SHA1'), digits: 10 }, 1111111109_000);
    expect(code).toMatch(/^\d{10}$/);
    expect(code.endsWith('07081804')).toBe(true);
  });

  // Bitwarden's own test (bitwarden/sdk-internal, crates/bitwarden-vault/src/totp.rs,
  // test_generate_totp and test_generate_otpauth_*) at 2023-01-01T00:00:00Z.
  const NEW_YEAR_2023 = Date.UTC(2023, 0, 1);
  it.each([
    ['WQIQ25BRKZYCJVYP', '194506'],
    ['wqiq25brkzycjvyp', '194506'],
    ['PIUDISEQYA', '829846'],
    ['PIUDISEQYA======', '829846'],
    ['otpauth://totp/test-account?secret=WQIQ25BRKZYCJVYP&period=60', '730364'],
    ['otpauth://totp/test-account?secret=WQIQ25BRKZYCJVYP&algorithm=SHA256', '842615'],
    ['steam://HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ', '7W6CJ'],
    ['StEam://HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ', '7W6CJ'],
  ])('gives Bitwarden’s published code for %s', (stored, code) => {
    expect(totpCode(parseTotpKey(stored), NEW_YEAR_2023)).toBe(code);
  });

  it('writes Steam codes with Steam’s 26 characters only', () => {
    const key = parseTotpKey('steam://HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ');
    for (let t = 0; t < 200; t++) {
      expect(totpCode(key, t * 30_000)).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    }
  });
});

describe('totpSecondsLeft', () => {
  const key = rfcKey('SHA1');

  it('counts down from the period to 1 within each period', () => {
    expect(totpSecondsLeft(key, 30_000)).toBe(30);
    expect(totpSecondsLeft(key, 30_999)).toBe(30);
    expect(totpSecondsLeft(key, 31_000)).toBe(29);
    expect(totpSecondsLeft(key, 59_000)).toBe(1);
    expect(totpSecondsLeft(key, 59_999)).toBe(1);
    expect(totpSecondsLeft(key, 60_000)).toBe(30);
  });

  it('follows the key’s period', () => {
    expect(totpSecondsLeft({ ...key, period: 60 }, 59_000)).toBe(1);
    expect(totpSecondsLeft({ ...key, period: 60 }, 2000000000_000)).toBe(40);
  });
});
