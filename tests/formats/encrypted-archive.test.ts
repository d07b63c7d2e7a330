/**
 * Coffer's encrypted archive (docs/encrypted-archive.md): what goes in comes out, the header says
 * what the page says, the password and the KDF settings are checked before anything is decrypted
 * or derived, every failure has its own words, and memory stays at one chunk per read or write.
 */
import { describe, expect, it, vi } from 'vitest';
import { fromBase64 } from '@/src/crypto/bytes';
import { FILE_KDF_BOUNDS } from '@/src/crypto/kdf-bounds';
import { randomBytes } from '@/src/crypto/random';
import { openEncryptedArchive, readArchiveHeader } from '@/src/formats/encrypted-archive-reader';
import { blobSource, bytesSource } from '@/src/formats/encrypted-archive-stream';
import { startEncryptedArchive } from '@/src/formats/encrypted-archive-writer';
import { MAX_ATTACHMENT_BYTES } from '@/src/vault/policy';
import {
  CHEAP_KDF,
  readArchive,
  recordingSource,
  rememberingDerive,
  writeArchive,
  type ArchiveContents,
} from '../helpers/encrypted-archive';

const MIB = 1024 * 1024;
const PASSWORD = 'Ünïcode file password 🔑';
/** The password archive most tests write, with the cheapest KDF a file may ask for. */
const WRITE_KEY = { filePassword: PASSWORD, kdf: CHEAP_KDF };
const READ_KEY = { filePassword: PASSWORD };
const EMPTY_VAULT = '{\n  "encrypted": false,\n  "folders": [],\n  "items": []\n}';

function sameBytes(actual: Uint8Array, expected: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(actual), Buffer.from(expected)) === 0;
}

async function expectRoundTrip(contents: ArchiveContents, chunkSize?: number) {
  const written = await writeArchive(PASSWORD, contents, { chunkSize });
  const read = await readArchive(written.bytes, PASSWORD);
  const data = typeof contents.data === 'string' ? [contents.data] : contents.data;
  const expectedData = Buffer.concat(data.map((piece) => Buffer.from(piece))).toString('utf8');
  expect(read.data).toBe(expectedData);
  expect(
    read.attachments.map(({ itemId, fileName, size }) => ({ itemId, fileName, size })),
  ).toEqual(
    contents.attachments.map(({ itemId, fileName, content }) => ({
      itemId,
      fileName,
      size: content.length,
    })),
  );
  read.attachments.forEach((file, i) => {
    expect(sameBytes(file.content, contents.attachments[i]!.content), file.fileName).toBe(true);
  });
  expect(written.reportedSize).toBe(written.bytes.length);
  return written;
}

