/**
 * Differential test against Bitwarden's own TOTP (@bitwarden/sdk-internal, the Rust code of
 * crates/bitwarden-vault/src/totp.rs): for every key both accept, both give the same code. It is
 * the independent check of the Steam codes, which no RFC lists. One known difference, 10 digits, is
 * pinned below.
 */
import { ManagedSettingsClient, PasswordManagerClient } from '@bitwarden/sdk-internal';
import { describe, expect, it } from 'vitest';
import { totpCode } from '@/src/vault/totp';
import { parseTotpKey } from '@/src/vault/totp-key';
import { randomInt } from '@/src/vault/password-generator';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 §6 base32, unpadded: the test's own encoder, so the keys do not come from Coffer. */
function encodeBase32(bytes: Uint8Array): string {
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) {
    out += ALPHABET[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  }
  return out;
}

function sdkTotp() {
  const client = new PasswordManagerClient(
    {
      async get_access_token() {
        return undefined;
      },
    } as never,
    { deviceType: 'SDK' } as never,
    new ManagedSettingsClient(),
  );
  return client.vault().totp();
}

/** A random stored key in one of the forms both read. */
function randomStoredKey(): string {
  const secret = encodeBase32(crypto.getRandomValues(new Uint8Array(10 + randomInt(55))));
  switch (randomInt(3)) {
    case 0:
      return randomInt(2) === 0 ? secret : secret.toLowerCase();
    case 1:
      return `steam://${secret}`;
    default: {
      const algorithm = ['SHA1', 'SHA256', 'SHA512'][randomInt(3)];
      const digits = 1 + randomInt(9);
      const period = 1 + randomInt(120);
      return `otpauth://totp/Someone?secret=${secret}&digits=${digits}&period=${period}&algorithm=${algorithm}`;
    }
  }
}

describe('TOTP codes agree with Bitwarden’s SDK', () => {
  const sdk = sdkTotp();

  it('for 500 random keys (base32, otpauth with every parameter, steam) at random times', () => {
    for (let i = 0; i < 500; i++) {
      const stored = randomStoredKey();
      // Up to RFC 6238's last time, 20000000000 s (the year 2603).
      const timeMs = randomInt(2 ** 32) * 4656;
      const expected = sdk.generate_totp(stored, timeMs);
      const key = parseTotpKey(stored);
      expect({ stored, timeMs, code: totpCode(key, timeMs), period: key.period }).toEqual({
        stored,
        timeMs,
        code: expected.code,
        period: expected.period,
      });
    }
  });

  it('differs at 10 digits only where the SDK’s 10^10 overflows 32 bits; Coffer follows RFC 4226', () => {
    // The SDK computes `binary % 10_u32.pow(10)`, which wraps to 1410065408 in a release build,
    // so its 10-digit codes are the 31-bit value modulo that; RFC 4226 §5.3 takes it modulo 10^10,
    // which leaves any 31-bit value whole. Both agree whenever the value is below 1410065408.
    const stored =
      'otpauth://totp/Someone?secret=KBSJCQVLWR5J53C4EBAZI47B2E&digits=10&period=113&algorithm=SHA512';
    const timeMs = 5290815508272;
    const ours = totpCode(parseTotpKey(stored), timeMs);
    expect(ours).toBe('2111231162');
    expect(sdk.generate_totp(stored, timeMs).code).toBe(
      String(Number(ours) % 1410065408).padStart(10, '0'),
    );
  });

  it.each(['steam://HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ', 'steam://GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'])(
    'for the Steam key %s at RFC 6238’s six times',
    (stored) => {
      for (const seconds of [59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000]) {
        expect(totpCode(parseTotpKey(stored), seconds * 1000)).toBe(
          sdk.generate_totp(stored, seconds * 1000).code,
        );
      }
    },
  );
});
