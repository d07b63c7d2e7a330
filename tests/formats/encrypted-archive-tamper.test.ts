/**
 * Every change to an encrypted archive is refused: each byte flipped, every length it could be
 * cut to, bytes appended, chunks (and with them whole records) reordered, duplicated, dropped or
 * taken from another archive. And an archive sealed with the right key but laid out wrongly (by
 * someone who knows the password) is refused too, rather than half read.
 */
import { describe, expect, it } from 'vitest';
import { randomBytes } from '@/src/crypto/random';
import { importSymmetricKey } from '@/src/crypto/symmetric-key';
import { isCofferError } from '@/src/errors/coffer-error';
import { openEncryptedArchive } from '@/src/formats/encrypted-archive-reader';
import { bytesSource } from '@/src/formats/encrypted-archive-stream';
import { MAX_IMPORT_FILE_BYTES } from '@/src/vault/policy';
import {
  docAttachmentRecord,
  docDataRecord,
  docEndRecord,
  openArchiveFromDoc,
  parseDocRecords,
  sealArchiveFromDoc,
} from '../helpers/archive-from-doc';
import { readArchive, rememberingDerive, writeArchive } from '../helpers/encrypted-archive';

const PASSWORD = 'tamper-proof';
const CHUNK = 64;
const SEALED = CHUNK + 16;
const HEADER = 98;

/** Opens and reads the whole archive; resolves to the refusal's message key, or 'accepted'. */
async function outcome(bytes: Uint8Array, derive = rememberingDerive()): Promise<string> {
  try {
    await readArchive(bytes, PASSWORD, { derive });
    return 'accepted';
  } catch (error) {
    if (!isCofferError(error)) throw error;
    return error.key;
  }
}

/** A small archive: four records (172 bytes) over three chunks of 64 bytes, the last one short. */
async function smallArchive() {
  const { bytes } = await writeArchive(
    PASSWORD,
    {
      data: '{"encrypted": false, "folders": [], "items": [{"id": "a"}], "x": "pad pad pad!"}',
      attachments: [
        { itemId: 'a', fileName: 'empty', content: new Uint8Array(0) },
        { itemId: 'a', fileName: 'forty.bin', content: new Uint8Array(40).fill(0x5a) },
      ],
    },
    { chunkSize: CHUNK },
  );
  expect(await outcome(bytes)).toBe('accepted');
  return bytes;
}

/** What each part of the file may be refused as, when one of its bytes changes. */
function allowedFor(position: number): string[] {
  if (position < 8) return ['errArchiveNotArchive'];
  if (position === 8) return ['errArchiveVersion'];
  // 0 ↔ 1 turns PBKDF2's 5,000 iterations into Argon2id's, far out of bounds.
  if (position === 9) return ['errFileKdfUnknown', 'errFileKdfOutOfBounds'];
  // Other iterations: out of bounds, or another key, hence another header tag.
  if (position < 14) return ['errFileKdfOutOfBounds', 'errWrongFilePassword'];
  if (position < 22) return ['errArchiveHeaderDamaged'];
  // The salt: not base64 of 16 bytes any more, or another salt, hence another key.
  if (position < 46) return ['errArchiveHeaderDamaged', 'errWrongFilePassword'];
  if (position < 62) return ['errWrongFilePassword'];
  // The chunk size: out of range, a layout the file's size cannot fill, or another header.
  if (position < 66) {
    return [
      'errArchiveHeaderDamaged',
      'errFileDamaged',
      'errArchiveTruncated',
      'errWrongFilePassword',
    ];
  }
  if (position < HEADER) return ['errWrongFilePassword'];
  return ['errFileDamaged'];
}

