/**
 * One EncString (type 2) over a large value that arrives in pieces (a whole export file), so the
 * plaintext never has to exist in one piece. CBC is continued across WebCrypto calls: each
 * segment is encrypted with the last ciphertext block of the one before as its IV, which is
 * exactly CBC over the whole value; WebCrypto's padding block is dropped from every segment but
 * the last. The HMAC runs over iv || ct as the ciphertext is produced.
 */
import { toBase64 } from './bytes';
import { formatEncStringParts, IV_LENGTH } from './enc-string';
import { randomBytes } from './random';
import type { SymmetricKey } from './symmetric-key';

/** A multiple of both 16 (AES blocks) and 3 (so base64 pieces join without padding). */
const SEGMENT_BYTES = 48 * 16_384;

export interface EncryptStream {
  write(bytes: Uint8Array): Promise<void>;
  /** Encrypts what is left (with padding) and returns the EncString text. */
  finish(): Promise<string>;
}

export async function startEncryptStream(key: SymmetricKey): Promise<EncryptStream> {
  const iv = randomBytes(IV_LENGTH);
  const mac = await key.mac.stream();
  mac.update(iv);
  const parts: string[] = [];
  let chain: Uint8Array<ArrayBuffer> = iv;
  let pending = new Uint8Array(SEGMENT_BYTES);
  let filled = 0;

  const encryptSegment = async (segment: Uint8Array<ArrayBuffer>, final: boolean) => {
    const output = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-CBC', iv: chain }, key.encKey, segment),
    );
    const ct = final ? output : output.subarray(0, segment.length);
    chain = ct.slice(ct.length - 16);
    mac.update(ct);
    parts.push(toBase64(ct));
  };

  return {
    async write(bytes) {
      let offset = 0;
      while (offset < bytes.length) {
        const take = Math.min(bytes.length - offset, SEGMENT_BYTES - filled);
        pending.set(bytes.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === SEGMENT_BYTES) {
          await encryptSegment(pending, false);
          pending = new Uint8Array(SEGMENT_BYTES);
          filled = 0;
        }
      }
    },
    async finish() {
      await encryptSegment(pending.slice(0, filled), true);
      return formatEncStringParts(toBase64(iv), parts.join(''), toBase64(mac.digest()));
    },
  };
}