describe('an archive reads back what was written', () => {
  it('an empty vault: data.json and nothing else', async () => {
    await expectRoundTrip({ data: EMPTY_VAULT, attachments: [] });
  });

  it('data.json written in many pieces, text and bytes, characters split between pieces', async () => {
    const text = `{"items": [${'{"name": "Ünï 中 🔑"},'.repeat(500)}{}]}`;
    const bytes = Buffer.from(text, 'utf8');
    const pieces: (string | Uint8Array)[] = [];
    // Cuts every 7 bytes, so multi-byte characters are split between byte pieces.
    for (let at = 0; at < bytes.length / 2; at += 7) pieces.push(bytes.subarray(at, at + 7));
    const rest = bytes.subarray(pieces.length * 7).toString('utf8');
    pieces.push('', rest.slice(0, 100), rest.slice(100));
    await expectRoundTrip({ data: pieces, attachments: [] }, 64);
  });

  it('several attachments: empty, one byte, many chunks, same name twice, any characters', async () => {
    const item = crypto.randomUUID();
    await expectRoundTrip({
      data: EMPTY_VAULT,
      attachments: [
        { itemId: item, fileName: 'empty.txt', content: new Uint8Array(0) },
        { itemId: item, fileName: 'one', content: Uint8Array.of(0) },
        { itemId: item, fileName: 'scan 📄 Ünï.pdf', content: randomBytes(2.5 * MIB) },
        { itemId: crypto.randomUUID(), fileName: 'same.bin', content: randomBytes(MIB) },
        { itemId: crypto.randomUUID(), fileName: 'same.bin', content: randomBytes(MIB + 1) },
      ],
    });
  });

  it('with small chunks, every record crossing chunk boundaries', async () => {
    const attachments = Array.from({ length: 12 }, (_, i) => ({
      itemId: crypto.randomUUID(),
      fileName: `file ${i}.bin`,
      content: randomBytes(i * 37),
    }));
    await expectRoundTrip({ data: EMPTY_VAULT, attachments }, 64);
  });

  it('when the stream fills its last chunk exactly', async () => {
    // Stream: data record (5 + 54) + end record (5) = 64 bytes, one full chunk of 64.
    const written = await expectRoundTrip({ data: 'x'.repeat(54), attachments: [] }, 64);
    expect(written.bytes.length).toBe(98 + 64 + 16);
  });

  it('read from a Blob, piece by piece, as from the bytes', async () => {
    const contents = {
      data: EMPTY_VAULT,
      attachments: [{ itemId: 'a', fileName: 'b', content: randomBytes(3000) }],
    };
    const { bytes } = await writeArchive(PASSWORD, contents, { chunkSize: 256 });
    const fromBlob = await readArchive(blobSource(new Blob([bytes])), PASSWORD);
    const fromBytes = await readArchive(bytesSource(bytes), PASSWORD);
    expect(fromBlob.data).toBe(fromBytes.data);
    expect(sameBytes(fromBlob.attachments[0]!.content, contents.attachments[0]!.content)).toBe(
      true,
    );
  });

  it('with Argon2id at the lowest settings a file may ask for', async () => {
    const kdf = { type: 'argon2id', iterations: 2, memoryMiB: 16, parallelism: 1 } as const;
    const contents = {
      data: EMPTY_VAULT,
      attachments: [{ itemId: 'i', fileName: 'f', content: randomBytes(100) }],
    };
    const { bytes } = await writeArchive(PASSWORD, contents, { kdf });
    expect((await readArchiveHeader(bytesSource(bytes))).keySource).toEqual({
      kind: 'password',
      kdf,
    });
    expect((await readArchive(bytes, PASSWORD)).data).toBe(EMPTY_VAULT);
  });

  it('never encrypts alike twice: fresh salt and archive nonce each time', async () => {
    const contents = { data: EMPTY_VAULT, attachments: [] };
    const a = await writeArchive(PASSWORD, contents);
    const b = await writeArchive(PASSWORD, contents);
    expect(sameBytes(a.bytes.subarray(22, 62), b.bytes.subarray(22, 62))).toBe(false);
    expect(sameBytes(a.bytes.subarray(98), b.bytes.subarray(98))).toBe(false);
  });
});

describe('the header is laid out as the page says', () => {
  it('magic, version, KDF settings, salt text, archive nonce, chunk size, then the tag', async () => {
    const { bytes } = await writeArchive(PASSWORD, { data: EMPTY_VAULT, attachments: [] });
    const view = Buffer.from(bytes);
    expect([...view.subarray(0, 8)]).toEqual([0x89, 0x43, 0x4f, 0x46, 0x46, 0x41, 0x52, 0x0a]);
    expect(view[8]).toBe(1);
    expect(view[9]).toBe(0);
    expect(view.readUInt32BE(10)).toBe(CHEAP_KDF.iterations);
    expect(view.readUInt32BE(14)).toBe(0);
    expect(view.readUInt32BE(18)).toBe(0);
    const salt = view.subarray(22, 46).toString('latin1');
    expect(fromBase64(salt).length).toBe(16);
    expect(view.readUInt32BE(62)).toBe(MIB);
    const header = await readArchiveHeader(bytesSource(bytes));
    expect(header).toMatchObject({
      version: 1,
      keySource: { kind: 'password', kdf: CHEAP_KDF },
      salt,
      chunkSize: MIB,
    });
    expect(sameBytes(header.archiveNonce, bytes.subarray(46, 62))).toBe(true);
  });

  it('Argon2id settings in their fields', async () => {
    const kdf = { type: 'argon2id', iterations: 3, memoryMiB: 16, parallelism: 2 } as const;
    const { bytes } = await writeArchive(PASSWORD, { data: '{}', attachments: [] }, { kdf });
    const view = Buffer.from(bytes);
    expect([view[9], view.readUInt32BE(10), view.readUInt32BE(14), view.readUInt32BE(18)]).toEqual([
      1, 3, 16, 2,
    ]);
  });
});