describe('a changed byte anywhere is refused', () => {
  it('every position, two different changes each', async () => {
    const bytes = await smallArchive();
    expect(bytes.length).toBe(HEADER + 2 * SEALED + 60);
    const derive = rememberingDerive();
    const wrong: string[] = [];
    for (let position = 0; position < bytes.length; position++) {
      for (const mask of [0x01, 0x80]) {
        const changed = bytes.slice();
        changed[position]! ^= mask;
        const result = await outcome(changed, derive);
        if (!allowedFor(position).includes(result)) wrong.push(`${position} ^ ${mask}: ${result}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('a changed byte anywhere in an account-key archive is refused', () => {
  /** What each part of an account-key archive may be refused as, when one of its bytes changes. */
  function allowedForAccount(position: number): string[] {
    if (position < 8) return ['errArchiveNotArchive'];
    if (position === 8) return ['errArchiveVersion'];
    // 2 → 0 or 1: a password's KDF with zero settings, out of bounds; anything else unknown.
    if (position === 9) return ['errFileKdfUnknown', 'errFileKdfOutOfBounds'];
    // The KDF fields are 0 with the account key: anything else is damage.
    if (position < 22) return ['errArchiveHeaderDamaged'];
    if (position < 46) return ['errArchiveHeaderDamaged', 'errDifferentAccountKey'];
    if (position < 62) return ['errDifferentAccountKey'];
    if (position < 66) {
      return [
        'errArchiveHeaderDamaged',
        'errFileDamaged',
        'errArchiveTruncated',
        'errDifferentAccountKey',
      ];
    }
    if (position < HEADER) return ['errDifferentAccountKey'];
    return ['errFileDamaged'];
  }

  it('every position, three different changes each (kdfType to 0, 1, 3 and beyond)', async () => {
    const accountKey = await importSymmetricKey(randomBytes(64));
    const { bytes } = await writeArchive(
      { accountKey },
      {
        data: '{"encrypted": false, "folders": [], "items": [{"id": "a"}]}',
        attachments: [{ itemId: 'a', fileName: 'forty.bin', content: new Uint8Array(40) }],
      },
      { chunkSize: CHUNK },
    );
    const outcomeWithKey = async (changed: Uint8Array) => {
      try {
        await readArchive(changed, { accountKey });
        return 'accepted';
      } catch (error) {
        if (!isCofferError(error)) throw error;
        return error.key;
      }
    };
    expect(await outcomeWithKey(bytes)).toBe('accepted');
    const wrong: string[] = [];
    for (let position = 0; position < bytes.length; position++) {
      for (const mask of [0x01, 0x02, 0x80]) {
        const changed = bytes.slice();
        changed[position]! ^= mask;
        const result = await outcomeWithKey(changed);
        if (!allowedForAccount(position).includes(result)) {
          wrong.push(`${position} ^ ${mask}: ${result}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('a shortened or lengthened file is refused', () => {
  it('cut to every length, with "incomplete" where a cut falls between chunks', async () => {
    const bytes = await smallArchive();
    const derive = rememberingDerive();
    const wrong: string[] = [];
    for (let length = 0; length < bytes.length; length++) {
      const result = await outcome(bytes.slice(0, length), derive);
      const expected =
        length < 8
          ? 'errArchiveNotArchive'
          : length <= HEADER || (length - HEADER) % SEALED === 0
            ? 'errArchiveTruncated'
            : 'errFileDamaged';
      if (result !== expected) wrong.push(`${length}: ${result}`);
    }
    expect(wrong).toEqual([]);
  });

  it('with bytes appended: one, a chunk’s tag worth, a copy of a chunk, random chunks', async () => {
    const bytes = await smallArchive();
    const firstChunk = bytes.slice(HEADER, HEADER + SEALED);
    for (const extra of [
      Uint8Array.of(0),
      new Uint8Array(16),
      new Uint8Array(21),
      firstChunk,
      crypto.getRandomValues(new Uint8Array(3 * SEALED)),
    ]) {
      expect(await outcome(Buffer.concat([bytes, extra])), `${extra.length} appended`).toBe(
        'errFileDamaged',
      );
    }
  });

  it('with a whole chunk appended after a full last chunk', async () => {
    // A stream of exactly two chunks: the last chunk is full, so the file ends on a boundary.
    const { bytes } = await writeArchive(
      PASSWORD,
      { data: 'x'.repeat(2 * CHUNK - 10), attachments: [] },
      { chunkSize: CHUNK },
    );
    expect(bytes.length).toBe(HEADER + 2 * SEALED);
    const appended = Buffer.concat([bytes, bytes.subarray(HEADER, HEADER + SEALED)]);
    expect(await outcome(appended)).toBe('errFileDamaged');
  });
});

describe('chunks, and the records in them, cannot be moved', () => {
  /**
   * Four chunks holding one record each: data.json, attachment A, attachment B, the end record;
   * so moving a chunk moves a whole record.
   */
  async function oneRecordPerChunk(password = PASSWORD) {
    const { bytes } = await writeArchive(
      password,
      {
        data: `{"items": [], "folders": [], "pad": "${'p'.repeat(20)}"}`,
        attachments: [
          { itemId: 'a', fileName: 'A.txt', content: new Uint8Array(45).fill(0x41) },
          { itemId: 'b', fileName: 'B.txt', content: new Uint8Array(45).fill(0x42) },
        ],
      },
      { chunkSize: CHUNK },
    );
    const records = parseDocRecords(openArchiveFromDoc(password, Buffer.from(bytes)).stream);
    expect(records.map((r) => [r.type, r.offset])).toEqual([
      ['data', 0],
      ['attachment', 64],
      ['attachment', 128],
      ['end', 192],
    ]);
    const chunk = (i: number) => bytes.subarray(HEADER + i * SEALED, HEADER + (i + 1) * SEALED);
    return { header: bytes.subarray(0, HEADER), chunk, bytes };
  }

  it('reordered', async () => {
    const { header, chunk } = await oneRecordPerChunk();
    expect(await outcome(Buffer.concat([header, chunk(0), chunk(2), chunk(1), chunk(3)]))).toBe(
      'errFileDamaged',
    );
    expect(await outcome(Buffer.concat([header, chunk(1), chunk(0), chunk(2), chunk(3)]))).toBe(
      'errFileDamaged',
    );
  });

  it('duplicated', async () => {
    const { header, chunk } = await oneRecordPerChunk();
    const twice = [header, chunk(0), chunk(1), chunk(1), chunk(2), chunk(3)];
    expect(await outcome(Buffer.concat(twice))).toBe('errFileDamaged');
    const lastTwice = [header, chunk(0), chunk(1), chunk(2), chunk(3), chunk(3)];
    expect(await outcome(Buffer.concat(lastTwice))).toBe('errFileDamaged');
  });

  it('dropped: a middle one is damage, the last one an incomplete file', async () => {
    const { header, chunk } = await oneRecordPerChunk();
    expect(await outcome(Buffer.concat([header, chunk(0), chunk(2), chunk(3)]))).toBe(
      'errFileDamaged',
    );
    expect(await outcome(Buffer.concat([header, chunk(1), chunk(2), chunk(3)]))).toBe(
      'errFileDamaged',
    );
    expect(await outcome(Buffer.concat([header, chunk(0), chunk(1), chunk(2)]))).toBe(
      'errArchiveTruncated',
    );
  });

  it('taken from another archive with the same password, or given its header', async () => {
    const mine = await oneRecordPerChunk();
    const other = await oneRecordPerChunk();
    const spliced = [mine.header, mine.chunk(0), other.chunk(1), mine.chunk(2), mine.chunk(3)];
    expect(await outcome(Buffer.concat(spliced))).toBe('errFileDamaged');
    const reheaded = Buffer.concat([other.header, mine.bytes.subarray(HEADER)]);
    expect(await outcome(reheaded)).toBe('errFileDamaged');
  });
});

describe('an archive sealed with the key but laid out wrongly is refused', () => {
  const item = 'c0ffee00-0000-4000-8000-000000000000';
  const data = docDataRecord('{"items": []}');
  const attachment = docAttachmentRecord(item, 'a.txt', Buffer.from('hello'));

  async function sealed(...records: Buffer[]): Promise<string> {
    const archive = sealArchiveFromDoc(PASSWORD, Buffer.concat(records), { chunkSize: CHUNK });
    return outcome(archive);
  }

  it('as written, it is read (the second implementation seals what Coffer reads)', async () => {
    expect(await sealed(data, attachment, docEndRecord(2))).toBe('accepted');
    expect(await sealed(docEndRecord(0))).toBe('accepted');
  });

  it('an end record that miscounts, is missing, or has bytes after it', async () => {
    expect(await sealed(data, attachment, docEndRecord(1))).toBe('errArchiveRecords');
    expect(await sealed(data, attachment, docEndRecord(3))).toBe('errArchiveRecords');
    expect(await sealed(data, attachment)).toBe('errArchiveRecords');
    expect(await sealed(data, attachment, docEndRecord(2), Buffer.of(0))).toBe('errArchiveRecords');
    expect(await sealed(data, docEndRecord(1), attachment, docEndRecord(2))).toBe(
      'errArchiveRecords',
    );
  });

  it('data after an attachment, or a record type that does not exist', async () => {
    expect(await sealed(data, attachment, data, docEndRecord(3))).toBe('errArchiveRecords');
    for (const type of [0, 4, 255]) {
      expect(await sealed(data, Buffer.of(type), docEndRecord(1))).toBe('errArchiveRecords');
    }
  });

  it('an attachment without an item id or a name, or with names that are not UTF-8', async () => {
    const cases = [
      docAttachmentRecord('', 'a.txt', Buffer.from('x')),
      docAttachmentRecord(item, '', Buffer.from('x')),
      Buffer.concat([Buffer.of(2, 0, 1, 0xff, 0, 1, 0x41), Buffer.alloc(8)]),
      Buffer.concat([Buffer.of(2, 0, 1, 0x41, 0, 2, 0xc3, 0x28), Buffer.alloc(8)]),
    ];
    for (const record of cases) {
      expect(await sealed(data, record, docEndRecord(2))).toBe('errArchiveRecords');
    }
  });

  it('lengths and sizes longer than what is left of the stream', async () => {
    const claimsMore = Buffer.from(attachment);
    claimsMore.writeBigUInt64BE(6n, claimsMore.length - 5 - 8);
    expect(await sealed(data, claimsMore, docEndRecord(2))).toBe('errArchiveRecords');
    const huge = Buffer.from(attachment);
    huge.writeBigUInt64BE(2n ** 60n, huge.length - 5 - 8);
    expect(await sealed(data, huge, docEndRecord(2))).toBe('errArchiveRecords');
    const dataClaimsMore = Buffer.from(data);
    dataClaimsMore.writeUInt32BE(data.length, 1);
    expect(await sealed(dataClaimsMore, docEndRecord(1))).toBe('errArchiveRecords');
  });

  it('data.json that is not UTF-8', async () => {
    expect(await sealed(docDataRecord(Buffer.of(0x7b, 0xff, 0x7d)), docEndRecord(1))).toBe(
      'errArchiveRecords',
    );
  });

  it('a data.json claiming more than MAX_IMPORT_FILE_BYTES, refused by its length before it is read', async () => {
    const claim = (length: number) => {
      const head = Buffer.alloc(5);
      head[0] = 1;
      head.writeUInt32BE(length, 1);
      return head;
    };
    const archive = sealArchiveFromDoc(
      PASSWORD,
      Buffer.concat([claim(MAX_IMPORT_FILE_BYTES + 1), docEndRecord(1)]),
      { chunkSize: CHUNK },
    );
    const opened = await openEncryptedArchive(bytesSource(archive), { filePassword: PASSWORD });
    await expect(opened.readData()).rejects.toMatchObject({
      key: 'errArchiveDataTooLarge',
      args: [MAX_IMPORT_FILE_BYTES / 1024 / 1024],
    });
    // Within the limit, the same claim is refused because the stream does not hold it.
    expect(await sealed(claim(64 * 1024 * 1024), docEndRecord(1))).toBe('errArchiveRecords');
  });
});
