/**
 * Reading a `.zip (with attachments)`: Bitwarden's layout (with JSZip's folder entries) and
 * Coffer's (later files of a name under their id), each attachment unpacked only when asked, other
 * entries listed, and hostile archives refused before anything is unpacked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '@/src/crypto/bytes';
import { attachmentZipPaths } from '@/src/formats/attachment-zip-paths';
import { readAttachmentZip } from '@/src/formats/attachment-zip-read';
import { IMPORT_LIMITS } from '@/src/formats/import-types';
import { readZipDirectory, ZIP_LIMITS } from '@/src/formats/zip-guard';
import { startZipWriter } from '@/src/formats/zip-writer';
import { MAX_ATTACHMENT_BYTES } from '@/src/vault/policy';
import { withDeclaredSize, withDuplicateEntry, zip64WithRoomFor } from '../helpers/hostile-zips';

const DATA_JSON = fs.readFileSync(
  path.join(import.meta.dirname, '../fixtures/bitwarden-sdk/pbkdf2/sdk-plain.json'),
  'utf8',
);
/** Two items of the fixture: "Acme, Inc. "Prod"" (a login) and "Amex (partial)" (a card). */
const LOGIN = 'ee263103-4ebc-4da5-94fb-12b733c4ae91';
const CARD = '269cf12f-4a72-46be-95d2-7ad6e34ed19a';

const bytesOf = (text: string) => strToU8(text);
const RECEIPT = bytesOf('%PDF-1.7 receipt');
const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const SCAN_1 = bytesOf('first scan');
const SCAN_2 = bytesOf('second scan, same name');

/**
 * A `.zip (with attachments)` as Bitwarden's JSZip lays it out (fflate writes the folder entries
 * of nested objects as JSZip does), the card's second "scan.png" in Coffer's deeper folder.
 */
function bitwardenLayout(): Uint8Array {
  const [scan1, scan2] = attachmentZipPaths(CARD, [
    { id: 'att-1', fileName: 'scan.png' },
    { id: 'att-2', fileName: 'scan.png' },
  ]);
  expect([scan1, scan2]).toEqual([
    `attachments/${CARD}/scan.png`,
    `attachments/${CARD}/att-2/scan.png`,
  ]);
  return zipSync({
    'data.json': strToU8(DATA_JSON),
    attachments: {
      [LOGIN]: { 'receipt.pdf': RECEIPT, 'photo 1.jpg': [PHOTO, { level: 0 }] },
      [CARD]: { 'scan.png': SCAN_1, 'att-2': { 'scan.png': SCAN_2 } },
    },
  });
}

/** What `read` gives for each attachment, by item and name. */
function contents(zip: ReturnType<typeof readAttachmentZip>) {
  return zip.attachments.map((a) => ({
    itemId: a.itemId,
    fileName: a.fileName,
    size: a.size,
    text: new TextDecoder().decode(a.read()),
  }));
}

/** An entry's name as messages quote it (names of at most 60 characters are shown whole). */
const quoted = (name: string) => `"${name}"`;

