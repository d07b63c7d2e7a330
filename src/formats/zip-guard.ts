/**
 * Reads a ZIP archive's directory (APPNOTE.TXT 6.3.10: end of central directory §4.3.16, zip64
 * end record and locator §4.3.14–15, central file headers §4.3.12, zip64 extra field §4.5.3) and
 * checks every number in it against the file's real size before anything is inflated. A ZIP is
 * untrusted input: fflate's unzipSync believes the entry count it finds, so a 98-byte file claiming
 * 2³²−1 entries kept the background busy for minutes. Here every loop is bounded by the file's
 * size, and an entry is inflated only into the size the directory declared, never more.
 */
import { Inflate, strFromU8 } from 'fflate';
import { CofferError } from '@/src/errors/coffer-error';
import { MAX_VAULT_ATTACHMENT_BYTES } from '@/src/vault/policy';
import { startCrc32 } from './crc32';
import { IMPORT_LIMITS } from './import-types';

export const ZIP_LIMITS = {
  /** Every item of IMPORT_LIMITS.maxItems with an attachment, plus the archive's own files. */
  maxEntries: 2 * IMPORT_LIMITS.maxItems + 16,
  /**
   * All entries together, as the directory declares them: the items' file (export.data,
   * data.json) and as many attachments as a vault may hold. Entries are read one at a time, so
   * this bounds the time an archive can take, not the memory.
   */
  maxTotalUncompressedBytes: IMPORT_LIMITS.maxFileBytes + MAX_VAULT_ATTACHMENT_BYTES,
} as const;

/** Each central directory header is at least this long (§4.3.12: 46 fixed bytes). */
const CENTRAL_HEADER_BYTES = 46;
const LOCAL_HEADER_BYTES = 30;
const EOCD_BYTES = 22;
const ZIP64_LOCATOR_BYTES = 20;
const ZIP64_EOCD_BYTES = 56;
/** The archive comment, after the end record, is at most this long. */
const MAX_COMMENT_BYTES = 0xffff;
/** A 32-bit field holding this value means "see the zip64 record" (§4.4.1.4). */
const SATURATED_32 = 0xffffffff;
const ZIP64_EXTRA_ID = 0x0001;

const SIGNATURE = {
  eocd: 0x06054b50,
  zip64Eocd: 0x06064b50,
  zip64Locator: 0x07064b50,
  central: 0x02014b50,
  local: 0x04034b50,
} as const;

/** Bit 0 of the general purpose flags: the entry is encrypted. Bit 11: its name is UTF-8. */
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;

/** Inflated in steps of this much input, so a bomb is stopped after a few megabytes of output. */
const INFLATE_STEP_BYTES = 16 * 1024;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; others are refused when the entry is read. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  uncompressedSize: number;
  /** The CRC-32 of the uncompressed bytes, as the directory gives it. */
  crc32: number;
  /** Offset of the entry's data, after its local header. */
  dataStart: number;
}

/** The entries of an archive, every offset and size checked against its bytes. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const end = findEndRecord(bytes);
  const { count, directoryStart, directorySize, recordsStart } = directoryBounds(bytes, end);
  if (directoryStart + directorySize > recordsStart) throw damaged('errZipDirectoryOutside');
  // Every header takes at least 46 bytes: a count the directory cannot hold is a lie.
  if (count > directorySize / CENTRAL_HEADER_BYTES) {
    throw new CofferError('errZipCountImpossible', { args: [count] });
  }
  if (count > ZIP_LIMITS.maxEntries) {
    throw new CofferError('errZipTooManyEntries', {
      args: [count, ZIP_LIMITS.maxEntries],
    });
  }
  const directoryEnd = directoryStart + directorySize;
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = directoryStart;
  for (let n = 1; n <= count; n++) {
    const { entry, next } = readCentralHeader(bytes, at, directoryEnd, directoryStart, n);
    total += entry.uncompressedSize;
    if (total > ZIP_LIMITS.maxTotalUncompressedBytes) {
      throw new CofferError('errZipTooLarge', {
        args: [ZIP_LIMITS.maxTotalUncompressedBytes / 1024 / 1024],
      });
    }
    entries.push(entry);
    at = next;
  }
  return entries;
}

/**
 * An entry's bytes: stored ones as they are, deflated ones inflated step by step into exactly the
 * size the directory declared; more output, less, or a broken stream means a damaged entry, and
 * so do bytes whose CRC-32 is not the directory's (a stored entry has nothing else to check).
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  if (entry.encrypted) {
    throw new CofferError('errZipEntryEncrypted', {
      args: [entryName(entry.name)],
    });
  }
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw entryDamaged(entry);
    return checkedCrc(data.slice(), entry);
  }
  if (entry.method !== 8) {
    throw new CofferError('errZipMethod', {
      args: [entryName(entry.name), entry.method],
    });
  }
  const out = new Uint8Array(entry.uncompressedSize);
  let length = 0;
  const inflater = new Inflate((chunk) => {
    if (length + chunk.length > out.length) throw entryDamaged(entry);
    out.set(chunk, length);
    length += chunk.length;
  });
  try {
    for (let i = 0; i < data.length || i === 0; i += INFLATE_STEP_BYTES) {
      inflater.push(
        data.subarray(i, i + INFLATE_STEP_BYTES),
        i + INFLATE_STEP_BYTES >= data.length,
      );
    }
  } catch (error) {
    if (error instanceof CofferError) throw error;
    throw entryDamaged(entry);
  }
  if (length !== out.length) throw entryDamaged(entry);
  return checkedCrc(out, entry);
}

function checkedCrc(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const crc = startCrc32();
  crc.update(bytes);
  if (crc.value() !== entry.crc32) {
    throw new CofferError('errZipEntryCrcWrong', {
      args: [entryName(entry.name)],
    });
  }
  return bytes;
}

/** The last end record within reach of the end (the comment after it is at most 64 KiB). */
function findEndRecord(bytes: Uint8Array): number {
  const lowest = Math.max(0, bytes.length - EOCD_BYTES - MAX_COMMENT_BYTES);
  for (let at = bytes.length - EOCD_BYTES; at >= lowest; at--) {
    if (u32(bytes, at) === SIGNATURE.eocd) return at;
  }
  throw new CofferError('errZipNotZip');
}