describe('the password and the KDF settings are checked first', () => {
  it('a wrong password has its own words, and nothing past the header is read', async () => {
    const { bytes } = await writeArchive(PASSWORD, {
      data: EMPTY_VAULT,
      attachments: [{ itemId: 'i', fileName: 'f', content: randomBytes(5000) }],
    });
    for (const wrong of ['', 'wrong', PASSWORD.slice(0, -1), PASSWORD.normalize('NFD')]) {
      const source = recordingSource(bytes);
      await expect(openEncryptedArchive(source, { filePassword: wrong })).rejects.toMatchObject({
        code: 'ERR_WRONG_FILE_PASSWORD',
        key: 'errWrongFilePassword',
        message: 'Wrong file password',
      });
      expect(source.reads.every(({ offset, length }) => offset + length <= 98)).toBe(true);
    }
  });

  it('uses the given KDF runner, for writing and for reading', async () => {
    const derive = rememberingDerive();
    const { bytes } = await writeArchive(PASSWORD, { data: '{}', attachments: [] }, { derive });
    expect(derive.calls()).toBe(1);
    expect((await readArchive(bytes, PASSWORD, { derive })).data).toBe('{}');
    expect(derive.calls()).toBe(2);
  });

  const outOfBounds: [string, (view: Buffer) => void, string][] = [
    ['PBKDF2 iterations below 5,000', (v) => v.writeUInt32BE(4999, 10), '4999'],
    ['PBKDF2 iterations above 2,000,000', (v) => v.writeUInt32BE(2_000_001, 10), '2000001'],
    ['PBKDF2 iterations of 2^32 - 1', (v) => v.writeUInt32BE(0xffffffff, 10), '4294967295'],
    [
      'Argon2id memory above 1024 MiB',
      (v) => {
        v[9] = 1;
        v.writeUInt32BE(3, 10);
        v.writeUInt32BE(4096, 14);
        v.writeUInt32BE(4, 18);
      },
      '4096',
    ],
    [
      'Argon2id parallelism of 0',
      (v) => {
        v[9] = 1;
        v.writeUInt32BE(3, 10);
        v.writeUInt32BE(64, 14);
      },
      '0',
    ],
    [
      'Argon2id iterations of 11',
      (v) => {
        v[9] = 1;
        v.writeUInt32BE(11, 10);
        v.writeUInt32BE(64, 14);
        v.writeUInt32BE(4, 18);
      },
      '11',
    ],
  ];

  it.each(outOfBounds)('%s: refused before any key is derived', async (_name, change, shown) => {
    const { bytes } = await writeArchive(PASSWORD, { data: '{}', attachments: [] });
    const view = Buffer.from(bytes);
    change(view);
    const derive = vi.fn(rememberingDerive());
    const error = await openEncryptedArchive(bytesSource(view), READ_KEY, { derive }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'ERR_FILE_KDF_OUT_OF_BOUNDS',
      key: 'errFileKdfOutOfBounds',
    });
    expect((error as Error).message).toContain(`got ${shown}`);
    expect(derive).not.toHaveBeenCalled();
  });

  it('an unknown KDF is refused before any key is derived', async () => {
    const { bytes } = await writeArchive(PASSWORD, { data: '{}', attachments: [] });
    const derive = vi.fn(rememberingDerive());
    for (const type of [3, 255]) {
      const view = Buffer.from(bytes);
      view[9] = type;
      await expect(
        openEncryptedArchive(bytesSource(view), READ_KEY, { derive }),
      ).rejects.toMatchObject({ key: 'errFileKdfUnknown' });
    }
    expect(derive).not.toHaveBeenCalled();
  });

  it('the writer refuses settings outside the file bounds, as the reader would', async () => {
    const sink = vi.fn(async () => undefined);
    for (const kdf of [
      { type: 'pbkdf2', iterations: FILE_KDF_BOUNDS.pbkdf2Iterations[0] - 1 },
      { type: 'argon2id', iterations: 3, memoryMiB: 2048, parallelism: 4 },
    ] as const) {
      await expect(
        startEncryptedArchive({ filePassword: PASSWORD, kdf }, sink),
      ).rejects.toMatchObject({
        code: 'ERR_KDF_PARAMS',
      });
    }
    expect(sink).not.toHaveBeenCalled();
  });
});