/** What `run` throws, to match its code and key. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('readAttachmentZip', () => {
  it("reads Bitwarden's layout: data.json as written, attachments by item id, folders skipped", () => {
    const zip = bitwardenLayout();
    expect(readZipDirectory(zip).map((e) => e.name)).toContain(`attachments/${CARD}/att-2/`);
    const read = readAttachmentZip(zip);
    expect(read.dataJson).toBe(DATA_JSON);
    expect(read.unknown).toEqual([]);
    expect(read.attachments.map((a) => a.path)).toEqual([
      `attachments/${LOGIN}/receipt.pdf`,
      `attachments/${LOGIN}/photo 1.jpg`,
      `attachments/${CARD}/scan.png`,
      `attachments/${CARD}/att-2/scan.png`,
    ]);
    expect(contents(read)).toEqual([
      { itemId: LOGIN, fileName: 'receipt.pdf', size: RECEIPT.length, text: '%PDF-1.7 receipt' },
      { itemId: LOGIN, fileName: 'photo 1.jpg', size: PHOTO.length, text: expect.any(String) },
      { itemId: CARD, fileName: 'scan.png', size: SCAN_1.length, text: 'first scan' },
      { itemId: CARD, fileName: 'scan.png', size: SCAN_2.length, text: 'second scan, same name' },
    ]);
    expect(read.attachments[1]!.read()).toEqual(PHOTO);
    // Every attachment belongs to an item of data.json.
    const ids = (JSON.parse(read.dataJson) as { items: { id: string }[] }).items.map((i) => i.id);
    expect(read.attachments.every((a) => ids.includes(a.itemId))).toBe(true);
  });

  it('unpacks nothing but data.json until an attachment is read', () => {
    const zip = bitwardenLayout();
    const entry = readZipDirectory(zip).find((e) => e.name === `attachments/${CARD}/scan.png`)!;
    // Damaged in its data only: the archive opens, and that one attachment fails when read.
    const damaged = zip.slice();
    damaged.fill(0xff, entry.dataStart, entry.dataStart + entry.compressedSize);
    const read = readAttachmentZip(damaged);
    expect(read.attachments).toHaveLength(4);
    expect(new TextDecoder().decode(read.attachments[0]!.read())).toBe('%PDF-1.7 receipt');
    expect(() => read.attachments[2]!.read()).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_FILE' }),
    );
  });

  it('reads back what Coffer writes, escaped names and later files of a name included', async () => {
    const attachments = [
      { id: 'a1', fileName: 'notes.txt', text: 'one' },
      { id: 'a2', fileName: 'Notes.TXT', text: 'two' },
      { id: 'a3', fileName: 'a/b\\c%41..txt', text: 'three' },
      { id: 'a4', fileName: '..', text: 'four' },
      { id: 'a5', fileName: 'tab\there', text: 'five' },
    ];
    const chunks: Uint8Array[] = [];
    const writer = startZipWriter(async (chunk) => {
      chunks.push(chunk.slice());
    });
    const data = writer.startEntry('data.json', { compress: true });
    await data.write(DATA_JSON);
    await data.end();
    const paths = attachmentZipPaths(LOGIN, attachments);
    for (const [i, a] of attachments.entries()) await writer.addEntry(paths[i]!, strToU8(a.text));
    await writer.end();

    const read = readAttachmentZip(concatBytes(...chunks));
    expect(read.dataJson).toBe(DATA_JSON);
    expect(read.unknown).toEqual([]);
    expect(contents(read)).toEqual(
      attachments.map((a) => ({
        itemId: LOGIN,
        fileName: a.fileName,
        size: a.text.length,
        text: a.text,
      })),
    );
  });

  it('lists the entries outside data.json and attachments/ instead of leaving them out unsaid', () => {
    const zip = zipSync({
      'data.json': strToU8(DATA_JSON),
      __MACOSX: { '._data.json': strToU8('resource fork') },
      'README.txt': strToU8('my backup'),
      'attachments/loose.txt': strToU8('no item'),
      [`attachments/${LOGIN}/a/b/too-deep.txt`]: strToU8('deeper than the layout'),
      [`attachments/${LOGIN}/ok.txt`]: strToU8('ok'),
    });
    const read = readAttachmentZip(zip);
    expect(read.unknown).toEqual([
      '__MACOSX/',
      '__MACOSX/._data.json',
      'README.txt',
      'attachments/loose.txt',
      `attachments/${LOGIN}/a/b/too-deep.txt`,
    ]);
    expect(read.attachments.map((a) => a.fileName)).toEqual(['ok.txt']);
  });
});

describe('readAttachmentZip refuses', () => {
  const files: Zippable = {
    'data.json': strToU8(DATA_JSON),
    [`attachments/${LOGIN}/receipt.pdf`]: [RECEIPT, { level: 0 }],
  };

  it('an entry that would unpack outside its folder (zip slip), however it is written', () => {
    for (const name of [
      '../evil.sh',
      `attachments/${LOGIN}/../../../evil.sh`,
      'attachments\\..\\..\\evil.sh',
      '/etc/cron.d/evil',
      '\\Windows\\evil.dll',
      'C:evil.dll',
      'c:/evil.dll',
    ]) {
      const zip = zipSync({ ...files, [name]: strToU8('x') });
      expect(
        thrown(() => readAttachmentZip(zip)),
        name,
      ).toMatchObject({
        code: 'ERR_INVALID_FILE',
        key: 'errZipUnsafePath',
        // Long names are shown by their end, where the file's name is.
        args: [expect.stringContaining(`${name.slice(-8)}"`)],
      });
    }
  });

  it('an archive holding one name twice, data.json or an attachment', () => {
    for (const name of ['data.json', `attachments/${LOGIN}/receipt.pdf`]) {
      expect(thrown(() => readAttachmentZip(withDuplicateEntry(files, name)))).toMatchObject({
        key: 'errZipDuplicateEntry',
        args: [quoted(name)],
      });
    }
  });

  it('an archive without data.json, with its own words for a .1pux', () => {
    const noData = zipSync({ [`attachments/${LOGIN}/receipt.pdf`]: RECEIPT });
    expect(thrown(() => readAttachmentZip(noData))).toMatchObject({
      code: 'ERR_INVALID_FILE',
      key: 'errZipNoDataJson',
    });
    const onePux = zipSync({ 'export.attributes': strToU8('{}'), 'export.data': strToU8('{}') });
    expect(thrown(() => readAttachmentZip(onePux))).toMatchObject({
      key: 'errZipLooksLike1pux',
    });
    expect(thrown(() => readAttachmentZip(strToU8(DATA_JSON)))).toMatchObject({
      key: 'errZipNotZip',
    });
  });

  it('sizes that lie: data.json at once, an attachment when it is read', () => {
    const zip = zipSync(files);
    expect(thrown(() => readAttachmentZip(withDeclaredSize(zip, 0, 100)))).toMatchObject({
      key: 'errZipEntrySizeWrong',
      args: ['"data.json"'],
    });
    const read = readAttachmentZip(withDeclaredSize(zip, 1, RECEIPT.length + 1));
    expect(read.attachments[0]!.size).toBe(RECEIPT.length + 1);
    expect(() => read.attachments[0]!.read()).toThrow(
      expect.objectContaining({ key: 'errZipEntrySizeWrong' }),
    );
  });

  it('a stored attachment whose bytes do not match its CRC-32', () => {
    const zip = zipSync(files);
    const entry = readZipDirectory(zip)[1]!;
    const flipped = zip.slice();
    flipped[entry.dataStart] = flipped[entry.dataStart]! ^ 0x01;
    const read = readAttachmentZip(flipped);
    expect(() => read.attachments[0]!.read()).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_FILE',
        key: 'errZipEntryCrcWrong',
        args: [quoted(`attachments/${LOGIN}/receipt.pdf`)],
      }),
    );
  });

  it('a data.json or an attachment larger than Coffer takes, before unpacking either', () => {
    const zip = zipSync(files);
    expect(
      thrown(() => readAttachmentZip(withDeclaredSize(zip, 0, IMPORT_LIMITS.maxFileBytes + 1))),
    ).toMatchObject({ code: 'ERR_FILE_TOO_LARGE', key: 'errZipDataJsonTooLarge' });
    const big = withDeclaredSize(zip, 1, MAX_ATTACHMENT_BYTES + 300 * 1024);
    expect(thrown(() => readAttachmentZip(big))).toMatchObject({
      code: 'ERR_FILE_TOO_LARGE',
      key: 'errZipAttachmentTooLarge',
      args: [quoted(`attachments/${LOGIN}/receipt.pdf`), 100.3, 100],
    });
  });

  it('more entries than Coffer reads, and more bytes in all than a vault holds', () => {
    expect(
      thrown(() => readAttachmentZip(zip64WithRoomFor(ZIP_LIMITS.maxEntries + 1))),
    ).toMatchObject({ code: 'ERR_FILE_TOO_LARGE', key: 'errZipTooManyEntries' });
    const huge = withDeclaredSize(zipSync(files), 1, ZIP_LIMITS.maxTotalUncompressedBytes);
    expect(thrown(() => readAttachmentZip(huge))).toMatchObject({ key: 'errZipTooLarge' });
  });

  it('attachments adding up to more than a vault holds, each small enough alone', () => {
    // Ten of 100 MiB and one of 30 MiB: within what the guard lets an archive unpack to (the
    // attachments and an import file), beyond the vault's 1 GiB.
    const sizes = [...Array<number>(10).fill(MAX_ATTACHMENT_BYTES), 30 * 1024 * 1024];
    let zip: Uint8Array = zipSync({
      'data.json': strToU8(DATA_JSON),
      ...Object.fromEntries(
        sizes.map((_, i) => [`attachments/${LOGIN}/${i}.bin`, [new Uint8Array(0), { level: 0 }]]),
      ),
    });
    sizes.forEach((size, i) => (zip = withDeclaredSize(zip, i + 1, size)));
    expect(thrown(() => readAttachmentZip(zip))).toMatchObject({
      code: 'ERR_FILE_TOO_LARGE',
      key: 'errZipAttachmentsTooLarge',
      args: [1024],
    });
  });
});
