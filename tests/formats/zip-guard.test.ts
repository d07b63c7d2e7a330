/**
 * The zip guard reads a ZIP's directory itself and bounds every number in it by the file's size
 * before anything is inflated (issue 11): lying counts and offsets are refused at once, and an
 * entry never inflates past the size its directory declares. Read from a source (an upload kept as
 * a Blob) it does the same, a piece at a time.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { randomBytes } from '@/src/crypto/random';
import type { CofferError } from '@/src/errors/coffer-error';
import { bytesSource, type ArchiveSource } from '@/src/formats/encrypted-archive-stream';
import {
  entryName,
  readZipDirectory,
  readZipDirectoryFrom,
  readZipEntry,
  readZipEntryFrom,
  ZIP_LIMITS,
} from '@/src/formats/zip-guard';
import {
  withDeclaredSize,
  withDuplicateEntry,
  withEndRecord,
  zip64Claiming,
  zip64WithRoomFor,
} from '../helpers/hostile-zips';
import { expectSameBytes } from '../helpers/attachments';

const FILES = {
  'export.attributes': strToU8('{"version":3}'),
  'export.data': strToU8(JSON.stringify({ accounts: [] }).padEnd(5000, ' ')),
  'files/a.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
};

describe('readZipDirectory', () => {
  it('lists the entries of a real archive, deflated and stored, and reads them back', () => {
    const zip = zipSync({ ...FILES, 'stored.txt': [strToU8('as is'), { level: 0 }] });
    const entries = readZipDirectory(zip);
    expect(entries.map((e) => [e.name, e.method])).toEqual([
      ['export.attributes', 8],
      ['export.data', 8],
      ['files/a.png', 8],
      ['stored.txt', 0],
    ]);
    expect(readZipEntry(zip, entries[1]!)).toEqual(FILES['export.data']);
    expect(new TextDecoder().decode(readZipEntry(zip, entries[3]!))).toBe('as is');
  });

  // "At once": from the end record alone, before walking any entry. A reader that walked the
  // claimed entries would not end within the test's timeout (a timed assertion would be flaky
  // on a loaded machine; speed is the bench's business).
  it('refuses the 98-byte zip64 archive claiming 2³²−1 entries at once', { timeout: 5_000 }, () => {
    for (const count of [30_000_000n, 100_000_000n, 2n ** 32n - 1n, 2n ** 64n - 1n]) {
      expect(() => readZipDirectory(zip64Claiming(count))).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_FILE', key: 'errZipCountImpossible' }),
      );
    }
  });

  it('refuses more entries than its directory can hold, and more than the limit', () => {
    const zip = zipSync(FILES);
    expect(() => readZipDirectory(withEndRecord(zip, { count: 60_000 }))).toThrow(
      expect.objectContaining({ key: 'errZipCountImpossible', args: [60_000] }),
    );
    expect(ZIP_LIMITS.maxEntries).toBeGreaterThan(100_000);
  });

  it('refuses a directory outside the file, or one whose headers point outside it', () => {
    const zip = zipSync(FILES);
    expect(() => readZipDirectory(withEndRecord(zip, { offset: zip.length }))).toThrow(
      expect.objectContaining({ key: 'errZipDirectoryOutside' }),
    );
    expect(() => readZipDirectory(withEndRecord(zip, { size: 0xffffff }))).toThrow(
      expect.objectContaining({ key: 'errZipDirectoryOutside' }),
    );
    // Shifted by one byte, the first header is not where the directory says.
    const end = zip.length - 22;
    const size = new DataView(zip.buffer).getUint32(end + 12, true);
    const offset = new DataView(zip.buffer).getUint32(end + 16, true);
    expect(() =>
      readZipDirectory(withEndRecord(zip, { offset: offset + 1, size: size - 1 })),
    ).toThrow(expect.objectContaining({ key: 'errZipEntryDamaged', args: [1] }));
  });

  it('refuses what is not a ZIP at all', () => {
    for (const bytes of [new Uint8Array(0), strToU8('{"accounts":[]}'), new Uint8Array(22)]) {
      expect(() => readZipDirectory(bytes)).toThrow(
        expect.objectContaining({ key: 'errZipNotZip' }),
      );
    }
  });

  it('refuses an archive declaring more than the uncompressed total Coffer allows', () => {
    const zip = zipSync(FILES);
    const huge = withDeclaredSize(zip, 2, ZIP_LIMITS.maxTotalUncompressedBytes);
    expect(() => readZipDirectory(huge)).toThrow(
      expect.objectContaining({ code: 'ERR_FILE_TOO_LARGE', key: 'errZipTooLarge' }),
    );
  });

  it('keeps both entries of a duplicated name, so its reader can refuse them', () => {
    const zip = withDuplicateEntry(FILES, 'export.data');
    expect(readZipDirectory(zip).filter((e) => e.name === 'export.data')).toHaveLength(2);
  });
});

describe('readZipEntry', () => {
  it('stops a bomb at the size its directory declares', { timeout: 5_000 }, () => {
    const bomb = zipSync({ 'export.data': new Uint8Array(8 * 1024 * 1024) });
    const lying = withDeclaredSize(bomb, 0, 1000);
    const [entry] = readZipDirectory(lying);
    expect(() => readZipEntry(lying, entry!)).toThrow(
      expect.objectContaining({ key: 'errZipEntrySizeWrong', args: ['"export.data"'] }),
    );
  });

  it('refuses an entry that inflates to less than declared, or is no deflate stream', () => {
    const zip = zipSync(FILES);
    const longer = withDeclaredSize(zip, 1, 6000);
    expect(() => readZipEntry(longer, readZipDirectory(longer)[1]!)).toThrow(
      expect.objectContaining({ key: 'errZipEntrySizeWrong' }),
    );
    const garbled = zip.slice();
    const entry = readZipDirectory(zip)[1]!;
    garbled.fill(0xff, entry.dataStart, entry.dataStart + 8);
    expect(() => readZipEntry(garbled, entry)).toThrow(
      expect.objectContaining({ key: 'errZipEntrySizeWrong' }),
    );
  });

  it('refuses an entry whose bytes do not match the CRC-32 its directory gives', () => {
    const zip = zipSync({ ...FILES, 'stored.txt': [strToU8('as is'), { level: 0 }] });
    const entries = readZipDirectory(zip);
    // The CRC-32 of "as is" (zlib's crc32), as the directory carries it.
    expect(entries[3]!.crc32).toBe(0x5e84101a);
    for (const at of [entries[3]!.dataStart, entries[3]!.dataStart + 4]) {
      const flipped = zip.slice();
      flipped[at] = flipped[at]! ^ 0x20;
      expect(() => readZipEntry(flipped, entries[3]!)).toThrow(
        expect.objectContaining({
          code: 'ERR_INVALID_FILE',
          key: 'errZipEntryCrcWrong',
          args: ['"stored.txt"'],
        }),
      );
    }
  });

  it('names a long entry in messages by its end, where the file name is', () => {
    expect(entryName('export.data')).toBe('"export.data"');
    const long = `attachments/${'0'.repeat(36)}/${'n'.repeat(20)}/the file.pdf`;
    expect(entryName(long)).toBe(`"…${long.slice(-60)}"`);
    expect(entryName(long)).toMatch(/\/the file\.pdf"$/);
  });
});

/** What reading `read` gave: its value, or the key of the error it threw. */
async function outcome<T>(read: () => T | Promise<T>) {
  try {
    return { value: await read() };
  } catch (error) {
    return { key: (error as CofferError).key };
  }
}

