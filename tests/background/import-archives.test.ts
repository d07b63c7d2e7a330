/**
 * Import Data with attachments, through the real background (loopback client, store on
 * fake-indexeddb): Bitwarden's `.zip (with attachments)`, Coffer's zip and encrypted archive and a
 * .1pux with files/, each sent as an upload in pieces. The preview counts the attachments and
 * names those that cannot be placed; a re-import adds none twice; limits, a damaged archive, a
 * failure in either step and a lock mid-way all leave the vault as it was; the sweep at start
 * deletes what an interrupted import left.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { concatBytes, toBase64 } from '@/src/crypto/bytes';
import { randomBytes } from '@/src/crypto/random';
import { importSymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError } from '@/src/errors/coffer-error';
import { attachmentZipPaths } from '@/src/formats/attachment-zip-paths';
import { startZipWriter } from '@/src/formats/zip-writer';
import type { ImportRequest, VaultClient } from '@/src/protocol/vault-api';
import { DB_NAME } from '@/src/store/schema';
import type { VaultChange } from '@/src/store/vault-store';
import {
  MAX_ATTACHMENT_NAME_LENGTH,
  MAX_IMPORT_UPLOAD_BYTES,
  MAX_VAULT_ATTACHMENT_BYTES,
  UPLOAD_CHUNK_BYTES,
} from '@/src/vault/policy';
import {
  TEST_KDF,
  TEST_PASSWORD,
  createUnlockedBackground,
  type TestBackground,
} from '../helpers/background';
import { writeArchive } from '../helpers/encrypted-archive';
import { countingDeriver } from '../helpers/file-key-derivers';
import { readFixtureText } from '../helpers/fixtures';
import { snapshotDatabase } from '../helpers/vault-snapshot';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

const DATA_JSON = readFixtureText('pbkdf2', 'sdk-plain.json');
/** Two items of the fixture: "Acme, Inc. "Prod"" (a login) and "Amex (partial)" (a card). */
const LOGIN = 'ee263103-4ebc-4da5-94fb-12b733c4ae91';
const CARD = '269cf12f-4a72-46be-95d2-7ad6e34ed19a';

const RECEIPT = strToU8('%PDF-1.7 the receipt');
const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3, 254, 255]);
const SCAN = strToU8('a scan of the card, both sides');
const FILE_PASSWORD = 'archive file password';

/** A `.zip (with attachments)` as Bitwarden's JSZip lays it out: folder entries included. */
function bitwardenZip(extra: Zippable = {}): Uint8Array {
  return zipSync({
    'data.json': strToU8(DATA_JSON),
    attachments: {
      [LOGIN]: { 'receipt.pdf': RECEIPT, 'photo 1.jpg': [PHOTO, { level: 0 }] },
      [CARD]: { 'scan.png': [SCAN, { level: 0 }] },
    },
    ...extra,
  });
}

interface ArchiveFile {
  itemId: string;
  /** The attachment's id where it was exported (Coffer places later files of a name under it). */
  id: string;
  fileName: string;
  content: Uint8Array;
}

const COFFER_FILES: ArchiveFile[] = [
  { itemId: LOGIN, id: 'a-1', fileName: 'receipt.pdf', content: RECEIPT },
  { itemId: CARD, id: 'a-2', fileName: 'scan.png', content: SCAN },
  // A second file of one name on one item: Coffer keeps both (one folder deeper).
  { itemId: CARD, id: 'a-3', fileName: 'scan.png', content: PHOTO },
];

/** Coffer's own `.zip (with attachments)`, written by its zip writer. */
async function cofferZip(files: ArchiveFile[] = COFFER_FILES, data = DATA_JSON) {
  const chunks: Uint8Array[] = [];
  const writer = startZipWriter(async (chunk) => void chunks.push(chunk.slice()));
  await writer.addEntry('data.json', strToU8(data), { compress: true });
  for (const itemId of new Set(files.map((f) => f.itemId))) {
    const ofItem = files.filter((f) => f.itemId === itemId);
    const paths = attachmentZipPaths(itemId, ofItem);
    for (const [i, file] of ofItem.entries()) await writer.addEntry(paths[i]!, file.content);
  }
  await writer.end();
  return concatBytes(...chunks);
}

