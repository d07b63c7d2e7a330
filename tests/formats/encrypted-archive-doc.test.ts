/**
 * docs/encrypted-archive.md is enough to write a reader: a second implementation written from it
 * (archive-from-doc.ts, Node's crypto, none of Coffer's code) reads what Coffer writes and
 * writes what Coffer reads, and the page's worked example is a real archive whose every value
 * the page shows is the one a reader computes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountArchiveFileKey } from '@/src/crypto/archive-crypto';
import { randomBytes } from '@/src/crypto/random';
import { stretchKey } from '@/src/crypto/stretch';
import { importSymmetricKey } from '@/src/crypto/symmetric-key';
import { isErrorMessageKey } from '@/src/errors/error-codes';
import {
  docAccountMaterial,
  docAttachmentRecord,
  docDataRecord,
  docEndRecord,
  openArchiveFromDoc,
  parseDocRecords,
  sealArchiveFromDoc,
  type DocRecord,
} from '../helpers/archive-from-doc';
import {
  EXAMPLE_CONTENT,
  EXAMPLE_DATA,
  EXAMPLE_FILE_NAME,
  EXAMPLE_ITEM_ID,
  EXAMPLE_PASSWORD,
  exampleBytesFromDoc,
  exampleSectionOf,
  renderArchiveExample,
} from '../helpers/archive-example';
import { readArchive, writeArchive } from '../helpers/encrypted-archive';

const page = fs.readFileSync(path.resolve('docs/encrypted-archive.md'), 'utf8');
const PASSWORD = 'pässwörd from the page';

describe('the page’s worked example', () => {
  const section = exampleSectionOf(page);
  const bytes = exampleBytesFromDoc(section);

  it('is an archive Coffer opens, with the contents the page names', async () => {
    expect(bytes.length).toBeGreaterThan(98);
    const read = await readArchive(bytes, EXAMPLE_PASSWORD);
    expect(read.data).toBe(EXAMPLE_DATA);
    expect(read.attachments).toHaveLength(1);
    const [attachment] = read.attachments;
    expect(attachment).toMatchObject({ itemId: EXAMPLE_ITEM_ID, fileName: EXAMPLE_FILE_NAME });
    expect(Buffer.from(attachment!.content).toString('utf8')).toBe(EXAMPLE_CONTENT);
  });

  it('shows exactly the header fields, keys, chunks and records computed from its bytes', () => {
    expect(section).toBe(renderArchiveExample(bytes));
  });

  it('is refused with another password, and after any of its chunk bytes changes', async () => {
    await expect(readArchive(bytes, 'Correct horse battery staple')).rejects.toMatchObject({
      key: 'errWrongFilePassword',
    });
    const changed = Buffer.from(bytes);
    changed[changed.length - 1]! ^= 1;
    await expect(readArchive(changed, EXAMPLE_PASSWORD)).rejects.toMatchObject({
      key: 'errFileDamaged',
    });
  });
});

describe('a second implementation, from the page alone', () => {
  it.each([64, 1000, 1024 * 1024])(
    'reads what Coffer writes, chunks of %i bytes',
    async (chunkSize) => {
      const attachments = [
        { itemId: crypto.randomUUID(), fileName: 'a 📎.bin', content: randomBytes(3000) },
        { itemId: crypto.randomUUID(), fileName: 'empty', content: new Uint8Array(0) },
      ];
      const data = `{"items": [], "note": "Ünïcode ${'x'.repeat(500)}"}`;
      const { bytes } = await writeArchive(
        PASSWORD,
        { data: [data.slice(0, 20), data.slice(20)], attachments },
        { chunkSize },
      );
      const opened = openArchiveFromDoc(PASSWORD, Buffer.from(bytes));
      expect(opened.chunkSize).toBe(chunkSize);
      const records = parseDocRecords(opened.stream);
      const joined = Buffer.concat(
        records.flatMap((r) => (r.type === 'data' ? [r.data] : [])),
      ).toString('utf8');
      expect(joined).toBe(data);
      const files = records.flatMap((r) => (r.type === 'attachment' ? [r] : []));
      expect(files.map((f) => [f.itemId, f.fileName, f.size])).toEqual(
        attachments.map((a) => [a.itemId, a.fileName, a.content.length]),
      );
      files.forEach((f, i) => expect(f.content.equals(attachments[i]!.content)).toBe(true));
      expect(records.at(-1)).toMatchObject({ type: 'end', count: records.length - 1 });
      expect(records.at(-1)!.offset + 5).toBe(opened.stream.length);
    },
  );

  it('writes what Coffer reads', async () => {
    for (const chunkSize of [64, 333, 4096]) {
      const content = randomBytes(5000);
      const stream = Buffer.concat([
        docDataRecord('{"encrypted": '),
        docDataRecord('false}'),
        docAttachmentRecord('item-1', 'notes.txt', Buffer.from(content)),
        docAttachmentRecord('item-2', 'zero', Buffer.alloc(0)),
        docEndRecord(4),
      ]);
      const archive = sealArchiveFromDoc(PASSWORD, stream, { chunkSize });
      const read = await readArchive(archive, PASSWORD);
      expect(read.data).toBe('{"encrypted": false}');
      expect(read.attachments.map((a) => [a.itemId, a.fileName, a.size])).toEqual([
        ['item-1', 'notes.txt', 5000],
        ['item-2', 'zero', 0],
      ]);
      expect(Buffer.from(read.attachments[0]!.content).equals(Buffer.from(content))).toBe(true);
    }
  });
});

describe('an account-key archive, from the page alone', () => {
  const ACCOUNT_KEY = Buffer.from(randomBytes(64));

  it('the second implementation reads what Coffer writes with the account key', async () => {
    const accountKey = await importSymmetricKey(ACCOUNT_KEY);
    const content = randomBytes(700);
    const { bytes } = await writeArchive(
      { accountKey },
      { data: '{"items": []}', attachments: [{ itemId: 'i', fileName: 'k.txt', content }] },
      { chunkSize: 64 },
    );
    const opened = openArchiveFromDoc({ accountKey: ACCOUNT_KEY }, Buffer.from(bytes));
    const records = parseDocRecords(opened.stream);
    expect(records.map((r) => r.type)).toEqual(['data', 'attachment', 'end']);
    const attachment = records[1] as Extract<DocRecord, { type: 'attachment' }>;
    expect(attachment.content.equals(Buffer.from(content))).toBe(true);
    expect(() =>
      openArchiveFromDoc({ accountKey: Buffer.from(randomBytes(64)) }, Buffer.from(bytes)),
    ).toThrow('another account key');
  });

  it('Coffer reads what the second implementation writes with the account key', async () => {
    const stream = Buffer.concat([
      docDataRecord('{"encrypted": false}'),
      docAttachmentRecord('item-1', 'a.bin', Buffer.from('account bytes')),
      docEndRecord(2),
    ]);
    const archive = sealArchiveFromDoc({ accountKey: ACCOUNT_KEY }, stream, { chunkSize: 64 });
    const read = await readArchive(archive, { accountKey: await importSymmetricKey(ACCOUNT_KEY) });
    expect(read.data).toBe('{"encrypted": false}');
    expect(Buffer.from(read.attachments[0]!.content).toString()).toBe('account bytes');
  });

  it('the page’s example of the material is what both implementations compute', async () => {
    const accountKey = Buffer.from(Array.from({ length: 64 }, (_, i) => i));
    const saltText = 'AAECAwQFBgcICQoLDA0ODw==';
    const shown = page.match(/give the material\s+`([0-9a-f\s]+)`/)?.[1]?.replace(/\s+/g, '');
    expect(shown).toHaveLength(64);
    const fromDoc = docAccountMaterial(accountKey, Buffer.from(saltText));
    expect(fromDoc.toString('hex')).toBe(shown);
    // Coffer's file key is the material stretched, as the page's step 2 says.
    const fileKey = await accountArchiveFileKey(await importSymmetricKey(accountKey), saltText);
    expect(
      Buffer.from(fileKey).equals(Buffer.from(await stretchKey(new Uint8Array(fromDoc)))),
    ).toBe(true);
  });
});

describe('the page', () => {
  it('names only error keys Coffer has', () => {
    const keys = [...page.matchAll(/`(err[A-Za-z0-9]+)`/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(8);
    expect(keys.filter((key) => !isErrorMessageKey(key))).toEqual([]);
  });

  it('is linked from the README', () => {
    const readme = fs.readFileSync(path.resolve('README.md'), 'utf8');
    expect(readme).toContain('(docs/encrypted-archive.md)');
  });
});
