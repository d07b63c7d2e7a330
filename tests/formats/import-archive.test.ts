/**
 * The reader of `Bitwarden (zip)` and `Coffer (zip)` on its own: it tells a zip from Coffer's
 * encrypted archive by the first bytes, reads a zip's data.json as Bitwarden's JSON in any kind,
 * and reads an encrypted archive to its end before believing it, deriving its key once however
 * often its attachments are read.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { DeriveKdfMaterial } from '@/src/crypto/file-key';
import { importSymmetricKey } from '@/src/crypto/symmetric-key';
import { randomBytes } from '@/src/crypto/random';
import { fileAttachments } from '@/src/formats/file-attachments';
import { ARCHIVE_READER } from '@/src/formats/import-archive';
import type { ReadFile } from '@/src/formats/format-types';
import { rememberingDerive, writeArchive } from '../helpers/encrypted-archive';
import { readFixtureText } from '../helpers/fixtures';

const DATA_JSON = readFixtureText('pbkdf2', 'sdk-plain.json');
const LOGIN = 'ee263103-4ebc-4da5-94fb-12b733c4ae91';
const CARD = '269cf12f-4a72-46be-95d2-7ad6e34ed19a';
const PASSWORD = 'the file password';
const context = { newId: () => crypto.randomUUID(), now: '2026-01-01T00:00:00.000Z' };
const bytes = (input: Uint8Array) => ({ kind: 'bytes' as const, bytes: input });

const FILES = [
  { itemId: LOGIN, fileName: 'receipt.pdf', content: strToU8('receipt') },
  { itemId: CARD, fileName: 'scan.png', content: new Uint8Array(300).fill(7) },
  { itemId: CARD, fileName: 'back.png', content: strToU8('back') },
];

async function archive(data = DATA_JSON, chunkSize = 64) {
  return (await writeArchive(PASSWORD, { data, attachments: FILES }, { chunkSize })).bytes;
}

/** Opens with the file password; the file when it was read at once. */
async function open(input: Uint8Array, derive?: DeriveKdfMaterial): Promise<ReadFile> {
  const opened = await ARCHIVE_READER.open(bytes(input), {
    filePassword: PASSWORD,
    ...(derive && { derive }),
    context,
  });
  if (opened.kind !== 'read') throw new Error('expected the file to be read');
  return opened.file;
}

/** What a pass over the attachments hands over for the positions wanted. */
async function taken(file: ReadFile, wanted: number[]) {
  const out: [number, string][] = [];
  await fileAttachments(file.parsed).read(new Set(wanted), async (index, content) => {
    out.push([index, new TextDecoder().decode(content)]);
  });
  return out;
}

describe('the archive reader', () => {
  it('reads a zip: data.json as a plain export, attachments by item, unknown entries named', async () => {
    const zip = zipSync({
      'data.json': strToU8(DATA_JSON),
      attachments: { [LOGIN]: { 'receipt.pdf': strToU8('receipt') } },
      'notes.txt': strToU8('added by hand'),
    });
    // A plain data.json needs no key: it is read as the file is opened, before the vault's turn.
    const opened = await ARCHIVE_READER.open(bytes(zip), { context });
    expect(opened.kind).toBe('read');
    if (opened.kind !== 'read') return;
    const file = opened.file;
    expect(file?.fileKind).toBe('plain');
    expect(file?.parsed.items).toHaveLength(22);
    expect(file?.parsed.unknownEntries).toEqual(['notes.txt']);
    expect(fileAttachments(file!.parsed).list).toEqual([
      { itemId: LOGIN, fileName: 'receipt.pdf', size: 7, path: `attachments/${LOGIN}/receipt.pdf` },
    ]);
    expect(await taken(file!, [0])).toEqual([[0, 'receipt']]);
  });

  it('asks for the file password of an encrypted archive, checking its header first', async () => {
    const bytesOfArchive = await archive();
    const opened = await ARCHIVE_READER.open(bytes(bytesOfArchive), { context });
    expect(opened).toEqual({ kind: 'later', later: { kind: 'encrypted' } });
    const key = await importSymmetricKey(randomBytes(64));
    expect(
      await ARCHIVE_READER.read(opened.kind === 'later' ? opened.later : never(), {
        accountKey: key,
        context,
      }),
    ).toBeUndefined();
    const damagedHeader = bytesOfArchive.slice();
    damagedHeader[8] = 9;
    await expect(ARCHIVE_READER.open(bytes(damagedHeader), { context })).rejects.toMatchObject({
      key: 'errArchiveVersion',
    });
  });

  it('lists the attachments of an encrypted archive and hands over only those wanted', async () => {
    const derive = rememberingDerive();
    const file = await open(await archive(), derive);
    expect(file.fileKind).toBe('password');
    expect(file.parsed.items).toHaveLength(22);
    expect(fileAttachments(file.parsed).list).toEqual([
      { itemId: LOGIN, fileName: 'receipt.pdf', size: 7, path: `${LOGIN}/receipt.pdf` },
      { itemId: CARD, fileName: 'scan.png', size: 300, path: `${CARD}/scan.png` },
      { itemId: CARD, fileName: 'back.png', size: 4, path: `${CARD}/back.png` },
    ]);
    expect(await taken(file, [0, 2])).toEqual([
      [0, 'receipt'],
      [2, 'back'],
    ]);
    expect(await taken(file, [1])).toEqual([[1, '\x07'.repeat(300)]]);
    // Read three times, derived once.
    expect(derive.calls()).toBe(1);
  });

  it('believes nothing of an archive damaged anywhere, however early what it wants ends', async () => {
    const damaged = await archive();
    damaged[damaged.length - 30]! ^= 1;
    await expect(open(damaged)).rejects.toMatchObject({ code: 'ERR_DECRYPT_FAILED' });
    await expect(open(damaged.subarray(0, damaged.length - 17))).rejects.toMatchObject({
      code: expect.stringMatching(/^ERR_(DECRYPT_FAILED|INVALID_FILE)$/),
    });
  });

  it('refuses an encrypted archive whose data.json is not a plain export', async () => {
    const restricted = JSON.stringify({
      encrypted: true,
      encKeyValidation_DO_NOT_EDIT: '2.AAAA|AAAA|AAAA',
      folders: [],
      items: [],
    });
    await expect(open(await archive(restricted))).rejects.toMatchObject({
      key: 'errSealedNotExport',
      field: 'data.json',
    });
  });

  it('tells what a file of another kind is', async () => {
    const attempt = (input: Uint8Array) => ARCHIVE_READER.open(bytes(input), { context });
    await expect(attempt(strToU8(`  ${DATA_JSON}`))).rejects.toMatchObject({
      key: 'errArchiveGotJson',
    });
    await expect(attempt(strToU8('url,username,password'))).rejects.toMatchObject({
      key: 'errNotBackupArchive',
    });
    await expect(attempt(new Uint8Array())).rejects.toMatchObject({ key: 'errNotBackupArchive' });
    await expect(attempt(zipSync({}))).rejects.toMatchObject({ key: 'errZipNoDataJson' });
  });
});

function never(): never {
  throw new Error('unreachable');
}
