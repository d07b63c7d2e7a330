/**
 * Writes a ZIP archive entry by entry into an async sink, with fflate's streaming `Zip`: every
 * chunk fflate produces is handed to the sink, and awaited, before the next piece goes in, so the
 * archive is never collected here and a slow sink slows the writer instead of filling memory.
 * Text (data.json) is deflated; attachments are stored as they are, since they are mostly
 * compressed already and deflating them again costs time for nothing.
 *
 * fflate writes no zip64 records, so an archive must stay below 4 GiB and 65,535 entries (the
 * classic end record's fields); the writer refuses to go past either rather than write offsets
 * that wrap around. Coffer's limits (1 GiB of attachments) keep far below both.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { utf8 } from '@/src/crypto/bytes';
import { CofferError } from '@/src/errors/coffer-error';
import type { FilePiece } from './file-content';

/**
 * Where the archive's bytes go; the next chunk comes only once the promise has resolved. A stored
 * entry's chunks are views of the bytes given to the writer, not copies: a sink that keeps a chunk
 * keeps those bytes.
 */
export type ZipSink = (chunk: Uint8Array) => Promise<void>;

interface ZipEntryWriter {
  /** The entry's next piece: text is written as UTF-8. */
  write(piece: FilePiece): Promise<void>;
  end(): Promise<void>;
}

export interface ZipWriter {
  /**
   * Starts the next entry: deflated (`compress`) or stored. The entry before it must have ended,
   * since a ZIP holds its entries one after the other.
   */
  startEntry(path: string, options: { compress: boolean }): ZipEntryWriter;
  /** A whole entry at once, stored unless `compress`. */
  addEntry(path: string, bytes: Uint8Array, options?: { compress?: boolean }): Promise<void>;
  /** Writes the central directory: the archive is complete once this resolves. */
  end(): Promise<void>;
}

export interface ZipWriterOptions {
  /** Every entry's modification time; the writer's start when left out. */
  mtime?: Date | number;
  /** The archive is refused beyond this many bytes; a ZIP without zip64 holds under 4 GiB. */
  maxArchiveBytes?: number;
}

/** The classic end record's entry count and offsets are 16 and 32 bits wide (APPNOTE §4.3.16). */
const MAX_ENTRIES = 0xffff;
const MAX_ARCHIVE_BYTES = 0xfffffffe;
/**
 * A big attachment goes in as pieces of this size (views of the caller's bytes, not copies), so a
 * sink sees chunks of a bounded size whatever the file.
 */
const PIECE_BYTES = 1024 * 1024;

export function startZipWriter(sink: ZipSink, options: ZipWriterOptions = {}): ZipWriter {
  const mtime = options.mtime ?? Date.now();
  const maxBytes = options.maxArchiveBytes ?? MAX_ARCHIVE_BYTES;
  const pending: Uint8Array[] = [];
  let failure: unknown = null;
  let written = 0;
  let entries = 0;
  let open: ZipEntryWriter | null = null;
  let ended = false;

  const zip = new Zip((error, chunk) => {
    if (error) failure ??= new CofferError('errorInternal', { cause: error });
    else pending.push(chunk);
  });

  /** Hands what fflate produced to the sink, in order, checking the size before each chunk. */
  async function drain(): Promise<void> {
    while (failure === null && pending.length > 0) {
      const chunk = pending.shift()!;
      if (written + chunk.length > maxBytes) failure = tooLarge();
      else {
        written += chunk.length;
        try {
          await sink(chunk);
        } catch (error) {
          failure = error;
        }
      }
    }
    if (failure !== null) {
      pending.length = 0;
      throw failure;
    }
  }

  /** Runs one step on fflate (which calls back synchronously), then drains what it produced. */
  async function step(run: () => void): Promise<void> {
    if (failure !== null) throw failure;
    try {
      run();
    } catch (error) {
      failure ??= new CofferError('errorInternal', { cause: error });
    }
    await drain();
  }

  /** A writer that failed refuses everything after, with its failure; misuse is Coffer's bug. */
  function checkUsable(): void {
    if (failure !== null) throw failure;
    if (open !== null || ended) throw new CofferError('errorInternal');
  }

  function startEntry(path: string, { compress }: { compress: boolean }): ZipEntryWriter {
    checkUsable();
    if (entries === MAX_ENTRIES) throw tooLarge();
    entries++;
    const file = compress ? new ZipDeflate(path) : new ZipPassThrough(path);
    file.mtime = mtime;
    let done = false;
    const entry: ZipEntryWriter = {
      async write(piece) {
        if (done) throw new CofferError('errorInternal');
        const bytes = typeof piece === 'string' ? utf8(piece) : piece;
        for (let at = 0; at < bytes.length; at += PIECE_BYTES) {
          await step(() => file.push(bytes.subarray(at, at + PIECE_BYTES)));
        }
      },
      async end() {
        if (done) throw new CofferError('errorInternal');
        done = true;
        await step(() => file.push(new Uint8Array(0), true));
        open = null;
      },
    };
    zip.add(file);
    open = entry;
    return entry;
  }

  return {
    startEntry,
    async addEntry(path, bytes, { compress = false } = {}) {
      const entry = startEntry(path, { compress });
      await entry.write(bytes);
      await entry.end();
    },
    async end() {
      checkUsable();
      ended = true;
      await step(() => zip.end());
    },
  };
}

function tooLarge(): CofferError {
  return new CofferError('errZipWriteTooLarge', { args: [MAX_ENTRIES] });
}
