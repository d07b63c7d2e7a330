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
import type { ArchiveSource } from './encrypted-archive-stream';
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
/** An entry read from a source comes in pieces of this size, beside its unpacked bytes. */
const READ_STEP_BYTES = 1024 * 1024;

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
  return walkBytes(walkDirectory(bytes.length), bytes);
}

/**
 * The same from a source read piece by piece (an upload kept as a Blob): the end record, the
 * directory and each entry's local header are read, a bounded window at a time, and nothing of
 * the entries' data.
 */
export function readZipDirectoryFrom(source: ArchiveSource): Promise<ZipEntry[]> {
  return walkSource(walkDirectory(source.size), source);
}

/**
 * An entry's bytes: stored ones as they are, deflated ones inflated step by step into exactly the
 * size the directory declared; more output, less, or a broken stream means a damaged entry, and
 * so do bytes whose CRC-32 is not the directory's (a stored entry has nothing else to check).
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const unpack = startUnpacking(entry);
  unpack.push(bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize), true);
  return unpack.done();
}

/**
 * The same from a source: the entry's data is read in pieces of READ_STEP_BYTES, so what is held
 * at once is the entry's declared size and one piece.
 */
export async function readZipEntryFrom(
  source: ArchiveSource,
  entry: ZipEntry,
): Promise<Uint8Array> {
  const unpack = startUnpacking(entry);
  const size = entry.compressedSize;
  for (let at = 0; at < size || at === 0; at += READ_STEP_BYTES) {
    const length = Math.min(READ_STEP_BYTES, size - at);
    unpack.push(await readExactly(source, entry.dataStart + at, length), at + length >= size);
  }
  return unpack.done();
}

interface Unpacking {
  /** The entry's data in order; `last` with its final piece. */
  push(data: Uint8Array, last: boolean): void;
  /** The entry's bytes, once the whole of its data has been pushed. */
  done(): Uint8Array;
}

/** Refuses what cannot be unpacked before any of the entry's data is read. */
function startUnpacking(entry: ZipEntry): Unpacking {
  if (entry.encrypted) {
    throw new CofferError('errZipEntryEncrypted', {
      args: [entryName(entry.name)],
    });
  }
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw entryDamaged(entry);
  } else if (entry.method !== 8) {
    throw new CofferError('errZipMethod', {
      args: [entryName(entry.name), entry.method],
    });
  }
  const out = new Uint8Array(entry.uncompressedSize);
  let length = 0;
  const append = (chunk: Uint8Array) => {
    if (length + chunk.length > out.length) throw entryDamaged(entry);
    out.set(chunk, length);
    length += chunk.length;
  };
  const inflater = entry.method === 8 ? new Inflate(append) : null;
  return {
    push(data, last) {
      if (!inflater) return append(data);
      try {
        for (let i = 0; i < data.length || i === 0; i += INFLATE_STEP_BYTES) {
          inflater.push(
            data.subarray(i, i + INFLATE_STEP_BYTES),
            last && i + INFLATE_STEP_BYTES >= data.length,
          );
        }
      } catch (error) {
        if (error instanceof CofferError) throw error;
        throw entryDamaged(entry);
      }
    },
    done() {
      if (length !== out.length) throw entryDamaged(entry);
      return checkedCrc(out, entry);
    },
  };
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

/**
 * A part of the file the directory walk needs: `length` bytes at `offset`. A source is read a
 * window at a time per lane (the directory runs on, local headers are near one another when the
 * entries are small), never past `until`, where that lane's part of the file ends.
 */
interface Wanted {
  offset: number;
  length: number;
  lane: Lane;
  until: number;
}

type Lane = 'end' | 'directory' | 'local';

/** How far past what is wanted a lane reads: whole directories in a few reads, little else. */
const LANE_WINDOW_BYTES: Record<Lane, number> = {
  end: 0,
  directory: 256 * 1024,
  local: 4 * 1024,
};

/** What the walk is handed back: the bytes wanted, index 0 at the offset it asked for. */
type Walk<T> = Generator<Wanted, T, Uint8Array>;

