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
 * The MAC of each field is computed by mac.ts (hmac-sha256.ts), not WebCrypto, for the same reason,
 * a batch's MACs at once (on another core while a helper is lent, see mac.ts).
 */
import { CofferError } from '@/src/errors/coffer-error';
import {
  asciiText,
  base64Length,
  constantTimeEqual,
  decodeUtf8Strict,
  encodeBase64Into,
  encodeUtf8Into,
  utf8Length,
} from './bytes';
import {
  IV_LENGTH,
  MAC_LENGTH,
  decodePartInto,
  locateEncString,
  type EncStringParts,
} from './enc-string';
import { randomBytes } from './random';
import type { SymmetricKey } from './symmetric-key';

const BLOCK = 16;
const CHAR_2 = 0x32;
const CHAR_DOT = 0x2e;
const CHAR_BAR = 0x7c;
/** Fields at least this long (a whole export file) are MAC-ed by the bulk HMAC (mac.ts). */
const LARGE_FIELD = 1024 * 1024;
/** Fields per WebCrypto call: bounds the memory of one batch and lets other work run between. */
const BATCH_FIELDS = 4096;

/** Plaintext: text (encoded to UTF-8 straight into the batch) or bytes. */
type Plain = string | Uint8Array;

export function encryptStringBatch(plains: string[], key: SymmetricKey): Promise<string[]> {
  return encryptInChunks(plains, key);
}

export async function encryptBytes(plain: Uint8Array, key: SymmetricKey): Promise<string> {
  return (await encryptChunk([plain], key))[0]!;
}

export async function encryptString(plain: string, key: SymmetricKey): Promise<string> {
  return (await encryptChunk([plain], key))[0]!;
}

function encryptInChunks(plains: Plain[], key: SymmetricKey): Promise<string[]> {
  return inChunks(plains, (chunk) => encryptChunk(chunk, key));
}

/**
 * `work` on each chunk of BATCH_FIELDS values, in order, with the next chunk started before this
 * one is awaited: while one chunk's MACs are computed by the MAC Worker (and, in Firefox, its AES
 * off this thread; Chromium 156 runs AES on the calling thread), this thread lays out the next.
 * One at a time left the thread idle about a quarter of the time (CPU profiles of Chromium's
 * worker). Two bound the memory; results come back in order, and so does the first failure.
 * `start` is the chunk's first index, for errors.
 */
async function inChunks<T, U>(
  values: T[],
  work: (chunk: T[], start: number) => Promise<U[]>,
): Promise<U[]> {
  const out: U[] = [];
  let previous: Promise<U[]> | undefined;
  try {
    for (let start = 0; start < values.length; start += BATCH_FIELDS) {
      const next = work(values.slice(start, start + BATCH_FIELDS), start);
      next.catch(() => undefined);
      if (previous) out.push(...(await previous));
      previous = next;
    }
    if (previous) out.push(...(await previous));
  } finally {
    // A failure stops the rest: the chunk still running is not wanted, nor its own failure.
    previous?.catch(() => undefined);
  }
  return out;
}

/**
 * EncStrings decrypted with `from` and encrypted again with `to` (key rotation), a chunk at a
 * time: the plaintext stays bytes in the chunk's buffer, never made text and encoded again (that
 * round trip was about a tenth of a 10,000-item rotation in Chromium's worker). Errors as
 * `decryptStringBatch`'s, at the first bad EncString's index.
 */
export function reencryptBatch(
  texts: string[],
  from: SymmetricKey,
  to: SymmetricKey,
): Promise<string[]> {
  return inChunks(texts, async (chunk, start) =>
    encryptChunk(await decryptChunk(chunk, from, start, (plains) => plains), to),
  );
}

/**
 * Decrypts many EncStrings under one key. If any fails, throws ERR_DECRYPT_FAILED (or
 * ERR_ENC_STRING_UNSUPPORTED) with `index` set to the position of the first bad one.
 */
function decryptBytesBatch(texts: string[], key: SymmetricKey): Promise<Uint8Array<ArrayBuffer>[]> {
  return decryptInChunks(texts, key, (plains) => plains.map((plain) => plain.slice()));
}

/**
 * `shortLived`: the texts are dropped soon (an export's batch, written out and gone), so each
 * chunk's fields are decoded in one call (see `joinedTexts`); never for text that is kept.
 */