/** Coffer's encrypted archive of the same, with the cheapest KDF a file may ask for. */
async function cofferArchive(files: ArchiveFile[] = COFFER_FILES) {
  const written = await writeArchive(FILE_PASSWORD, {
    data: DATA_JSON,
    attachments: files.map(({ itemId, fileName, content }) => ({ itemId, fileName, content })),
  });
  return written.bytes;
}

/** Sends `bytes` as an import upload, in pieces of `piece` bytes; its id. */
async function send(client: VaultClient, bytes: Uint8Array, piece = 1000): Promise<string> {
  const { uploadId } = await client.beginUpload({ size: bytes.length, purpose: 'import' });
  for (let offset = 0; offset < bytes.length; offset += piece) {
    const base64 = toBase64(bytes.subarray(offset, offset + piece));
    await client.uploadChunk({ uploadId, offset, base64 });
  }
  return uploadId;
}

/** Every attachment of the vault as item id, name and content, in a stable order. */
async function storedAttachments(background: TestBackground) {
  const { client, downloads } = background;
  const out: { itemId: string; fileName: string; content: string }[] = [];
  for (const item of (await client.listVault()).items) {
    // A re-prompt item's attachments are its secrets, as the item view asks for them.
    if (item.reprompt === 1) {
      await client.confirmReprompt({ itemId: item.id, masterPassword: TEST_PASSWORD });
    }
    for (const info of await client.listAttachments({ itemId: item.id })) {
      await client.saveAttachment({ itemId: item.id, attachmentId: info.id });
      const file = downloads.files.at(-1)!;
      expect(file.content.kind).toBe('bytes');
      const bytes = file.content.kind === 'bytes' ? file.content.bytes : new Uint8Array();
      out.push({ itemId: item.id, fileName: info.fileName, content: toBase64(bytes) });
    }
  }
  return out.sort((a, b) =>
    `${a.itemId}/${a.fileName}/${a.content}` < `${b.itemId}/${b.fileName}/${b.content}` ? -1 : 1,
  );
}

const expected = (itemId: string, fileName: string, content: Uint8Array) => ({
  itemId,
  fileName,
  content: toBase64(content),
});

/** How many attachment contents the store holds, described or not. */
async function countAttachmentData(): Promise<number> {
  const db = await openDB(DB_NAME);
  const count = await db.count('attachmentData');
  db.close();
  return count;
}

/** The store's writes from now on, in order. */
function recordWrites(background: TestBackground): VaultChange[] {
  const writes: VaultChange[] = [];
  const write = background.ctx.store.write;
  vi.spyOn(background.ctx.store, 'write').mockImplementation(async (change) => {
    writes.push(change);
    return write(change);
  });
  return writes;
}

