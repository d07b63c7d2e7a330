/**
 * A login's authenticator key as KeePassXC keeps it: the `otp` string, an otpauth:// URI
 * (KeePassXC's src/totp/totp.cpp writes `otpauth://totp/<title>:<user>?secret=…&period=…&digits=…
 * &issuer=…`, and `encoder=steam` for Steam Guard), and before 2.6 `TOTP Seed` with `TOTP Settings`
 * ("period;digits", digits `S` for Steam).
 */

const DEFAULT_PERIOD = '30';
const DEFAULT_DIGITS = '6';
const STEAM_DIGITS = '5';

/** Coffer's `login.totp` (bare base32, otpauth:// or steam://) as an otpauth:// URI. */
export function totpToOtpUri(totp: string, title: string, userName: string | null): string {
  const text = totp.trim();
  if (/^otpauth:\/\//i.test(text)) return text;
  const steam = /^steam:(\/\/)?/i.exec(text);
  const secret = (steam ? text.slice(steam[0].length) : text).replace(/\s+/g, '').toUpperCase();
  const label = encodeURIComponent(title) + (userName ? `:${encodeURIComponent(userName)}` : '');
  const query = [
    `secret=${encodeURIComponent(secret)}`,
    `period=${DEFAULT_PERIOD}`,
    `digits=${steam ? STEAM_DIGITS : DEFAULT_DIGITS}`,
    `issuer=${encodeURIComponent(title)}`,
    ...(steam ? ['encoder=steam'] : []),
  ];
  return `otpauth://totp/${label}?${query.join('&')}`;
}

/**
 * The key Coffer stores for an entry's TOTP strings, or null when it has none. A Steam key becomes
 * `steam://<secret>`, which is how Bitwarden marks one; any other URI is kept as written.
 */
export function totpFromKeePass(
  otp: string | undefined,
  seed: string | undefined,
  settings: string | undefined,
  title: string,
): string | null {
  const uri = otp?.trim() ?? '';
  if (uri !== '') {
    if (/^otpauth:\/\//i.test(uri)) {
      const query = new URLSearchParams(uri.slice(uri.indexOf('?') + 1));
      const secret = query.get('secret');
      if (query.get('encoder')?.toLowerCase() === 'steam' && secret) return `steam://${secret}`;
    }
    return uri;
  }
  const key = seed?.replace(/\s+/g, '') ?? '';
  if (key === '') return null;
  const [period = DEFAULT_PERIOD, digits = DEFAULT_DIGITS] = (settings ?? '')
    .split(';')
    .map((part) => part.trim())
    .map((part, i) => (part === '' ? [DEFAULT_PERIOD, DEFAULT_DIGITS][i]! : part));
  if (digits.toUpperCase() === 'S') return `steam://${key}`;
  if (period === DEFAULT_PERIOD && digits === DEFAULT_DIGITS) return key;
  const query = `secret=${encodeURIComponent(key)}&period=${encodeURIComponent(period)}&digits=${encodeURIComponent(digits)}`;
  return `otpauth://totp/${encodeURIComponent(title)}?${query}`;
}
