/**
 * EncString type 2 (crypto.md): AES-256-CBC with PKCS#7 padding, then HMAC-SHA256 over iv || ct.
 * Decryption verifies the MAC first, with a constant-time comparison, and every failure after the
 * type check is the same ERR_DECRYPT_FAILED: nobody can tell a bad MAC from bad padding or text.
 *
 * Why it is built this way: a vault has tens of thousands of short fields, and each WebCrypto call
 * costs 5–50 µs of fixed overhead whatever its size. So fields are handled in batches, with AES
 * run once per batch in WebCrypto over all fields laid end to end:
 * - Encrypting, each field is preceded by one random block whose ciphertext becomes that field's
 *   IV: the IV is the AES encryption of a fresh secret random value, the IV construction NIST
 *   SP 800-38A (Appendix C) recommends, and the field's (iv, ct) is exactly a standalone CBC
 *   encryption.
 * - Decrypting, the fields are decoded straight into one buffer as iv_1 ct_1 iv_2 ct_2 …: CBC-
 *   decrypting it from ct_1 on (with iv_1 as the IV) gives every field's plaintext, since each
 *   iv_k restores the chain before ct_k (its own decrypted block is discarded). One computed
 *   block at the end carries the padding WebCrypto insists on; each field's padding is checked
 *   here.
 * The MAC of each field is computed by mac.ts (noble-hashes), not WebCrypto, for the same reason.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { constantTimeEqual, decodeUtf8Strict, utf8 } from './bytes';
import {
  IV_LENGTH,
  MAC_LENGTH,
  decodePartInto,
  formatEncString,
  locateEncString,
  type EncStringParts,
} from './enc-string';
import { randomBytes } from './random';
import type { SymmetricKey } from './symmetric-key';

const BLOCK = 16;
/** Fields at least this long (a whole export file) are MAC-ed by the bulk HMAC (mac.ts). */
const LARGE_FIELD = 1024 * 1024;
/** Fields per WebCrypto call: bounds the memory of one batch and lets other work run between. */
const BATCH_FIELDS = 4096;

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
export function decryptBytesBatch(
  texts: string[],
  key: SymmetricKey,
): Promise<Uint8Array<ArrayBuffer>[]> {
  return decryptInChunks(texts, key, (plain) => plain.slice());
}

export function decryptStringBatch(texts: string[], key: SymmetricKey): Promise<string[]> {
  return decryptInChunks(texts, key, (plain, index) => {
    try {
      return decodeUtf8Strict(plain);
    } catch {
      throw decryptFailed(index);
    }
  });
}

export async function decryptBytes(
  text: string,
  key: SymmetricKey,
): Promise<Uint8Array<ArrayBuffer>> {
  return (await decryptBytesBatch([text], key))[0]!;
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
    input.fill(paddedLengths[i]! - plain.length, offset + plain.length, offset + paddedLengths[i]!);
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
        mac: key.mac.compute(ivAndCt),
      }),
    );
    offset += BLOCK + length;
  }
  return results;
}

async function decryptInChunks<T>(
  texts: string[],
  key: SymmetricKey,
  convert: (plain: Uint8Array, index: number) => T,
): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < texts.length; start += BATCH_FIELDS) {
    out.push(
      ...(await decryptChunk(texts.slice(start, start + BATCH_FIELDS), key, start, convert)),
    );
  }
  return out;
}

async function decryptChunk<T>(
  texts: string[],
  key: SymmetricKey,
  firstIndex: number,
  convert: (plain: Uint8Array, index: number) => T,
): Promise<T[]> {
  if (texts.length === 0) return [];
  const parts = texts.map((text, i) => locateForDecryption(text, firstIndex + i));
  // Layout: iv_1 ct_1 iv_2 ct_2 … iv_n ct_n, then room for the final padding block.
  const starts: number[] = [];
  let total = 0;
  for (const p of parts) {
    starts.push(total);
    total += BLOCK + p.ctLength;
  }
  const buffer = new Uint8Array(total + BLOCK);
  const expectedMac = new Uint8Array(MAC_LENGTH);
  const actualMac = new Uint8Array(MAC_LENGTH);
  const large: { index: number; expected: Uint8Array }[] = [];
  texts.forEach((text, i) => {
    const p = parts[i]!;
    const start = starts[i]!;
    try {
      decodePartInto(text, p.iv, buffer, start);
      decodePartInto(text, p.ct, buffer, start + BLOCK);
      decodePartInto(text, p.mac, expectedMac, 0);
    } catch {
      throw decryptFailed(firstIndex + i);
    }
    if (p.ctLength < LARGE_FIELD) {
      // The MAC of every field is checked before any decryption happens.
      key.mac.compute(buffer.subarray(start, start + BLOCK + p.ctLength), actualMac);
      if (!constantTimeEqual(expectedMac, actualMac)) throw decryptFailed(firstIndex + i);
    } else {
      large.push({ index: i, expected: expectedMac.slice() });
    }
  });
  for (const { index, expected } of large) {
    const mac = await key.mac.stream();
    mac.update(buffer.subarray(starts[index]!, starts[index]! + BLOCK + parts[index]!.ctLength));
    if (!constantTimeEqual(expected, mac.digest())) throw decryptFailed(firstIndex + index);
  }
  // Encrypting nothing with IV = the last ciphertext block yields E(padding block XOR last):
  // the block that decrypts to a full padding block after it.
  const padBlock = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-CBC', iv: buffer.slice(total - BLOCK, total) },
      key.encKey,
      new Uint8Array(0),
    ),
  );
  buffer.set(padBlock, total);
  let output: Uint8Array;
  try {
    output = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-CBC', iv: buffer.slice(0, BLOCK) },
        key.encKey,
        buffer.subarray(BLOCK),
      ),
    );
  } catch {
    throw decryptFailed(firstIndex);
  }
  // In the output, field k's plaintext sits where its ciphertext was, shifted by iv_1.
  return parts.map((p, i) => {
    const start = starts[i]!;
    return convert(
      unpad(output.subarray(start, start + p.ctLength), firstIndex + i),
      firstIndex + i,
    );
  });
}

/** PKCS#7 (RFC 5652 §6.3): the last byte n is 1..16 and the last n bytes all equal n. */
function unpad(block: Uint8Array, index: number): Uint8Array {
  const n = block[block.length - 1]!;
  if (n === 0 || n > BLOCK) throw decryptFailed(index);
  for (let i = 2; i <= n; i++) {
    if (block[block.length - i] !== n) throw decryptFailed(index);
  }
  return block.subarray(0, block.length - n);
}

/** Unsupported types keep their own error; any other defect is the generic decryption error. */
function locateForDecryption(text: string, index: number): EncStringParts {
  try {
    return locateEncString(text);
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
    {
      where: String(index),
    },
  );
}
