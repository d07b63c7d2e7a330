/**
 * Hand-made hostile ZIP archives (APPNOTE.TXT field offsets), for the zip guard's tests and the
 * import fuzzer: lying entry counts, directories outside the file, duplicate names, declared sizes
 * smaller than what the data inflates to.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

function view(bytes: Uint8Array) {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Offset of the end-of-central-directory record (the archives here have no comment). */
function eocdOffset(zip: Uint8Array): number {
  for (let at = zip.length - 22; at >= 0; at--) {
    if (view(zip).getUint32(at, true) === EOCD) return at;
  }
  throw new Error('no end record');
}

/**
 * The 98-byte archive of issue 11: a zip64 end record claiming `count` entries at offset 0, which
 * made fflate's unzipSync loop `count` times.
 */
export function zip64Claiming(count: bigint): Uint8Array {
  return zip64Archive(count, 0);
}

/**
 * An archive claiming `count` entries with a directory large enough to hold them: zeros where
 * the headers would be, so only a limit on the count (not the directory's size) refuses it.
 */
export function zip64WithRoomFor(count: number): Uint8Array {
  return zip64Archive(BigInt(count), count * 46);
}

/** A directory of `directoryBytes` at offset 0, then the zip64 records claiming `count` entries. */
function zip64Archive(count: bigint, directoryBytes: number): Uint8Array {
  const bytes = new Uint8Array(directoryBytes + 98);
  const dv = view(bytes);
  const at = directoryBytes;
  // zip64 end of central directory record (56 bytes).
  dv.setUint32(at, 0x06064b50, true);
  dv.setBigUint64(at + 4, 44n, true);
  dv.setUint16(at + 12, 45, true);
  dv.setUint16(at + 14, 45, true);
  dv.setBigUint64(at + 24, count, true);
  dv.setBigUint64(at + 32, count, true);
  dv.setBigUint64(at + 40, BigInt(directoryBytes), true); // directory size
  dv.setBigUint64(at + 48, 0n, true); // directory offset
  // zip64 locator (20 bytes), pointing at the record.
  dv.setUint32(at + 56, 0x07064b50, true);
  dv.setBigUint64(at + 64, BigInt(at), true);
  dv.setUint32(at + 72, 1, true);
  // end record (22 bytes), every field saturated.
  dv.setUint32(at + 76, EOCD, true);
  dv.setUint16(at + 84, 0xffff, true);
  dv.setUint16(at + 86, 0xffff, true);
  dv.setUint32(at + 88, 0xffffffff, true);
  dv.setUint32(at + 92, 0xffffffff, true);
  return bytes;
}

/** The same archive with end-record fields replaced: entry count, directory size and offset. */
export function withEndRecord(
  zip: Uint8Array,
  fields: { count?: number; size?: number; offset?: number },
): Uint8Array {
  const out = zip.slice();
  const at = eocdOffset(out);
  const dv = view(out);
  if (fields.count !== undefined) {
    dv.setUint16(at + 8, fields.count, true);
    dv.setUint16(at + 10, fields.count, true);
  }
  if (fields.size !== undefined) dv.setUint32(at + 12, fields.size, true);
  if (fields.offset !== undefined) dv.setUint32(at + 16, fields.offset, true);
  return out;
}

/** Offsets of every central directory header, in order. */
function centralHeaders(zip: Uint8Array): number[] {
  const dv = view(zip);
  const end = eocdOffset(zip);
  let at = dv.getUint32(end + 16, true);
  const out: number[] = [];
  for (let n = dv.getUint16(end + 10, true); n > 0; n--) {
    if (dv.getUint32(at, true) !== CENTRAL) throw new Error('not a central header');
    out.push(at);
    at +=
      46 + dv.getUint16(at + 28, true) + dv.getUint16(at + 30, true) + dv.getUint16(at + 32, true);
  }
  return out;
}

/** The archive with the uncompressed size of entry `index` declared as `size` in the directory. */
export function withDeclaredSize(zip: Uint8Array, index: number, size: number): Uint8Array {
  const out = zip.slice();
  view(out).setUint32(centralHeaders(out)[index]! + 24, size, true);
  return out;
}

/**
 * An archive holding `name` twice: written under two names of the same length, then the second
 * renamed everywhere it appears (local and central headers).
 */
export function withDuplicateEntry(files: Zippable, name: string): Uint8Array {
  const twin = `${name.slice(0, -1)}${name.endsWith('~') ? '!' : '~'}`;
  const zip = zipSync({ ...files, [name]: files[name]!, [twin]: files[name]! });
  const from = strToU8(twin);
  const to = strToU8(name);
  for (let at = 0; at + from.length <= zip.length; at++) {
    if (from.every((b, i) => zip[at + i] === b)) zip.set(to, at);
  }
  return zip;
}
