/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP) and Steam Guard's variant of them,
 * for a key read by totp-key.ts.
 *
 * HMAC through noble-hashes, synchronously, not WebCrypto: the popup computes a code while it
 * renders, once a second, and a synchronous value keeps that render free of promises racing the
 * clock (a code from the last period arriving after the new one). One HMAC costs microseconds.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import type { TotpAlgorithm, TotpKey } from './totp-key';

const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } satisfies Record<
  TotpAlgorithm,
  unknown
>;

/** Steam Guard's 26 characters: digits and consonants that cannot be mistaken for each other. */
const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/** The code for the period holding `timeMs` (milliseconds since 1970, as Date.now()). */
export function totpCode(key: TotpKey, timeMs: number): string {
  const value = truncate(hmac(HASHES[key.algorithm], key.secret, counterBytes(key, timeMs)));
  return key.steam ? steamCode(value, key.digits) : decimalCode(value, key.digits);
}

/** Whole seconds until the code of `timeMs` is replaced: from `period` down to 1. */
export function totpSecondsLeft(key: TotpKey, timeMs: number): number {
  const seconds = Math.floor(timeMs / 1000);
  return key.period - (((seconds % key.period) + key.period) % key.period);
}

/** RFC 6238 §4.2: T = floor((now − T0) / X) with T0 = 0, as an 8-byte big-endian counter. */
function counterBytes(key: TotpKey, timeMs: number): Uint8Array {
  const counter = Math.floor(Math.floor(timeMs / 1000) / key.period);
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  // Past 2^32 periods (the year 2106 at 30 s) the counter needs the high word: split it by
  // arithmetic, since JavaScript's bit operators work on 32 bits.
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter % 2 ** 32);
  return bytes;
}

/** RFC 4226 §5.3, dynamic truncation: 31 bits taken where the low nibble of the last byte says. */
function truncate(mac: Uint8Array): number {
  const offset = mac[mac.length - 1]! & 0x0f;
  return (
    ((mac[offset]! & 0x7f) << 24) |
    (mac[offset + 1]! << 16) |
    (mac[offset + 2]! << 8) |
    mac[offset + 3]!
  );
}

/**
 * RFC 4226 §5.3, step 3: the low `digits` decimal digits, with leading zeros. At 10 digits that is
 * the whole 31-bit value (Bitwarden's SDK computes 10^10 in 32 bits, where it wraps, and differs).
 */
function decimalCode(value: number, digits: number): string {
  return String(value % 10 ** digits).padStart(digits, '0');
}

/** Steam Guard: the 31-bit value written in base 26, least significant character first. */
function steamCode(value: number, length: number): string {
  let rest = value;
  let code = '';
  for (let i = 0; i < length; i++) {
    code += STEAM_ALPHABET.charAt(rest % STEAM_ALPHABET.length);
    rest = Math.floor(rest / STEAM_ALPHABET.length);
  }
  return code;
}