describe("Bitwarden's .zip (with attachments)", () => {
  it('previews the attachments, then imports the items with them, one at a time', async () => {
    const background = await createUnlockedBackground();
    const { client } = background;
    const zip = bitwardenZip();
    const uploadId = await send(client, zip);
    const request: ImportRequest = { format: 'bitwarden_zip', uploadId };
    const preview = await client.previewImport(request);
    expect(preview).toMatchObject({
      needsFilePassword: false,
      fileKind: 'plain',
      itemCount: 22,
      folderCount: 3,
      toAdd: 22,
      attachments: {
        count: 3,
        bytes: RECEIPT.length + PHOTO.length + SCAN.length,
        inVault: 0,
        unplaced: [],
      },
    });
    // Its data.json, read for the preview, is kept for the confirmation.
    const openedFileToken = preview.needsFilePassword ? undefined : preview.openedFileToken;
    expect(openedFileToken).toEqual(expect.any(String));
    expect((await client.listVault()).items).toEqual([]);
    expect(await countAttachmentData()).toBe(0);

    const writes = recordWrites(background);
    expect(await client.importVault({ ...request, openedFileToken: openedFileToken! })).toEqual({
      added: 22,
      updated: 0,
      skipped: 0,
      failed: 0,
      foldersCreated: 3,
      attachments: { added: 3, skipped: 0, leftOut: 0 },
    });
    // Each attachment's content alone, then one transaction with everything else.
    expect(writes.map((w) => Object.keys(w).sort())).toEqual([
      ['putAttachmentData'],
      ['putAttachmentData'],
      ['putAttachmentData'],
      ['putAttachments', 'putFolders', 'putItems'],
    ]);
    expect(writes.slice(0, 3).every((w) => w.putAttachmentData!.length === 1)).toBe(true);
    expect(await storedAttachments(background)).toEqual(
      [
        expected(LOGIN, 'receipt.pdf', RECEIPT),
        expected(LOGIN, 'photo 1.jpg', PHOTO),
        expected(CARD, 'scan.png', SCAN),
      ].sort((a, b) =>
        `${a.itemId}/${a.fileName}/${a.content}` < `${b.itemId}/${b.fileName}/${b.content}`
          ? -1
          : 1,
      ),
    );
    // The upload was used up: the background holds the archive no longer.
    await expect(client.previewImport(request)).rejects.toMatchObject({
      key: 'errUploadUnknown',
    });
    expect(background.progress.filter((p) => p.operation === 'importAttachments')).toEqual([
      { operation: 'importAttachments', done: 0, total: 3 },
      { operation: 'importAttachments', done: 1, total: 3 },
      { operation: 'importAttachments', done: 2, total: 3 },
      { operation: 'importAttachments', done: 3, total: 3 },
    ]);
  });

  it('reads the upload where the background keeps it, a piece at a time, never whole', async () => {
    const background = await createUnlockedBackground();
    const { client } = background;
    const large = randomBytes(1536 * 1024);
    const zip = zipSync({
      'data.json': strToU8(DATA_JSON),
      attachments: {
        [LOGIN]: { 'large.bin': [large, { level: 0 }] },
        [CARD]: { 'other.bin': randomBytes(1024 * 1024) },
      },
    });
    const uploadId = await send(client, zip, UPLOAD_CHUNK_BYTES);
    // What the background reads of the upload, by the size of each Blob it reads.
    const read: number[] = [];
    const arrayBuffer = Blob.prototype.arrayBuffer;
    const text = Blob.prototype.text;
    const spies = [
      vi.spyOn(Blob.prototype, 'arrayBuffer').mockImplementation(function (this: Blob) {
        read.push(this.size);
        return arrayBuffer.call(this);
      }),
      vi.spyOn(Blob.prototype, 'text').mockImplementation(function (this: Blob) {
        read.push(this.size);
        return text.call(this);
      }),
    ];
    try {
      expect(await client.importVault({ format: 'bitwarden_zip', uploadId })).toMatchObject({
        added: 22,
        attachments: { added: 2, skipped: 0, leftOut: 0 },
      });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(read.length).toBeGreaterThan(2);
    // Nothing larger than the largest attachment at once, and all of it read once or so.
    expect(Math.max(...read)).toBeLessThanOrEqual(large.length);
    expect(read.reduce((sum, size) => sum + size, 0)).toBeLessThan(zip.length * 1.2);
    const stored = await storedAttachments(background);
    expect(stored.find((a) => a.fileName === 'large.bin')?.content).toBe(toBase64(large));
  });

  it('adds no attachment twice: a re-import adds only what the vault item lacks', async () => {
    const background = await createUnlockedBackground();
    const { client } = background;
    await client.importVault({
      format: 'bitwarden_zip',
      uploadId: await send(client, bitwardenZip()),
    });
    const before = await storedAttachments(background);
    const revisionOf = async (id: string) => (await client.getItem({ id })).revisionDate;
    const cardRevision = await revisionOf(CARD);

    const again = await send(client, bitwardenZip());
    expect(await client.previewImport({ format: 'bitwarden_zip', uploadId: again })).toMatchObject({
      identical: 22,
      attachments: { count: 3, inVault: 3, unplaced: [] },
    });
    expect(await client.importVault({ format: 'bitwarden_zip', uploadId: again })).toMatchObject({
      added: 0,
      skipped: 22,
      attachments: { added: 0, skipped: 3, leftOut: 0 },
    });
    expect(await storedAttachments(background)).toEqual(before);

    // The same backup with one file more for the card: only that one is added, to the card.
    const EXTRA = strToU8('the back of the card');
    const grown = zipSync({
      'data.json': strToU8(DATA_JSON),
      attachments: {
        [LOGIN]: { 'receipt.pdf': RECEIPT, 'photo 1.jpg': PHOTO },
        [CARD]: { 'scan.png': SCAN, 'back.png': EXTRA },
      },
    });
    const summary = await client.importVault({
      format: 'bitwarden_zip',
      uploadId: await send(client, grown),
    });
    expect(summary).toMatchObject({ added: 0, attachments: { added: 1, skipped: 3 } });
    expect(await storedAttachments(background)).toEqual(
      [...before, expected(CARD, 'back.png', EXTRA)].sort((a, b) =>
        `${a.itemId}/${a.fileName}/${a.content}` < `${b.itemId}/${b.fileName}/${b.content}`
          ? -1
          : 1,
      ),
    );
    // The card gained an attachment: it changed, as when one is added by hand.
    expect(await revisionOf(CARD)).not.toBe(cardRevision);
    expect((await client.listVault()).items).toHaveLength(22);
  });

  it('gives the copies "Import all" makes their own attachments', async () => {
    const background = await createUnlockedBackground();
    const { client } = background;
    await client.importVault({
      format: 'bitwarden_zip',
      uploadId: await send(client, bitwardenZip()),
    });
    const summary = await client.importVault({
      format: 'bitwarden_zip',
      uploadId: await send(client, bitwardenZip()),
      duplicates: 'all',
    });
    expect(summary).toMatchObject({ added: 22, attachments: { added: 3, skipped: 0 } });
    const cards = (await client.listVault()).items.filter((i) => i.name === 'Amex (partial)');
    expect(cards).toHaveLength(2);
    for (const card of cards) {
      expect((await client.listAttachments({ itemId: card.id })).map((a) => a.fileName)).toEqual([
        'scan.png',
      ]);
    }
  });

  it("puts an account-restricted data.json's attachments on the items it matches", async () => {
    const background = await createUnlockedBackground();
    const { client, downloads } = background;
    await client.importVault({ format: 'bitwarden_json', content: DATA_JSON });
    await client.exportVault({
      format: 'encrypted_json',
      mode: 'account',
      masterPassword: TEST_PASSWORD,
    });
    const restricted = downloads.files.at(-1)!.text;
    const zip = zipSync({
      'data.json': strToU8(restricted),
      attachments: { [CARD]: { 'scan.png': SCAN } },
    });
    const uploadId = await send(client, zip);
    expect(await client.previewImport({ format: 'bitwarden_zip', uploadId })).toMatchObject({
      fileKind: 'account',
      identical: 22,
      attachments: { count: 1, inVault: 0 },
    });
    expect(await client.importVault({ format: 'bitwarden_zip', uploadId })).toMatchObject({
      added: 0,
      skipped: 22,
      attachments: { added: 1 },
    });
    expect(await storedAttachments(background)).toEqual([expected(CARD, 'scan.png', SCAN)]);
  });

  it('names attachments it cannot place, and leaves them out only when agreed', async () => {
    const background = await createUnlockedBackground();
    const { client } = background;
    const zip = bitwardenZip({
      '__MACOSX/._receipt.pdf': strToU8('resource fork'),
      [`attachments/not-an-item/orphan.txt`]: strToU8('whose?'),
    });
    const uploadId = await send(client, zip);
    const preview = await client.previewImport({ format: 'bitwarden_zip', uploadId });
    expect(preview.needsFilePassword === false && preview.attachments).toEqual({
      count: 4,
      bytes: RECEIPT.length + PHOTO.length + SCAN.length + 'whose?'.length,
      inVault: 0,
      unplaced: [
        { reason: 'unknownEntry', path: '__MACOSX/._receipt.pdf' },
        { reason: 'noItem', path: 'attachments/not-an-item/orphan.txt' },
      ],
    });
    const before = await snapshotDatabase();
    await expect(client.importVault({ format: 'bitwarden_zip', uploadId })).rejects.toMatchObject({
      code: 'ERR_UNPLACED_ATTACHMENTS',
      args: [2, '"__MACOSX/._receipt.pdf", "attachments/not-an-item/orphan.txt"'],
    });
    expect(await snapshotDatabase()).toBe(before);
    expect(
      await client.importVault({
        format: 'bitwarden_zip',
        uploadId,
        skipUnplacedAttachments: true,
      }),
    ).toMatchObject({ added: 22, attachments: { added: 3, leftOut: 2 } });
  });
});

describe("Coffer's zip and encrypted archive", () => {
  it.each(['coffer_zip', 'bitwarden_zip'] as const)(
    'reads its zip chosen as %s, keeping two files of one name on one item',
    async (format) => {
      const background = await createUnlockedBackground();
      const { client } = background;
      const uploadId = await send(client, await cofferZip());
      expect(await client.importVault({ format, uploadId })).toMatchObject({
        added: 22,
        attachments: { added: 3, skipped: 0, leftOut: 0 },
      });
      expect(await storedAttachments(background)).toHaveLength(3);
      expect(
        (await client.listAttachments({ itemId: CARD })).map((a) => [a.fileName, a.size]),
      ).toEqual([
        ['scan.png', SCAN.length],
        ['scan.png', PHOTO.length],
      ]);
    },
  );

  it('asks for the file password, opens the archive once, and imports it whole', async () => {
    const deriver = countingDeriver();
    const background = await createUnlockedBackground(TEST_KDF, { fileKeyDeriver: deriver });
    const { client } = background;
    const uploadId = await send(client, await cofferArchive(), 4096);
    const request: ImportRequest = { format: 'coffer_zip', uploadId };
    expect(await client.previewImport(request)).toEqual({ needsFilePassword: true });
    await expect(
      client.previewImport({ ...request, filePassword: 'not the password' }),
    ).rejects.toMatchObject({ code: 'ERR_WRONG_FILE_PASSWORD' });
    const jobsBefore = deriver.jobs.length;
    const preview = await client.previewImport({ ...request, filePassword: FILE_PASSWORD });
    expect(preview).toMatchObject({
      fileKind: 'password',
      itemCount: 22,
      attachments: {
        count: 3,
        bytes: RECEIPT.length + SCAN.length + PHOTO.length,
        inVault: 0,
        unplaced: [],
      },
      openedFileToken: expect.any(String),
    });
    const token = preview.needsFilePassword === false ? preview.openedFileToken : undefined;
    expect(
      await client.importVault({ ...request, filePassword: FILE_PASSWORD, openedFileToken: token }),
    ).toMatchObject({ added: 22, attachments: { added: 3 } });
    // The preview's derivation served the import too.
    expect(deriver.jobs.length - jobsBefore).toBe(1);
    expect(await storedAttachments(background)).toEqual(
      [
        expected(LOGIN, 'receipt.pdf', RECEIPT),
        expected(CARD, 'scan.png', SCAN),
        expected(CARD, 'scan.png', PHOTO),
      ].sort((a, b) =>
        `${a.itemId}/${a.fileName}/${a.content}` < `${b.itemId}/${b.fileName}/${b.content}`
          ? -1
          : 1,
      ),
    );
  });

  it.each(['coffer_zip', 'bitwarden_zip'] as const)(
    'reads an archive made with the account key as %s, asking no file password',
    async (format) => {
      const background = await createUnlockedBackground();
      const { client } = background;
      const written = await writeArchive(
        { accountKey: await background.ctx.session.requireKey() },
        {
          data: DATA_JSON,
          attachments: COFFER_FILES.map(({ itemId, fileName, content }) => ({
            itemId,
            fileName,
            content,
          })),
        },
      );
      const uploadId = await send(client, written.bytes, 4096);
      const request: ImportRequest = { format, uploadId };
      expect(await client.previewImport(request)).toMatchObject({
        needsFilePassword: false,
        fileKind: 'account',
        itemCount: 22,
        attachments: { count: 3, inVault: 0, unplaced: [] },
      });
      // A file password that came anyway is not what opens it.
      expect(
        await client.importVault({ ...request, filePassword: 'typed for nothing' }),
      ).toMatchObject({ added: 22, attachments: { added: 3 } });
      expect(await storedAttachments(background)).toHaveLength(3);
    },
  );

  it('refuses an account-key archive of another account with its own words, writing nothing', async () => {
    const background = await createUnlockedBackground();
    const { client } = background;
    const otherAccount = await importSymmetricKey(randomBytes(64));
    const written = await writeArchive(
      { accountKey: otherAccount },
      { data: DATA_JSON, attachments: [{ itemId: LOGIN, fileName: 'r.pdf', content: RECEIPT }] },
    );
    const uploadId = await send(client, written.bytes);
    const before = await snapshotDatabase();
    for (const attempt of [client.previewImport, client.importVault]) {
      await expect(attempt({ format: 'coffer_zip', uploadId })).rejects.toMatchObject({
        code: 'ERR_DIFFERENT_ACCOUNT_KEY',
        key: 'errDifferentAccountKey',
      });
    }
    expect(await snapshotDatabase()).toBe(before);
    expect(await countAttachmentData()).toBe(0);
  });

  it('refuses a damaged archive before writing anything, in the preview and without it', async () => {
    const background = await createUnlockedBackground();
    const { client } = background;
    const archive = await cofferArchive();
    // A byte of the last chunk: only reading to the end finds it.
    archive[archive.length - 20]! ^= 1;
    const uploadId = await send(client, archive);
    const request: ImportRequest = { format: 'coffer_zip', uploadId, filePassword: FILE_PASSWORD };
    const before = await snapshotDatabase();
    await expect(client.previewImport(request)).rejects.toMatchObject({
      code: 'ERR_DECRYPT_FAILED',
    });
    await expect(client.importVault(request)).rejects.toMatchObject({
      code: 'ERR_DECRYPT_FAILED',
    });
    expect(await snapshotDatabase()).toBe(before);
    expect(await countAttachmentData()).toBe(0);
  });

  it('says clearly when the file is not an archive with attachments', async () => {
    const { client } = await createUnlockedBackground();
    const attempt = async (bytes: Uint8Array) =>
      client.previewImport({ format: 'coffer_zip', uploadId: await send(client, bytes) });
    await expect(attempt(strToU8(DATA_JSON))).rejects.toMatchObject({
      key: 'errArchiveGotJson',
      code: 'ERR_INVALID_FILE',
    });
    await expect(attempt(strToU8('name,password\nx,y\n'))).rejects.toMatchObject({
      key: 'errNotBackupArchive',
      code: 'ERR_INVALID_FILE',
    });
    await expect(attempt(zipSync({ 'export.data': strToU8('{}') }))).rejects.toMatchObject({
      key: 'errZipLooksLike1pux',
    });
  });
});

describe('a .1pux with files/', () => {
  const PASSPORT = strToU8('%PDF-1.4 passport scan');
  const onePux = () =>
    zipSync({
      'export.attributes': strToU8('{"version":3}'),
      'export.data': strToU8(
        JSON.stringify({
          accounts: [
            {
              attrs: {},
              vaults: [
                {
                  attrs: { name: 'Private' },
                  items: [
                    {
                      uuid: 'doc-item',
                      categoryUuid: '006',
                      createdAt: 1700000000,
                      updatedAt: 1700000000,
                      overview: { title: 'Passport scan' },
                      details: {
                        documentAttributes: {
                          fileName: 'passport.pdf',
                          documentId: 'dq3m2wbjr2ejbncy4ujgrfbfsi',
                          decryptedSize: PASSPORT.length,
                        },
                        sections: [
                          {
                            title: 'More',
                            fields: [
                              {
                                id: 'f1',
                                title: 'lost',
                                value: {
                                  file: { fileName: 'gone.txt', documentId: 'nnnnnnnnnnnnnnnnnn' },
                                },
                              },
                            ],
                          },
                        ],
                      },
                    },
                  ],
                },
              ],
            },
          ],
        }),
      ),
      'files/dq3m2wbjr2ejbncy4ujgrfbfsi__passport.pdf': PASSPORT,
    });

  it('imports its files as attachments, naming the one it lacks, and none twice', async () => {
    const background = await createUnlockedBackground();
    const { client } = background;
    const request = async (): Promise<ImportRequest> => ({
      format: 'onepassword_1pux',
      uploadId: await send(client, onePux()),
      skipUnplacedAttachments: true,
    });
    const first = await request();
    expect(
      await client.previewImport({ ...first, skipUnplacedAttachments: undefined }),
    ).toMatchObject({
      itemCount: 1,
      attachments: {
        count: 1,
        bytes: PASSPORT.length,
        unplaced: [{ reason: 'missing', path: 'files/nnnnnnnnnnnnnnnnnn__gone.txt' }],
      },
    });
    expect(await client.importVault(first)).toMatchObject({
      added: 1,
      attachments: { added: 1, skipped: 0, leftOut: 1 },
    });
    const [doc] = (await client.listVault()).items;
    expect(await storedAttachments(background)).toEqual([
      expected(doc!.id, 'passport.pdf', PASSPORT),
    ]);
    // 1Password's items get new ids at every import: the item is matched by its content.
    expect(await client.importVault(await request())).toMatchObject({
      added: 0,
      attachments: { added: 0, skipped: 1, leftOut: 1 },
    });
    expect(await storedAttachments(background)).toHaveLength(1);
  });
});

describe('all or nothing', () => {
  it('leaves neither items nor attachment content when the last transaction fails', async () => {
    const background = await createUnlockedBackground();
    const { client, ctx } = background;
    const uploadId = await send(client, bitwardenZip());
    const before = await snapshotDatabase();
    const write = ctx.store.write;
    vi.spyOn(ctx.store, 'write').mockImplementation(async (change) => {
      if (change.putAttachments) throw new CofferError('errVaultWriteFailed');
      return write(change);
    });
    await expect(client.importVault({ format: 'bitwarden_zip', uploadId })).rejects.toMatchObject({
      key: 'errVaultWriteFailed',
    });
    expect(await snapshotDatabase()).toBe(before);
    expect(await countAttachmentData()).toBe(0);
    vi.mocked(ctx.store.write).mockRestore();
    // The upload is kept: the same file can be imported once the store works again.
    expect(await client.importVault({ format: 'bitwarden_zip', uploadId })).toMatchObject({
      added: 22,
      attachments: { added: 3 },
    });
  });

  it('deletes what it wrote when a later attachment turns out damaged', async () => {
    const background = await createUnlockedBackground();
    const { client } = background;
    const zip = bitwardenZip();
    // The scan is stored as it is, so a byte of it can be changed in place: its CRC then fails.
    const at = zip.findIndex((_, i) => SCAN.every((b, j) => zip[i + j] === b));
    zip[at + 3]! ^= 0x20;
    const uploadId = await send(client, zip);
    const before = await snapshotDatabase();
    await expect(client.importVault({ format: 'bitwarden_zip', uploadId })).rejects.toMatchObject({
      key: 'errZipEntryCrcWrong',
    });
    expect(await snapshotDatabase()).toBe(before);
  });

  it('says the browser lost the file when its Blob becomes unreadable mid-way, writing nothing', async () => {
    const background = await createUnlockedBackground();
    const { client } = background;
    const uploadId = await send(client, bitwardenZip());
    const before = await snapshotDatabase();
    // Chromium past its blob storage: the Blob's bytes are gone, reading it is NotReadableError.
    const arrayBuffer = Blob.prototype.arrayBuffer;
    let reads = 0;
    const spy = vi.spyOn(Blob.prototype, 'arrayBuffer').mockImplementation(function (this: Blob) {
      reads += 1;
      if (reads > 4) {
        return Promise.reject(
          new DOMException('The requested file could not be read', 'NotReadableError'),
        );
      }
      return arrayBuffer.call(this);
    });
    try {
      await expect(client.importVault({ format: 'bitwarden_zip', uploadId })).rejects.toMatchObject(
        { key: 'errFileNotKept', code: 'ERR_FILE_TOO_LARGE' },
      );
    } finally {
      spy.mockRestore();
    }
    expect(reads).toBeGreaterThan(4);
    expect(await snapshotDatabase()).toBe(before);
    expect(await countAttachmentData()).toBe(0);
  });

  it('stops when the vault locks on the way, and deletes what it wrote', async () => {
    const background = await createUnlockedBackground();
    const { client, ctx } = background;
    const uploadId = await send(client, bitwardenZip());
    const before = await snapshotDatabase();
    const write = ctx.store.write;
    vi.spyOn(ctx.store, 'write').mockImplementation(async (change) => {
      await write(change);
      // The vault timeout locks after the first attachment is written.
      if (change.putAttachmentData) await ctx.session.lock();
    });
    await expect(client.importVault({ format: 'bitwarden_zip', uploadId })).rejects.toMatchObject({
      code: 'ERR_LOCKED',
    });
    expect(await snapshotDatabase()).toBe(before);
  });

  it('sweeps attachment content without a description away when the background starts', async () => {
    const background = await createUnlockedBackground();
    const { client, ctx } = background;
    await client.importVault({
      format: 'bitwarden_zip',
      uploadId: await send(client, bitwardenZip()),
    });
    // What a worker stopped between an import's two steps leaves.
    await ctx.store.write({
      putAttachmentData: [{ id: 'left-behind', data: new Uint8Array([1, 2, 3]) }],
    });
    expect(await countAttachmentData()).toBe(4);
    const restarted = await background.restart();
    // The sweep is the first thing in the new background's queue.
    await restarted.ctx.exclusive(async () => undefined);
    expect(await restarted.ctx.store.getAttachmentData('left-behind')).toBeUndefined();
    expect(await countAttachmentData()).toBe(3);
    await restarted.client.unlock({ masterPassword: TEST_PASSWORD });
    expect(await storedAttachments(restarted)).toHaveLength(3);
  });
});

describe('limits', () => {
  it("refuses attachments that do not fit the vault's room, before anything is written", async () => {
    const background = await createUnlockedBackground();
    const { client, ctx } = background;
    const uploadId = await send(client, bitwardenZip());
    // The vault's attachments take all but 10 bytes of their room.
    vi.spyOn(ctx.store, 'totalAttachmentBytes').mockResolvedValue(MAX_VAULT_ATTACHMENT_BYTES - 10);
    const before = await snapshotDatabase();
    for (const call of [client.previewImport, client.importVault]) {
      await expect(call({ format: 'bitwarden_zip', uploadId })).rejects.toMatchObject({
        key: 'errImportAttachmentsDoNotFit',
        code: 'ERR_FILE_TOO_LARGE',
        args: [0.1, 1, 0],
      });
    }
    expect(await snapshotDatabase()).toBe(before);
  });

  it('refuses an attachment whose name Coffer would not keep, naming it', async () => {
    const { client } = await createUnlockedBackground();
    const long = `${'n'.repeat(MAX_ATTACHMENT_NAME_LENGTH)}.txt`;
    for (const name of [long, 'line%0Abreak.txt']) {
      const zip = zipSync({
        'data.json': strToU8(DATA_JSON),
        [`attachments/${LOGIN}/${name}`]: strToU8('x'),
      });
      const uploadId = await send(client, zip);
      await expect(
        client.previewImport({ format: 'bitwarden_zip', uploadId }),
      ).rejects.toMatchObject({
        key: 'errImportAttachmentName',
        code: 'ERR_INVALID_FILE',
        args: [`attachments/${LOGIN}/${name}`, MAX_ATTACHMENT_NAME_LENGTH],
      });
    }
    expect((await client.listVault()).items).toEqual([]);
  });

  it('takes import files larger than an attachment, up to its own limit, one at a time', async () => {
    const { client } = await createUnlockedBackground();
    await expect(
      client.beginUpload({ size: MAX_IMPORT_UPLOAD_BYTES + 1, purpose: 'import' }),
    ).rejects.toMatchObject({ key: 'errFileTooLargeToImport' });
    const first = await client.beginUpload({ size: MAX_IMPORT_UPLOAD_BYTES, purpose: 'import' });
    // A second import file replaces the first: a popup imports one file at a time.
    const second = await send(client, bitwardenZip());
    await expect(
      client.uploadChunk({ uploadId: first.uploadId, offset: 0, base64: 'AAAA' }),
    ).rejects.toMatchObject({ key: 'errUploadUnknown' });
    expect(await client.previewImport({ format: 'bitwarden_zip', uploadId: second })).toMatchObject(
      { itemCount: 22 },
    );
    // An upload is named by its id, or the file comes in the request: exactly one of the two.
    await expect(client.previewImport({ format: 'bitwarden_zip' })).rejects.toMatchObject({
      key: 'errFileMissing',
    });
    await expect(
      client.previewImport({ format: 'bitwarden_json', content: DATA_JSON, uploadId: second }),
    ).rejects.toMatchObject({ key: 'errParamUnexpected', args: ['uploadId'] });
  });

  it('reads a text format from an upload as UTF-8', async () => {
    const { client } = await createUnlockedBackground();
    const uploadId = await send(client, strToU8(DATA_JSON));
    expect(await client.importVault({ format: 'bitwarden_json', uploadId })).toMatchObject({
      added: 22,
    });
  });
});