/** Count, start and size of the central directory, from the zip64 record when there is one. */
function directoryBounds(bytes: Uint8Array, end: number) {
  const classic = {
    count: u16(bytes, end + 10),
    directorySize: u32(bytes, end + 12),
    directoryStart: u32(bytes, end + 16),
    recordsStart: end,
  };
  const locator = end - ZIP64_LOCATOR_BYTES;
  if (locator < 0 || u32(bytes, locator) !== SIGNATURE.zip64Locator) return classic;
  const record = u64(bytes, locator + 8);
  if (record + ZIP64_EOCD_BYTES > locator || u32(bytes, record) !== SIGNATURE.zip64Eocd) {
    throw damaged('errZipDirectoryOutside');
  }
  return {
    count: u64(bytes, record + 32),
    directorySize: u64(bytes, record + 40),
    directoryStart: u64(bytes, record + 48),
    recordsStart: record,
  };
}

function readCentralHeader(
  bytes: Uint8Array,
  at: number,
  directoryEnd: number,
  dataEnd: number,
  n: number,
): { entry: ZipEntry; next: number } {
  const broken = () => new CofferError('errZipEntryDamaged', { args: [n] });
  if (at + CENTRAL_HEADER_BYTES > directoryEnd || u32(bytes, at) !== SIGNATURE.central) {
    throw broken();
  }
  const flags = u16(bytes, at + 8);
  const method = u16(bytes, at + 10);
  const nameLength = u16(bytes, at + 28);
  const extraStart = at + CENTRAL_HEADER_BYTES + nameLength;
  const extraLength = u16(bytes, at + 30);
  const next = extraStart + extraLength + u16(bytes, at + 32);
  if (next > directoryEnd) throw broken();
  const sizes = zip64Sizes(bytes, extraStart, extraLength, {
    uncompressed: u32(bytes, at + 24),
    compressed: u32(bytes, at + 20),
    localHeader: u32(bytes, at + 42),
  });
  if (sizes === null) throw broken();
  // The entry's data lies between its local header and the directory.
  const local = sizes.localHeader;
  if (local + LOCAL_HEADER_BYTES > dataEnd || u32(bytes, local) !== SIGNATURE.local) throw broken();
  const dataStart = local + LOCAL_HEADER_BYTES + u16(bytes, local + 26) + u16(bytes, local + 28);
  if (dataStart + sizes.compressed > dataEnd) throw broken();
  const nameBytes = bytes.subarray(at + CENTRAL_HEADER_BYTES, extraStart);
  return {
    entry: {
      name: strFromU8(nameBytes, (flags & FLAG_UTF8) === 0),
      method,
      encrypted: (flags & FLAG_ENCRYPTED) !== 0,
      compressedSize: sizes.compressed,
      uncompressedSize: sizes.uncompressed,
      crc32: u32(bytes, at + 16),
      dataStart,
    },
    next,
  };
}

type Sizes = { uncompressed: number; compressed: number; localHeader: number };

/** Saturated sizes replaced from the zip64 extra field (§4.5.3, in this order); null if absent. */
function zip64Sizes(bytes: Uint8Array, start: number, length: number, sizes: Sizes): Sizes | null {
  const saturated = (['uncompressed', 'compressed', 'localHeader'] as const).filter(
    (key) => sizes[key] === SATURATED_32,
  );
  if (saturated.length === 0) return sizes;
  const end = start + length;
  for (let at = start; at + 4 <= end; at += 4 + u16(bytes, at + 2)) {
    if (u16(bytes, at) !== ZIP64_EXTRA_ID) continue;
    if (at + 4 + 8 * saturated.length > end) return null;
    const out = { ...sizes };
    saturated.forEach((key, i) => (out[key] = u64(bytes, at + 4 + 8 * i)));
    return out;
  }
  return null;
}

/** Longest part of an entry's name shown in messages: its end, where the file's own name is. */
const MAX_NAME_SHOWN = 60;

/**
 * An entry's name for messages, quoted. Archive paths are long and alike at the start
 * (`attachments/<item id>/…`), so a long one is shortened from the front.
 */
export function entryName(name: string): string {
  return name.length > MAX_NAME_SHOWN ? `"…${name.slice(-MAX_NAME_SHOWN)}"` : `"${name}"`;
}

function damaged(key: 'errZipDirectoryOutside'): CofferError {
  return new CofferError(key);
}

function entryDamaged(entry: ZipEntry): CofferError {
  return new CofferError('errZipEntrySizeWrong', {
    args: [entryName(entry.name)],
  });
}

// Little-endian readers; outside the file they read 0, which no signature or bound accepts.
function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (u16(bytes, at) | (u16(bytes, at + 2) << 16)) >>> 0;
}

/** Above 2^53 the value is inexact, but still far beyond every bound it is compared with. */
function u64(bytes: Uint8Array, at: number): number {
  return u32(bytes, at) + u32(bytes, at + 4) * 2 ** 32;
}
