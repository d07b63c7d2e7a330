/**
 * SHA-256 for many short inputs (the URI checksums of account-restricted items), synchronously:
 * WebCrypto's digest would cost a round trip per URI. Each text is encoded into one buffer kept
 * for the next and hashed there (hmac-sha256.ts's compression), where noble's `sha256` of a
 * fresh `TextEncoder` array per URI cost about 100 ms of a 10,000-item import in Chromium.
 */
import { encodeUtf8Into, toBase64, utf8Length } from './bytes';
import { sha256Into } from './hmac-sha256';

let text = new Uint8Array(1024);
const digest = new Uint8Array(32);

export function sha256Base64(value: string): string {
  const length = utf8Length(value);
  if (length > text.length) text = new Uint8Array(length);
  encodeUtf8Into(value, text, 0);
  sha256Into(text, 0, length, digest, 0);
  const checksum = toBase64(digest);
  // Neither the URI nor its hash stays in memory once answered.
  text.fill(0, 0, length);
  digest.fill(0);
  return checksum;
}
