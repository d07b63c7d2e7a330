/**
 * SHA-256 for many short inputs (the URI checksums of account-restricted items), synchronously
 * through one hash-wasm instance: WebCrypto's digest would cost a round trip per URI.
 */
import { createSHA256, type IHasher } from 'hash-wasm';
import { toBase64, utf8 } from './bytes';

let hasher: Promise<IHasher> | undefined;

export async function createSha256Base64(): Promise<(text: string) => string> {
  hasher ??= createSHA256();
  const h = await hasher;
  return (text) => {
    h.init();
    h.update(utf8(text));
    return toBase64(h.digest('binary'));
  };
}
