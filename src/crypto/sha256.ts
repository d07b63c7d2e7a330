/**
 * SHA-256 for many short inputs (the URI checksums of account-restricted items), synchronously
 * by noble-hashes: WebCrypto's digest would cost a round trip per URI.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64, utf8 } from './bytes';

export function sha256Base64(text: string): string {
  return toBase64(sha256(utf8(text)));
}