function walkBytes<T>(walk: Walk<T>, bytes: Uint8Array): T {
  let step = walk.next();
  while (!step.done) {
    const { offset, length } = step.value;
    step = walk.next(bytes.subarray(offset, offset + length));
  }
  return step.value;
}

async function walkSource<T>(walk: Walk<T>, source: ArchiveSource): Promise<T> {
  const windows = new Map<Lane, { start: number; bytes: Uint8Array }>();
  let step = walk.next();
  while (!step.done) {
    const { offset, length, lane, until } = step.value;
    const window = windows.get(lane);
    if (window && offset >= window.start && offset + length <= window.start + window.bytes.length) {
      step = walk.next(
        window.bytes.subarray(offset - window.start, offset - window.start + length),
      );
      continue;
    }
    const end = Math.max(offset + length, Math.min(until, offset + LANE_WINDOW_BYTES[lane]));
    const bytes = await readExactly(source, offset, end - offset);
    windows.set(lane, { start: offset, bytes });
    step = walk.next(bytes.subarray(0, length));
  }
  return step.value;
}

/** A source that gives less than it holds changed while it was read. */
async function readExactly(
  source: ArchiveSource,
  offset: number,
  length: number,
): Promise<Uint8Array> {
  const bytes = await source.readAt(offset, length);
  if (bytes.length !== length) throw new CofferError('errFileDamaged');
  return bytes;
}

