/**
 * Base32 (RFC 4648 §6) as people type authenticator keys: any case, spaces between groups,
 * with or without the `=` padding. Any other character is refused rather than skipped, so a
 * mistyped key (a 0 for an O, a 1 for an I) is noticed instead of producing wrong codes.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The decoded bytes, or the first character that is not base32. */
export type Base32Result = { ok: true; bytes: Uint8Array } | { ok: false; character: string };

export function decodeBase32(text: string): Base32Result {
  const symbols = text.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase();
  const bytes = new Uint8Array(Math.floor((symbols.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let length = 0;
  for (const character of symbols) {
    const value = ALPHABET.indexOf(character);
    if (value < 0) return { ok: false, character };
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (buffer >> bits) & 0xff;
    }
  }
  // Trailing bits that do not fill a byte are dropped (RFC 4648 §6 lets an encoder pad them
  // with zeros; Bitwarden's decoder drops them too), so keys of any length decode alike there.
  return { ok: true, bytes };
}