export function decryptStringBatch(
  texts: string[],
  key: SymmetricKey,
  shortLived = false,
): Promise<string[]> {
  return decryptInChunks(texts, key, shortLived ? joinedTexts : eachText);
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

async function encryptChunk(plains: Plain[], key: SymmetricKey): Promise<string[]> {
  if (plains.length === 0) return [];
  // Layout: for each field, one random block, then the field padded to whole blocks (PKCS#7).
  const lengths = plains.map((p) => (typeof p === 'string' ? utf8Length(p) : p.length));
  const bounds = fieldBounds(lengths.map((n) => (Math.floor(n / BLOCK) + 1) * BLOCK));
  const input = new Uint8Array(bounds[plains.length]!);
  const bridges = randomBytes(BLOCK * plains.length);
  plains.forEach((plain, i) => {
    const start = bounds[i]! + BLOCK;
    input.set(bridges.subarray(i * BLOCK, (i + 1) * BLOCK), bounds[i]!);
    const length = lengths[i]!;
    // Text is encoded straight into place, sparing a buffer per field.
    if (typeof plain === 'string') encodeUtf8Into(plain, input, start);
    else input.set(plain, start);
    const end = bounds[i + 1]!;
    input.fill(end - start - length, start + length, end);
  });
  // WebCrypto adds one more padding block to the (already aligned) whole; it is ignored. The
  // output keeps the input's layout: field k's iv || ct, the message its MAC covers, is where
  // its random block and padded plaintext were.
  const output = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-CBC', iv: randomBytes(IV_LENGTH) }, key.encKey, input),
  );
  return formatChunk(output, bounds, await key.mac.computeAll(output, bounds));
}

/**
 * Where each field's iv || ct lies in a batch's buffer, given each ciphertext's length: field k
 * is `[bounds[k], bounds[k + 1])`, laid end to end (the layout both AES calls and the MACs use).
 */
function fieldBounds(ctLengths: number[]): Uint32Array {
  const bounds = new Uint32Array(ctLengths.length + 1);
  ctLengths.forEach((n, i) => {
    bounds[i + 1] = bounds[i]! + BLOCK + n;
  });
  return bounds;
}

/**
 * The EncStrings of a chunk ("2." iv "|" ct "|" mac, in base64), written as ASCII into one buffer
 * and made text in one decode: building tens of thousands of strings piece by piece made most
 * of the time go to garbage collection.
 */
function formatChunk(output: Uint8Array, bounds: Uint32Array, macs: Uint8Array): string[] {
  const ivText = base64Length(BLOCK);
  const macText = base64Length(MAC_LENGTH);
  const textLengths = Array.from(
    { length: bounds.length - 1 },
    (_, i) => 4 + ivText + base64Length(bounds[i + 1]! - bounds[i]! - BLOCK) + macText,
  );
  const ascii = new Uint8Array(textLengths.reduce((sum, n) => sum + n, 0));
  let o = 0;
  textLengths.forEach((_, i) => {
    const ivAndCt = output.subarray(bounds[i], bounds[i + 1]);
    ascii[o++] = CHAR_2;
    ascii[o++] = CHAR_DOT;
    o = encodeBase64Into(ivAndCt.subarray(0, BLOCK), ascii, o);
    ascii[o++] = CHAR_BAR;
    o = encodeBase64Into(ivAndCt.subarray(BLOCK), ascii, o);
    ascii[o++] = CHAR_BAR;
    o = encodeBase64Into(macAt(macs, i), ascii, o);
  });
  const text = asciiText(ascii);
  const results: string[] = new Array(textLengths.length);
  let start = 0;
  textLengths.forEach((n, i) => {
    results[i] = text.slice(start, start + n);
    start += n;
  });
  return results;
}

/** Makes a chunk's plaintexts (views into its buffer) what the caller wants; `first`: the index. */
type Convert<T> = (plains: Uint8Array[], first: number) => T[];

async function decryptInChunks<T>(
  texts: string[],
  key: SymmetricKey,
  convert: Convert<T>,
): Promise<T[]> {
  return inChunks(texts, (chunk, start) => decryptChunk(chunk, key, start, convert));
}

/**
 * EncStrings decoded into the layout one AES-CBC call decrypts: iv_1 ct_1 iv_2 ct_2 … iv_n ct_n,
 * then room for a final padding block; the MACs they carry beside. Decoding needs no key, so it
 * can run while a key is still being derived.
 */
export interface DecodedBatch {
  readonly parts: EncStringParts[];
  /** Where each EncString's iv || ct lies in `buffer` (fieldBounds). */
  readonly bounds: Uint32Array;
  readonly buffer: Uint8Array<ArrayBuffer>;
  /** The MAC each EncString carries, 32 bytes each. */
  readonly macs: Uint8Array;
  /** The index of the first EncString, for errors. */
  readonly firstIndex: number;
}

/** Decodes EncStrings without their key; a malformed one is the generic decryption error. */
export function decodeEncStrings(texts: string[], firstIndex = 0): DecodedBatch {
  const parts = texts.map((text, i) => locateForDecryption(text, firstIndex + i));
  const bounds = fieldBounds(parts.map((p) => p.ctLength));
  const buffer = new Uint8Array(bounds[parts.length]! + BLOCK);
  const macs = new Uint8Array(MAC_LENGTH * texts.length);
  texts.forEach((text, i) => {
    const p = parts[i]!;
    try {
      decodePartInto(text, p.iv, buffer, bounds[i]!);
      decodePartInto(text, p.ct, buffer, bounds[i]! + BLOCK);
      decodePartInto(text, p.mac, macs, i * MAC_LENGTH);
    } catch {
      throw decryptFailed(firstIndex + i);
    }
  });
  return { parts, bounds, buffer, macs, firstIndex };
}