describe('files that are not archives this version reads', () => {
  it('anything without the magic is not an archive', async () => {
    for (const text of ['', '{"encrypted": true}', 'PK\u0003\u0004', '\u0089COFFA']) {
      await expect(
        readArchiveHeader(bytesSource(Buffer.from(text, 'latin1'))),
      ).rejects.toMatchObject({
        key: 'errArchiveNotArchive',
        message: 'This file is not a Coffer encrypted archive.',
      });
    }
  });

  it('another format version is named, and refused before the KDF settings are looked at', async () => {
    const { bytes } = await writeArchive(PASSWORD, { data: '{}', attachments: [] });
    for (const version of [0, 2, 255]) {
      const view = Buffer.from(bytes);
      view[8] = version;
      view[9] = 77;
      await expect(openEncryptedArchive(bytesSource(view), READ_KEY)).rejects.toMatchObject({
        key: 'errArchiveVersion',
        args: [version, 1],
        message: `This archive is in format version ${version}, which this version of Coffer cannot read: it reads version 1.`,
      });
    }
  });

  it('a header with a malformed salt, chunk size or PBKDF2 extras is damaged', async () => {
    const { bytes } = await writeArchive(PASSWORD, { data: '{}', attachments: [] });
    const changes: ((v: Buffer) => void)[] = [
      (v) => v.write('!', 22, 'latin1'),
      (v) => v.write('A', 44, 'latin1'),
      (v) => v.write('AAAA', 42, 'latin1'),
      (v) => v.write('B', 43, 'latin1'),
      (v) => (v[30] = 0xc3),
      (v) => v.writeUInt32BE(63, 62),
      (v) => v.writeUInt32BE(4 * MIB + 1, 62),
      (v) => v.writeUInt32BE(1, 14),
      (v) => v.writeUInt32BE(1, 18),
    ];
    for (const change of changes) {
      const view = Buffer.from(bytes);
      change(view);
      await expect(openEncryptedArchive(bytesSource(view), READ_KEY)).rejects.toMatchObject({
        key: 'errArchiveHeaderDamaged',
      });
    }
  });
});

describe('memory: one chunk at a time', () => {
  it('the writer hands on the header, then one sealed chunk at a time', async () => {
    const written = await writeArchive(
      PASSWORD,
      {
        data: [EMPTY_VAULT, 'x'.repeat(3 * MIB)],
        attachments: [{ itemId: 'i', fileName: 'f', content: randomBytes(5 * MIB) }],
      },
      { chunkSize: MIB },
    );
    expect(written.pieces[0]!.length).toBe(98);
    expect(written.pieces.slice(1).every((piece) => piece.length <= MIB + 16)).toBe(true);
    expect(written.pieces.length).toBeGreaterThan(8);
  });

  it('the reader asks its source for one chunk at a time, and reads only what it is asked', async () => {
    const attachments = Array.from({ length: 6 }, (_, i) => ({
      itemId: `item ${i}`,
      fileName: `file ${i}`,
      content: randomBytes(1.5 * MIB),
    }));
    const { bytes } = await writeArchive(PASSWORD, { data: EMPTY_VAULT, attachments });
    const source = recordingSource(bytes);
    const archive = await openEncryptedArchive(source, READ_KEY);
    expect(source.reads).toEqual([{ offset: 0, length: 98 }]);
    const sizes: number[] = [];
    await archive.readData();
    for await (const attachment of archive.attachments()) {
      // Every other attachment is passed over unread: it is still checked, not kept.
      if (sizes.length % 2 === 0) sizes.push((await attachment.read()).length);
      else sizes.push(-attachment.size);
    }
    expect(sizes).toEqual([1.5, -1.5, 1.5, -1.5, 1.5, -1.5].map((n) => n * MIB));
    expect(source.reads.every(({ length }) => length <= MIB + 16)).toBe(true);
    const chunkReads = source.reads.slice(1).map(({ offset }) => offset);
    expect(chunkReads).toEqual(chunkReads.map((_, i) => 98 + i * (MIB + 16)));
  });
});

describe('reading in order', () => {
  async function twoAttachments() {
    const contents = {
      data: EMPTY_VAULT,
      attachments: [
        { itemId: 'a', fileName: 'first', content: randomBytes(300) },
        { itemId: 'b', fileName: 'second', content: randomBytes(300) },
      ],
    };
    const { bytes } = await writeArchive(PASSWORD, contents, { chunkSize: 64 });
    return { contents, archive: await openEncryptedArchive(bytesSource(bytes), READ_KEY) };
  }

  it('the attachments without readData() first: data.json is read and checked on the way', async () => {
    const { contents, archive } = await twoAttachments();
    const names: string[] = [];
    for await (const attachment of archive.attachments()) names.push(attachment.fileName);
    expect(names).toEqual(['first', 'second']);
    expect(await archive.readData()).toBe(contents.data);
  });

  it('read() twice gives the same content; after moving on it is refused', async () => {
    const { contents, archive } = await twoAttachments();
    const iterator = archive.attachments();
    const first = (await iterator.next()).value!;
    const once = await first.read();
    expect(await first.read()).toBe(once);
    expect(sameBytes(once, contents.attachments[0]!.content)).toBe(true);
    const second = (await iterator.next()).value!;
    await expect(first.read()).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
    expect(sameBytes(await second.read(), contents.attachments[1]!.content)).toBe(true);
    expect((await iterator.next()).done).toBe(true);
  });

  it('the attachments once: a second loop over the same archive is refused', async () => {
    const { archive } = await twoAttachments();
    const first = archive.attachments();
    await first.next();
    await expect(archive.attachments().next()).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
    expect((await first.next()).value?.fileName).toBe('second');
  });
});

