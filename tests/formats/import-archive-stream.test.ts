/**
 * Import Data reads a zip with attachments from its source a piece at a time (the issue's
 * "never more than one attachment plus the JSON in memory"): a source that records every read
 * shows that opening the file reads its directory and data.json and no attachment, that each
 * attachment is read when the import takes it and only then, once, and that no single read
 * asks for more than the largest of data.json, one attachment and the end of the file.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { randomBytes } from '@/src/crypto/random';
import { bytesSource, type ArchiveSource } from '@/src/formats/encrypted-archive-stream';
import { fileAttachments } from '@/src/formats/file-attachments';
import type { ReadFile } from '@/src/formats/format-types';
import { ARCHIVE_READER } from '@/src/formats/import-archive';
import { readZipDirectory, type ZipEntry } from '@/src/formats/zip-guard';
import { expectSameBytes } from '../helpers/attachments';
import { readFixtureText } from '../helpers/fixtures';

const DATA_JSON = readFixtureText('pbkdf2', 'sdk-plain.json');
const LOGIN = 'ee263103-4ebc-4da5-94fb-12b733c4ae91';
const CARD = '269cf12f-4a72-46be-95d2-7ad6e34ed19a';
const context = { newId: () => crypto.randomUUID(), now: '2026-01-01T00:00:00.000Z' };
const MIB = 1024 * 1024;
/** How far from the end a ZIP's end record may be: the record, a 64 KiB comment, a locator. */
const END_REACH = 22 + 0xffff + 20;
/** What the zip guard reads at a local header, so that the headers of small entries come at once. */
const LOCAL_HEADER_WINDOW = 4 * 1024;

const SCAN = randomBytes(3 * MIB);
const PHOTO = randomBytes(2 * MIB);
const NOTES = strToU8('a line of notes that compresses well\n'.repeat(120_000));
/** The attachments' contents, in archive order. */
const CONTENTS = [SCAN, PHOTO, NOTES];

/** Attachments of a few MiB each, stored and deflated, on two items of data.json. */
const ZIP = zipSync({
  'data.json': strToU8(DATA_JSON),
  attachments: {
    [LOGIN]: { 'scan.bin': [SCAN, { level: 0 }] },
    [CARD]: { 'photo.bin': PHOTO, 'notes.txt': NOTES },
  },
});

interface Read {
  offset: number;
  length: number;
}

/** The archive as a source that writes down every read asked of it. */
function recordingSource(bytes: Uint8Array): { source: ArchiveSource; reads: Read[] } {
  const inner = bytesSource(bytes);
  const reads: Read[] = [];
  return {
    reads,
    source: {
      size: inner.size,
      readAt(offset, length) {
        reads.push({ offset, length });
        return inner.readAt(offset, length);
      },
    },
  };
}

/** Opens and reads the zip as Import Data does, from the source. */
async function importFile(source: ArchiveSource): Promise<ReadFile> {
  const opened = await ARCHIVE_READER.open({ kind: 'source', source }, { context });
  if (opened.kind !== 'read') throw new Error('a plain data.json is read as the file is opened');
  return opened.file;
}

/** How many bytes of an entry's data the reads cover. */
function overlap(reads: readonly Read[], entry: ZipEntry): number {
  const end = entry.dataStart + entry.compressedSize;
  return total(
    reads.map((read) => {
      const from = Math.max(read.offset, entry.dataStart);
      return { offset: from, length: Math.max(0, Math.min(read.offset + read.length, end) - from) };
    }),
  );
}

const total = (reads: readonly Read[]) => reads.reduce((sum, read) => sum + read.length, 0);

/** Whether a read lies within the data of an entry. */
const within = (read: Read, entry: ZipEntry) =>
  read.offset >= entry.dataStart &&
  read.offset + read.length <= entry.dataStart + entry.compressedSize;

describe('a zip imported from a source', () => {
  const entries = readZipDirectory(ZIP);
  // fflate also writes the folders (`attachments/`, one per item) as empty entries.
  const attachmentEntries = entries.filter(
    (entry) => entry.name.startsWith('attachments/') && !entry.name.endsWith('/'),
  );
  const dataJson = entries.find((entry) => entry.name === 'data.json')!;

  it('is opened from its directory and data.json, reading none of its attachments', async () => {
    expect(attachmentEntries.map((entry) => [entry.name, entry.method])).toEqual([
      [`attachments/${LOGIN}/scan.bin`, 0],
      [`attachments/${CARD}/photo.bin`, 8],
      [`attachments/${CARD}/notes.txt`, 8],
    ]);
    const { source, reads } = recordingSource(ZIP);
    const file = await importFile(source);
    expect(file.parsed.items).toHaveLength(22);
    expect(fileAttachments(file.parsed).list.map((a) => [a.fileName, a.size])).toEqual([
      ['scan.bin', 3 * MIB],
      ['photo.bin', 2 * MIB],
      ['notes.txt', NOTES.length],
    ]);
    // data.json is read whole, from its start.
    expect(reads.some((read) => read.offset === dataJson.dataStart)).toBe(true);
    // The end of the file is read once to find the end record: at most END_REACH bytes,
    // whatever the archive's size.
    const ends = reads.filter((read) => read.offset + read.length === ZIP.length);
    expect(ends).toHaveLength(1);
    expect(ends[0]!.length).toBeLessThanOrEqual(END_REACH);
    // Else, of each attachment, only what lies in the small window read with its local header.
    const others = reads.filter((read) => read !== ends[0]);
    for (const entry of attachmentEntries) {
      expect(overlap(others, entry)).toBeLessThanOrEqual(LOCAL_HEADER_WINDOW);
    }
  });

  it('reads each attachment when the import takes it, once, and nothing else then', async () => {
    const { source, reads } = recordingSource(ZIP);
    const file = await importFile(source);
    const opening = reads.length;
    let since = opening;
    const taken: number[] = [];
    await fileAttachments(file.parsed).read(new Set([0, 1, 2]), async (index, content) => {
      const entry = attachmentEntries[index]!;
      const readsForIt = reads.slice(since);
      since = reads.length;
      // Read for this attachment: its own data, exactly, and nothing of any other.
      expect(readsForIt.every((read) => within(read, entry))).toBe(true);
      expect(total(readsForIt)).toBe(entry.compressedSize);
      expectSameBytes(content, CONTENTS[index]!);
      taken.push(index);
    });
    expect(taken).toEqual([0, 1, 2]);
    expect(reads.length).toBe(since);
    // The largest read: data.json, one attachment or the end of the file, never more.
    const largest = Math.max(...reads.map((read) => read.length));
    const oneAttachment = Math.max(...attachmentEntries.map((entry) => entry.compressedSize));
    expect(largest).toBeLessThanOrEqual(
      Math.max(dataJson.compressedSize, oneAttachment, END_REACH),
    );
  });

  it('reads only the attachments the import wants', async () => {
    const { source, reads } = recordingSource(ZIP);
    const file = await importFile(source);
    const opening = reads.length;
    await fileAttachments(file.parsed).read(new Set([1]), async (index, content) => {
      expect(index).toBe(1);
      expectSameBytes(content, CONTENTS[1]!);
    });
    const pass = reads.slice(opening);
    expect(pass.every((read) => within(read, attachmentEntries[1]!))).toBe(true);
    expect(total(pass)).toBe(attachmentEntries[1]!.compressedSize);
  });
});
