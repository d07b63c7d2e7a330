/**
 * EncString type 2 (crypto.md): AES-256-CBC with PKCS#7 padding, then HMAC-SHA256 over iv || ct.
 * Decryption verifies the MAC first, with a constant-time comparison, and every failure after the
 * type check is the same ERR_DECRYPT_FAILED: nobody can tell a bad MAC from bad padding or text.
 *
 * Why it is built this way: a vault has tens of thousands of short fields, and each WebCrypto call
 * costs 5–50 µs of fixed overhead whatever its size. So fields are handled in batches:
 * - AES runs once per batch in WebCrypto over all fields laid end to end. Encrypting, each field
 *   is preceded by one random block whose ciphertext becomes that field's IV: the IV is the AES
 *   encryption of a fresh secret random value, the IV construction NIST SP 800-38A (Appendix C)
 *   recommends, and the field's (iv, ct) is exactly a standalone CBC encryption. Decrypting, each
 *   field's IV is put in front of its ciphertext (its decrypted block is discarded) and one
 *   computed block at the end carries the padding WebCrypto insists on; each field's own padding
 *   is then checked here.
 * - The MAC is computed per field by hash-wasm's HMAC-SHA256 (WebAssembly, about 2 µs a field),
 *   not by WebCrypto, whose per-call overhead would dominate.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { constantTimeEqual, decodeUtf8Strict, utf8 } from './bytes';
import {
  IV_LENGTH,
  MAC_LENGTH,
  formatEncString,
  parseEncString,
  type EncStringType2,
} from './enc-string';
import { randomBytes } from './random';
import type { SymmetricKey } from './symmetric-key';

const BLOCK = 16;
/** Fields per WebCrypto call: bounds the memory of one batch and lets other work run between. */
const BATCH_FIELDS = 2048;

export async function encryptBytesBatch(
  plains: Uint8Array[],
  key: SymmetricKey,
): Promise<string[]> {
  const out: string[] = [];
  for (let start = 0; start < plains.length; start += BATCH_FIELDS) {
    out.push(...(await encryptChunk(plains.slice(start, start + BATCH_FIELDS), key)));
  }
  return out;
}

export function encryptStringBatch(plains: string[], key: SymmetricKey): Promise<string[]> {
  return encryptBytesBatch(plains.map(utf8), key);
}

export async function encryptBytes(plain: Uint8Array, key: SymmetricKey): Promise<string> {
  return (await encryptChunk([plain], key))[0]!;
}

export function encryptString(plain: string, key: SymmetricKey): Promise<string> {
  return encryptBytes(utf8(plain), key);
}

/**
 * Decrypts many EncStrings under one key. If any fails, throws ERR_DECRYPT_FAILED (or
 * ERR_ENC_STRING_UNSUPPORTED) with `where` set to the index of the first bad one.
 */
export async function decryptBytesBatch(texts: string[], key: SymmetricKey): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let start = 0; start < texts.length; start += BATCH_FIELDS) {
    out.push(...(await decryptChunk(texts.slice(start, start + BATCH_FIELDS), key, start)));
  }
  return out;
}

export async function decryptStringBatch(texts: string[], key: SymmetricKey): Promise<string[]> {
  const bytes = await decryptBytesBatch(texts, key);
  return bytes.map((b, i) => {
    try {
      return decodeUtf8Strict(b);
    } catch {
      throw decryptFailed(i);
    }
  });
}

export async function decryptBytes(
  text: string,
  key: SymmetricKey,
): Promise<Uint8Array<ArrayBuffer>> {
  return (await decryptChunk([text], key, 0))[0]!;
}

export async function decryptString(text: string, key: SymmetricKey): Promise<string> {
  return (await decryptStringBatch([text], key))[0]!;
}