/** Decrypts what `decodeEncStrings` decoded, to text (strict UTF-8). */
export function decryptDecodedStrings(batch: DecodedBatch, key: SymmetricKey): Promise<string[]> {
  return decryptDecoded(batch, key, eachText);
}

function toText(plain: Uint8Array, index: number): string {
  try {
    return decodeUtf8Strict(plain);
  } catch {
    throw decryptFailed(index);
  }
}

const eachText: Convert<string> = (plains, first) => plains.map((p, i) => toText(p, first + i));

/**
 * The plaintexts as text, strict UTF-8 as `eachText` makes it, decoded in one call: laid end to
 * end, each one's length in UTF-16 units counted on the way, and the text cut at those lengths.
 * A `TextDecoder` call per field cost about three times as much in Chromium 156 (the SDK's
 * 10,000 items: 55–291 against 35–80 ms for their 125,000 strings). The strings are slices of the
 * chunk's one text and keep it all in memory while any of them lives: for results dropped soon.
 * Where the whole does not decode (or a field starts inside a sequence, which could make a valid
 * whole of two broken fields), each field is decoded alone, which names the first bad one.
 */
const joinedTexts: Convert<string> = (plains, first) => {
  let total = 0;
  for (const plain of plains) total += plain.length;
  const joined = new Uint8Array(total);
  const ends = new Uint32Array(plains.length);
  let at = 0;
  let units = 0;
  for (let i = 0; i < plains.length; i++) {
    const plain = plains[i]!;
    if (plain.length > 0 && (plain[0]! & 0xc0) === 0x80) return eachText(plains, first);
    joined.set(plain, at);
    at += plain.length;
    // One UTF-16 unit per sequence, two for a 4-byte one (a surrogate pair).
    for (let j = 0; j < plain.length; j++) {
      const byte = plain[j]!;
      if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
    }
    ends[i] = units;
  }
  let text: string;
  try {
    text = decodeUtf8Strict(joined);
  } catch {
    return eachText(plains, first);
  }
  if (text.length !== units) return eachText(plains, first);
  const out: string[] = new Array(plains.length);
  let start = 0;
  for (let i = 0; i < plains.length; i++) {
    out[i] = text.slice(start, ends[i]);
    start = ends[i]!;
  }
  return out;
};

async function decryptChunk<T>(
  texts: string[],
  key: SymmetricKey,
  firstIndex: number,
  convert: Convert<T>,
): Promise<T[]> {
  if (texts.length === 0) return [];
  return decryptDecoded(decodeEncStrings(texts, firstIndex), key, convert);
}

async function decryptDecoded<T>(
  batch: DecodedBatch,
  key: SymmetricKey,
  convert: Convert<T>,
): Promise<T[]> {
  const { parts, bounds, buffer, firstIndex } = batch;
  if (parts.length === 0) return [];
  const total = bounds[parts.length]!;
  // The MAC of every field is checked before any decryption happens.
  await checkMacs(batch, key);
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
  const plains = parts.map((p, i) => {
    const start = bounds[i]!;
    return unpad(output.subarray(start, start + p.ctLength), firstIndex + i);
  });
  return convert(plains, firstIndex);
}

/** Throws at the first field whose MAC is not the one it carries. */
async function checkMacs(batch: DecodedBatch, key: SymmetricKey): Promise<void> {
  const { parts, bounds, buffer, macs, firstIndex } = batch;
  const check = (i: number, actual: Uint8Array) => {
    if (!constantTimeEqual(macAt(macs, i), actual)) throw decryptFailed(firstIndex + i);
  };
  if (parts.every((p) => p.ctLength < LARGE_FIELD)) {
    const actual = await key.mac.computeAll(buffer, bounds);
    parts.forEach((_, i) => check(i, macAt(actual, i)));
    return;
  }
  // A whole file among them: its MAC goes through the bulk HMAC.
  for (let i = 0; i < parts.length; i++) {
    const message = buffer.subarray(bounds[i], bounds[i + 1]);
    if (parts[i]!.ctLength < LARGE_FIELD) {
      check(i, key.mac.compute(message));
      continue;
    }
    const mac = await key.mac.stream();
    mac.update(message);
    check(i, mac.digest());
  }
}

/** The 32-byte MAC at `index` of MACs laid end to end. */
function macAt(macs: Uint8Array, index: number): Uint8Array {
  return macs.subarray(index * MAC_LENGTH, (index + 1) * MAC_LENGTH);
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
      throw new CofferError(error.key, { args: error.args, index, cause: error });
    }
    throw decryptFailed(index);
  }
}

function decryptFailed(index: number): CofferError {
  return new CofferError('errorDecryptFailed', { index });
}