describe('limits are checked before memory is taken', () => {
  it('a data.json larger than the limit', async () => {
    const { bytes } = await writeArchive(PASSWORD, { data: 'x'.repeat(2000), attachments: [] });
    await expect(readArchive(bytes, PASSWORD, { maxDataBytes: 1999 })).rejects.toMatchObject({
      code: 'ERR_FILE_TOO_LARGE',
      key: 'errArchiveDataTooLarge',
    });
    expect((await readArchive(bytes, PASSWORD, { maxDataBytes: 2000 })).data.length).toBe(2000);
  });

  it('the words give the limit in MiB', async () => {
    const { bytes } = await writeArchive(PASSWORD, { data: 'x'.repeat(MIB + 1), attachments: [] });
    const archive = await openEncryptedArchive(bytesSource(bytes), READ_KEY, {
      maxDataBytes: MIB,
    });
    await expect(archive.readData()).rejects.toThrow(
      'The archive’s data.json is larger than the 1 MiB Coffer reads.',
    );
  });

  it('an attachment larger than the limit, named', async () => {
    const { bytes } = await writeArchive(PASSWORD, {
      data: '{}',
      attachments: [{ itemId: 'i', fileName: 'big.iso', content: randomBytes(1001) }],
    });
    await expect(readArchive(bytes, PASSWORD, { maxAttachmentBytes: 1000 })).rejects.toMatchObject({
      code: 'ERR_FILE_TOO_LARGE',
      key: 'errArchiveAttachmentTooLarge',
      args: ['big.iso', 1001, 1000],
    });
    expect(MAX_ATTACHMENT_BYTES).toBe(100 * MIB);
  });
});

describe('the writer is used in order', () => {
  async function writer() {
    return startEncryptedArchive(WRITE_KEY, async () => undefined, { chunkSize: 64 });
  }

  it('data.json comes before the attachments', async () => {
    const w = await writer();
    await w.addAttachment({ itemId: 'i', fileName: 'f' }, new Uint8Array(1));
    await expect(w.writeData('late')).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
  });

  it('nothing after finish', async () => {
    const w = await writer();
    await w.finish();
    await expect(w.finish()).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
    await expect(w.writeData('{}')).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
  });

  it('a failure stays: a sink that failed is never written to again, nor finished', async () => {
    const diskFull = new Error('disk full');
    let calls = 0;
    const w = await startEncryptedArchive(
      WRITE_KEY,
      async () => {
        calls++;
        if (calls === 2) throw diskFull;
      },
      { chunkSize: 64 },
    );
    await expect(w.writeData('x'.repeat(200))).rejects.toBe(diskFull);
    await expect(w.addAttachment({ itemId: 'i', fileName: 'f' }, new Uint8Array(9))).rejects.toBe(
      diskFull,
    );
    await expect(w.finish()).rejects.toBe(diskFull);
    expect(calls).toBe(2);
  });

  it('an attachment needs an item id and a file name', async () => {
    for (const entry of [
      { itemId: '', fileName: 'f' },
      { itemId: 'i', fileName: '' },
      { itemId: 'i', fileName: 'n'.repeat(65_536) },
    ]) {
      const w = await writer();
      await expect(w.addAttachment(entry, new Uint8Array(1))).rejects.toMatchObject({
        code: 'ERR_INTERNAL',
      });
    }
  });

  it('a chunk size outside 64 bytes … 4 MiB is refused', async () => {
    for (const chunkSize of [0, 63, 4 * MIB + 1, 100.5]) {
      await expect(
        startEncryptedArchive(WRITE_KEY, async () => undefined, { chunkSize }),
      ).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
    }
  });

  it('calls made without waiting still run in order', async () => {
    const pieces: Uint8Array[] = [];
    const w = await startEncryptedArchive(
      WRITE_KEY,
      async (piece) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        pieces.push(piece);
      },
      { chunkSize: 64 },
    );
    const content = randomBytes(500);
    await Promise.all([
      w.writeData('{"a":'),
      w.writeData('1}'),
      w.addAttachment({ itemId: 'i', fileName: 'f' }, content),
      w.finish(),
    ]);
    const read = await readArchive(Buffer.concat(pieces), PASSWORD);
    expect(read.data).toBe('{"a":1}');
    expect(sameBytes(read.attachments[0]!.content, content)).toBe(true);
  });
});