async function encryptChunk(plains: Uint8Array[], key: SymmetricKey): Promise<string[]> {
  if (plains.length === 0) return [];
  // Layout: for each field, one random block, then the field padded to whole blocks (PKCS#7).
  const paddedLengths = plains.map((p) => (Math.floor(p.length / BLOCK) + 1) * BLOCK);
  const total = paddedLengths.reduce((sum, n) => sum + BLOCK + n, 0);
  const input = new Uint8Array(total);
  const bridges = randomBytes(BLOCK * plains.length);
  let offset = 0;
  plains.forEach((plain, i) => {
    input.set(bridges.subarray(i * BLOCK, (i + 1) * BLOCK), offset);
    offset += BLOCK;
    input.set(plain, offset);
    const pad = paddedLengths[i]! - plain.length;
    input.fill(pad, offset + plain.length, offset + paddedLengths[i]!);
    offset += paddedLengths[i]!;
  });
  // WebCrypto adds one more padding block to the (already aligned) whole; it is ignored.
  const output = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-CBC', iv: randomBytes(IV_LENGTH) }, key.encKey, input),
  );
  const results: string[] = [];
  offset = 0;
  for (const length of paddedLengths) {
    const ivAndCt = output.subarray(offset, offset + BLOCK + length);
    results.push(
      formatEncString({
        iv: ivAndCt.subarray(0, BLOCK),
        ct: ivAndCt.subarray(BLOCK),
        mac: computeMac(key, ivAndCt),
      }),
    );
    offset += BLOCK + length;
  }
  return results;
}

async function decryptChunk(
  texts: string[],
  key: SymmetricKey,
  firstIndex: number,
): Promise<Uint8Array<ArrayBuffer>[]> {
  if (texts.length === 0) return [];
  const parsed = texts.map((text, i) => parseForDecryption(text, firstIndex + i));
  // The MAC of every field is checked before any decryption happens.
  parsed.forEach((value, i) => {
    const expected = computeMac(key, value.iv, value.ct);
    if (!constantTimeEqual(expected, value.mac)) throw decryptFailed(firstIndex + i);
  });
  // Layout: ct_1, iv_2, ct_2, …, iv_n, ct_n, then one block that decrypts to a full padding
  // block, so WebCrypto's final unpadding succeeds; each iv_k restores the chain before ct_k.
  const total = parsed.reduce((sum, v, i) => sum + (i === 0 ? 0 : BLOCK) + v.ct.length, BLOCK);
  const input = new Uint8Array(total);
  let offset = 0;
  parsed.forEach((value, i) => {
    if (i > 0) {
      input.set(value.iv, offset);
      offset += BLOCK;
    }
    input.set(value.ct, offset);
    offset += value.ct.length;
  });
  const last = input.subarray(offset - BLOCK, offset);
  // Encrypting nothing with IV = last yields E(padding block XOR last): the block we need.
  const padBlock = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-CBC', iv: last.slice() },
      key.encKey,
      new Uint8Array(0),
    ),
  );
  input.set(padBlock, offset);
  let output: Uint8Array;
  try {
    output = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-CBC', iv: parsed[0]!.iv }, key.encKey, input),
    );
  } catch {
    throw decryptFailed(firstIndex);
  }
  const results: Uint8Array<ArrayBuffer>[] = [];
  offset = 0;
  parsed.forEach((value, i) => {
    if (i > 0) offset += BLOCK;
    results.push(unpad(output.subarray(offset, offset + value.ct.length), firstIndex + i));
    offset += value.ct.length;
  });
  return results;
}

function computeMac(key: SymmetricKey, ...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  key.mac.init();
  for (const part of parts) key.mac.update(part);
  const mac = key.mac.digest('binary') as Uint8Array<ArrayBuffer>;
  if (mac.length !== MAC_LENGTH)
    throw new CofferError('ERR_INTERNAL', 'HMAC-SHA256 gave a wrong length.');
  return mac;
}

/** PKCS#7 (RFC 5652 §6.3): the last byte n is 1..16 and the last n bytes all equal n. */
function unpad(block: Uint8Array, index: number): Uint8Array<ArrayBuffer> {
  const n = block[block.length - 1]!;
  let bad = n === 0 || n > BLOCK ? 1 : 0;
  for (let i = 1; i <= BLOCK && !bad; i++) {
    if (i <= n && block[block.length - i] !== n) bad = 1;
  }
  if (bad) throw decryptFailed(index);
  return block.slice(0, block.length - n);
}

/** Unsupported types keep their own error; any other defect is the generic decryption error. */
function parseForDecryption(text: string, index: number): EncStringType2 {
  try {
    return parseEncString(text);
  } catch (error) {
    if (error instanceof CofferError && error.code === 'ERR_ENC_STRING_UNSUPPORTED') {
      throw new CofferError(error.code, error.message, { where: String(index) });
    }
    throw decryptFailed(index);
  }
}

function decryptFailed(index: number): CofferError {
  return new CofferError(
    'ERR_DECRYPT_FAILED',
    'Cannot decrypt: the key is wrong or the data was changed.',
    { where: String(index) },
  );
}