describe('reading from a source', () => {
  it('gives what reading the bytes gives, and refuses what they refuse, with the same words', async () => {
    const zip = zipSync({ ...FILES, 'stored.txt': [strToU8('as is'), { level: 0 }] });
    const end = zip.length - 22;
    const size = new DataView(zip.buffer).getUint32(end + 12, true);
    const offset = new DataView(zip.buffer).getUint32(end + 16, true);
    const inputs = [
      zip,
      zip64Claiming(2n ** 32n - 1n),
      zip64WithRoomFor(3),
      withEndRecord(zip, { count: 60_000 }),
      withEndRecord(zip, { offset: zip.length }),
      withEndRecord(zip, { size: 0xffffff }),
      withEndRecord(zip, { offset: offset + 1, size: size - 1 }),
      withDeclaredSize(zip, 2, ZIP_LIMITS.maxTotalUncompressedBytes),
      withDuplicateEntry(FILES, 'export.data'),
      new Uint8Array(0),
      new Uint8Array(22),
      strToU8('{"accounts":[]}'),
    ];
    for (const input of inputs) {
      const fromBytes = await outcome(() => readZipDirectory(input));
      expect(fromBytes).toEqual(await outcome(() => readZipDirectoryFrom(bytesSource(input))));
    }
    const entries = readZipDirectory(zip);
    for (const entry of entries) {
      expect(await readZipEntryFrom(bytesSource(zip), entry)).toEqual(readZipEntry(zip, entry));
    }
    const damagedEntries: [Uint8Array, number][] = [
      [withDeclaredSize(zip, 1, 6000), 1],
      [withDeclaredSize(zip, 1, 10), 1],
      [zip.slice().fill(0xff, entries[1]!.dataStart, entries[1]!.dataStart + 8), 1],
      [zip.slice().fill(0x20, entries[3]!.dataStart, entries[3]!.dataStart + 1), 3],
    ];
    for (const [input, index] of damagedEntries) {
      const entry = readZipDirectory(input)[index]!;
      const fromBytes = await outcome(() => readZipEntry(input, entry));
      expect(fromBytes.key).toMatch(/^errZipEntry/);
      expect(await outcome(() => readZipEntryFrom(bytesSource(input), entry))).toEqual(fromBytes);
    }
  });

  it('inflates an entry larger than one read, piece by piece, into its declared size', async () => {
    const text = strToU8('a line of a note that compresses well\n'.repeat(80_000));
    const zip = zipSync({
      'export.data': text,
      'noise.bin': [randomBytes(1_500_000), { level: 0 }],
    });
    const [deflated, stored] = await readZipDirectoryFrom(bytesSource(zip));
    expectSameBytes(await readZipEntryFrom(bytesSource(zip), deflated!), text);
    expectSameBytes(await readZipEntryFrom(bytesSource(zip), stored!), readZipEntry(zip, stored!));
  });

  it('refuses a source that gives less than it says it holds', async () => {
    const zip = zipSync(FILES);
    const entries = readZipDirectory(zip);
    const short: ArchiveSource = {
      size: zip.length,
      readAt: async (at, length) => zip.slice(at, at + Math.max(0, length - 1)),
    };
    await expect(readZipDirectoryFrom(short)).rejects.toMatchObject({ key: 'errFileDamaged' });
    await expect(readZipEntryFrom(short, entries[1]!)).rejects.toMatchObject({
      key: 'errFileDamaged',
    });
  });
});