function* walkDirectory(size: number): Walk<ZipEntry[]> {
  // The end record, the comment after it, and room for a zip64 locator before it.
  const endStart = Math.max(0, size - EOCD_BYTES - MAX_COMMENT_BYTES - ZIP64_LOCATOR_BYTES);
  const tail = viewAt(
    yield { offset: endStart, length: size - endStart, lane: 'end', until: size },
    endStart,
  );
  const end = findEndRecord(tail, size);
  const { count, directoryStart, directorySize, recordsStart } = yield* directoryBounds(tail, end);
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
    const { entry, next } = yield* readCentralHeader(at, directoryEnd, directoryStart, n);
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

/** The last end record within reach of the end (the comment after it is at most 64 KiB). */
function findEndRecord(tail: View, size: number): number {
  const lowest = Math.max(0, size - EOCD_BYTES - MAX_COMMENT_BYTES);
  for (let at = size - EOCD_BYTES; at >= lowest; at--) {
    if (tail.u32(at) === SIGNATURE.eocd) return at;
  }
  throw new CofferError('errZipNotZip');
}

interface DirectoryBounds {
  count: number;
  directoryStart: number;
  directorySize: number;
  /** Where the end records start: the directory ends before. */
  recordsStart: number;
}

/** Count, start and size of the central directory, from the zip64 record when there is one. */
function* directoryBounds(tail: View, end: number): Walk<DirectoryBounds> {
  const classic = {
    count: tail.u16(end + 10),
    directorySize: tail.u32(end + 12),
    directoryStart: tail.u32(end + 16),
    recordsStart: end,
  };
  const locator = end - ZIP64_LOCATOR_BYTES;
  if (locator < 0 || tail.u32(locator) !== SIGNATURE.zip64Locator) return classic;
  const record = tail.u64(locator + 8);
  if (record + ZIP64_EOCD_BYTES > locator) throw damaged('errZipDirectoryOutside');
  const zip64 = viewAt(
    yield { offset: record, length: ZIP64_EOCD_BYTES, lane: 'end', until: locator },
    record,
  );
  if (zip64.u32(record) !== SIGNATURE.zip64Eocd) throw damaged('errZipDirectoryOutside');
  return {
    count: zip64.u64(record + 32),
    directorySize: zip64.u64(record + 40),
    directoryStart: zip64.u64(record + 48),
    recordsStart: record,
  };
}

function* readCentralHeader(
  at: number,
  directoryEnd: number,
  dataEnd: number,
  n: number,
): Walk<{ entry: ZipEntry; next: number }> {
  const broken = () => new CofferError('errZipEntryDamaged', { args: [n] });
  if (at + CENTRAL_HEADER_BYTES > directoryEnd) throw broken();
  const directory = { lane: 'directory', until: directoryEnd } as const;
  const fixed = viewAt(yield { offset: at, length: CENTRAL_HEADER_BYTES, ...directory }, at);
  if (fixed.u32(at) !== SIGNATURE.central) throw broken();
  const flags = fixed.u16(at + 8);
  const method = fixed.u16(at + 10);
  const nameLength = fixed.u16(at + 28);
  const extraStart = at + CENTRAL_HEADER_BYTES + nameLength;
  const extraLength = fixed.u16(at + 30);
  const next = extraStart + extraLength + fixed.u16(at + 32);
  if (next > directoryEnd) throw broken();
  const header = viewAt(yield { offset: at, length: next - at, ...directory }, at);
  const sizes = zip64Sizes(header, extraStart, extraLength, {
    uncompressed: header.u32(at + 24),
    compressed: header.u32(at + 20),
    localHeader: header.u32(at + 42),
  });
  if (sizes === null) throw broken();
  // The entry's data lies between its local header and the directory.
  const local = sizes.localHeader;
  if (local + LOCAL_HEADER_BYTES > dataEnd) throw broken();
  const localHeader = viewAt(
    yield { offset: local, length: LOCAL_HEADER_BYTES, lane: 'local', until: dataEnd },
    local,
  );
  if (localHeader.u32(local) !== SIGNATURE.local) throw broken();
  const dataStart =
    local + LOCAL_HEADER_BYTES + localHeader.u16(local + 26) + localHeader.u16(local + 28);
  if (dataStart + sizes.compressed > dataEnd) throw broken();
  return {
    entry: {
      name: strFromU8(
        header.bytes(at + CENTRAL_HEADER_BYTES, extraStart),
        (flags & FLAG_UTF8) === 0,
      ),
      method,
      encrypted: (flags & FLAG_ENCRYPTED) !== 0,
      compressedSize: sizes.compressed,
      uncompressedSize: sizes.uncompressed,
      crc32: header.u32(at + 16),
      dataStart,
    },
    next,
  };
}

type Sizes = { uncompressed: number; compressed: number; localHeader: number };

/** Saturated sizes replaced from the zip64 extra field (§4.5.3, in this order); null if absent. */
function zip64Sizes(header: View, start: number, length: number, sizes: Sizes): Sizes | null {
  const saturated = (['uncompressed', 'compressed', 'localHeader'] as const).filter(
    (key) => sizes[key] === SATURATED_32,
  );
  if (saturated.length === 0) return sizes;
  const end = start + length;
  for (let at = start; at + 4 <= end; at += 4 + header.u16(at + 2)) {
    if (header.u16(at) !== ZIP64_EXTRA_ID) continue;
    if (at + 4 + 8 * saturated.length > end) return null;
    const out = { ...sizes };
    saturated.forEach((key, i) => (out[key] = header.u64(at + 4 + 8 * i)));
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

/** Part of the file, read by the file's own offsets. */
interface View {
  u16(at: number): number;
  u32(at: number): number;
  u64(at: number): number;
  bytes(from: number, to: number): Uint8Array;
}

/**
 * `bytes` as the part of the file that starts at `start`. Little-endian; outside what was read
 * (past the file's end) they read 0, which no signature or bound accepts.
 */
function viewAt(bytes: Uint8Array, start: number): View {
  const u16 = (at: number) => (bytes[at - start] ?? 0) | ((bytes[at - start + 1] ?? 0) << 8);
  const u32 = (at: number) => (u16(at) | (u16(at + 2) << 16)) >>> 0;
  return {
    u16,
    u32,
    // Above 2^53 the value is inexact, but still far beyond every bound it is compared with.
    u64: (at) => u32(at) + u32(at + 4) * 2 ** 32,
    bytes: (from, to) => bytes.subarray(from - start, to - start),
  };
}
