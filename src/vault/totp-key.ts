/**
 * Reads a login's authenticator key (`login.totp`) in the three forms Bitwarden stores: a bare
 * base32 secret, an `otpauth://totp/…` link (Key Uri Format: `secret`, `digits`, `period`,
 * `algorithm`) and `steam://<base32>`. Where Bitwarden quietly falls back to a default for a value
 * it cannot use (an unknown algorithm, `digits=abc`, an `hotp` link), Coffer refuses the key
 * with words that say what is wrong: a code made with the wrong settings would be rejected by the
 * site anyway, and nobody could tell why.
 */
import { CofferError, type Substitution } from '@/src/errors/coffer-error';
import type { ErrorKeyWithCode } from '@/src/errors/error-codes';

type InputErrorKey = ErrorKeyWithCode<'ERR_INVALID_INPUT'>;
import { decodeBase32 } from './base32';

export type TotpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface TotpKey {
  secret: Uint8Array;
  algorithm: TotpAlgorithm;
  /** Length of the code: decimal digits, or Steam characters. */
  digits: number;
  /** Seconds each code lasts (RFC 6238 §4.1, X). */
  period: number;
  /** Steam Guard writes the code with STEAM_ALPHABET instead of decimal digits. */
  steam: boolean;
}

/** The defaults of the Key Uri Format, which bare base32 keys use too. */
const DEFAULT_DIGITS = 6;
const DEFAULT_PERIOD = 30;
const DEFAULT_ALGORITHM: TotpAlgorithm = 'SHA1';

/**
 * Bitwarden caps `digits` at 10: a 31-bit truncated HMAC (RFC 4226 §5.3) has at most 10 decimal
 * digits, so more would only add leading zeros.
 */
const MAX_DIGITS = 10;
/** Bitwarden reads the period as a 32-bit unsigned number; a longer one it ignores. */
const MAX_PERIOD = 2 ** 32 - 1;
/** Steam Guard codes: 5 characters, a new one every 30 s, HMAC-SHA1. */
const STEAM_DIGITS = 5;

const ALGORITHMS: Record<string, TotpAlgorithm> = {
  SHA1: 'SHA1',
  SHA256: 'SHA256',
  SHA512: 'SHA512',
};

/** The otpauth parameters that change the code; others (issuer, image, …) are only labels. */
const CODE_PARAMETERS = ['secret', 'digits', 'period', 'algorithm'] as const;
type CodeParameter = (typeof CODE_PARAMETERS)[number];

/** Reads a stored key, or throws a CofferError whose words say what is wrong with it. */
export function parseTotpKey(stored: string): TotpKey {
  const text = stored.trim();
  if (text === '') throw refuse('errTotpEmpty');
  // A base32 key has no colon, so anything before one is a scheme (case-insensitive, RFC 3986).
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) return defaultKey(readSecret(text), false);
  if (scheme === 'otpauth') return parseOtpauth(text);
  if (scheme === 'steam') return defaultKey(readSecret(text.replace(/^steam:(\/\/)?/i, '')), true);
  throw refuse('errTotpScheme', scheme);
}

function defaultKey(secret: Uint8Array, steam: boolean): TotpKey {
  return {
    secret,
    algorithm: DEFAULT_ALGORITHM,
    digits: steam ? STEAM_DIGITS : DEFAULT_DIGITS,
    period: DEFAULT_PERIOD,
    steam,
  };
}

function parseOtpauth(text: string): TotpKey {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('errTotpUnreadable');
  }
  // otpauth is not a special scheme (WHATWG URL), so the type (its host) keeps its case.
  const type = url.host.toLowerCase();
  if (type !== 'totp') throw refuse('errTotpType', type);
  const values = readParameters(url.searchParams);
  if (values.secret === undefined || values.secret.trim() === '') {
    throw refuse('errTotpNoSecret');
  }
  return {
    secret: readSecret(values.secret),
    algorithm: values.algorithm === undefined ? DEFAULT_ALGORITHM : readAlgorithm(values.algorithm),
    digits:
      values.digits === undefined
        ? DEFAULT_DIGITS
        : readWholeNumber(values.digits, MAX_DIGITS, 'errTotpDigits'),
    period:
      values.period === undefined
        ? DEFAULT_PERIOD
        : readWholeNumber(values.period, MAX_PERIOD, 'errTotpPeriod'),
    steam: false,
  };
}

/**
 * The parameters that make the code, named in any case as Bitwarden reads them; one given twice
 * is refused, since apps disagree on which of the two counts.
 */
function readParameters(params: URLSearchParams): Partial<Record<CodeParameter, string>> {
  const values: Partial<Record<CodeParameter, string>> = {};
  for (const [name, value] of params) {
    const parameter = CODE_PARAMETERS.find((p) => p === name.toLowerCase());
    if (parameter === undefined) continue;
    if (values[parameter] !== undefined) throw refuse('errTotpRepeated', parameter);
    values[parameter] = value;
  }
  return values;
}

function readSecret(text: string): Uint8Array {
  const decoded = decodeBase32(text);
  if (!decoded.ok) throw refuse('errTotpNotBase32', decoded.character);
  // Fewer than 8 bits of key (one or no base32 character) is no key at all.
  if (decoded.bytes.length === 0) throw refuse('errTotpEmpty');
  return decoded.bytes;
}

function readAlgorithm(text: string): TotpAlgorithm {
  const algorithm = ALGORITHMS[text.trim().toUpperCase()];
  if (algorithm === undefined) throw refuse('errTotpAlgorithm', text);
  return algorithm;
}

/** A whole number from 1 to `max`, written in decimal digits only (no sign, point or exponent). */
function readWholeNumber(text: string, max: number, key: InputErrorKey): number {
  const value = /^\d{1,10}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(value >= 1 && value <= max)) throw refuse(key, text);
  return value;
}

/**
 * The one place this module makes its errors: a key the person typed or imported, so the code is
 * ERR_INVALID_INPUT and the words say what to fix.
 */
function refuse(key: InputErrorKey, ...args: Substitution[]): CofferError {
  return new CofferError(key, { args });
}
