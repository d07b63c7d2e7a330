/** Randomness from the platform's CSPRNG (WebCrypto getRandomValues). */

/** getRandomValues refuses more than 65,536 bytes per call (WebCrypto §10.1.1). */
const MAX_RANDOM_CHUNK = 65_536;

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += MAX_RANDOM_CHUNK) {
    crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + MAX_RANDOM_CHUNK)));
  }
  return out;
}

/** A random (version 4) UUID in lower case, as Bitwarden writes ids and validation GUIDs. */
export function newId(): string {
  return crypto.randomUUID();
}
