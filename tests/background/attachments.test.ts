/**
 * Attachments through the real background (loopback client, store on fake-indexeddb): a file
 * sent in pieces, added encrypted, listed, renamed, deleted and saved back byte for byte; the
 * limits; master password re-prompt; key rotation re-wrapping the keys and leaving the content;
 * tampering; nothing in plain text at rest; and every write all or nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import { decryptBytes, decryptString } from '@/src/crypto/aes-cbc-hmac';
import { toBase64, utf8 } from '@/src/crypto/bytes';
import { encryptedFileDataLength } from '@/src/crypto/file-data';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError } from '@/src/errors/coffer-error';
import type { ItemDraft } from '@/src/protocol/vault-api';
import type { AttachmentRecord } from '@/src/store/records';
import { DB_NAME } from '@/src/store/schema';
import type { VaultChange } from '@/src/store/vault-store';
import type { EncText } from '@/src/vault/item';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_NAME_LENGTH,
  MAX_VAULT_ATTACHMENT_BYTES,
  UPLOAD_CHUNK_BYTES,
} from '@/src/vault/policy';
import {
  TEST_KDF,
  TEST_PASSWORD,
  createUnlockedBackground,
  type TestBackground,
} from '../helpers/background';
import { dumpDatabase } from '../helpers/database-dump';
import { EMPTY_DRAFT } from '../helpers/items';
import { snapshotDatabase } from '../helpers/vault-snapshot';
import { attach, expectSameBytes, fileBytes, upload } from '../helpers/attachments';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

const noteDraft = (name: string, extra: Partial<ItemDraft> = {}): ItemDraft =>
  ({ ...EMPTY_DRAFT, type: 2, name, secureNote: { type: 0 }, ...extra }) as ItemDraft;

/** An unlocked vault with one secure note. */
async function vaultWithNote(
  options: Parameters<typeof createUnlockedBackground>[1] = {},
): Promise<TestBackground & { itemId: string }> {
  const background = await createUnlockedBackground(TEST_KDF, options);
  const note = await background.client.saveItem({ item: noteDraft('Tax papers') });
  return { ...background, itemId: note.id };
}

/** What the fake downloader was last given, as bytes. */
function lastDownload(background: TestBackground) {
  const file = background.downloads.files.at(-1)!;
  expect(file.content.kind).toBe('bytes');
  return { ...file, bytes: (file.content as { bytes: Uint8Array }).bytes };
}

/** Both attachment stores, by id: what is left of an attachment after a delete. */
async function storedAttachments(background: TestBackground) {
  const records = await background.ctx.store.listAllAttachments();
  return {
    records: records.map((r) => r.id),
    data: await Promise.all(records.map((r) => background.ctx.store.getAttachmentData(r.id))),
  };
}

describe('attachments', () => {
  it('are added, listed in the order they were added, and saved back byte for byte', async () => {
    const vault = await vaultWithNote();
    const { client, itemId } = vault;
    const before = await client.getItem({ id: itemId });
    const content = fileBytes(3000);
    const added = await attach(client, itemId, '  scan of the deed.pdf ', content);
    expect(added).toEqual({
      id: expect.any(String),
      itemId,
      fileName: 'scan of the deed.pdf',
      size: 3000,
    });
    const second = await attach(client, itemId, 'a first name alphabetically.txt', utf8('hi'));

    expect(await client.listAttachments({ itemId })).toEqual([added, second]);
    // Stored as one buffer, Bitwarden's: type 2, IV, MAC, then the padded ciphertext.
    const stored = (await vault.ctx.store.getAttachmentData(added.id))!;
    expect(stored.length).toBe(encryptedFileDataLength(3000));
    expect(stored[0]).toBe(2);
    // Its attachments are part of the item: adding one is a change of it.
    expect((await client.getItem({ id: itemId })).revisionDate > before.revisionDate).toBe(true);

    const saved = await client.saveAttachment({ itemId, attachmentId: added.id });
    expect(saved).toEqual({ fileName: 'scan of the deed.pdf', bytes: 3000 });
    const file = lastDownload(vault);
    expect(file).toMatchObject({
      fileName: 'scan of the deed.pdf',
      mimeType: 'application/octet-stream',
    });
    expectSameBytes(file.bytes, content);
  });

  it('take an empty file', async () => {
    const vault = await vaultWithNote();
    const { uploadId } = await vault.client.beginUpload({ size: 0 });
    const added = await vault.client.addAttachment({
      itemId: vault.itemId,
      fileName: 'empty.txt',
      uploadId,
    });
    expect(added.size).toBe(0);
    expect(
      await vault.client.saveAttachment({ itemId: vault.itemId, attachmentId: added.id }),
    ).toEqual({ fileName: 'empty.txt', bytes: 0 });
    expectSameBytes(lastDownload(vault).bytes, new Uint8Array(0));
  });

  it('take a file larger than one message in pieces of the largest size, and in small ones', async () => {
    const vault = await vaultWithNote();
    const large = fileBytes(UPLOAD_CHUNK_BYTES + 1000, 7);
    const added = await attach(vault.client, vault.itemId, 'large.bin', large);
    expect(added.size).toBe(large.length);
    await vault.client.saveAttachment({ itemId: vault.itemId, attachmentId: added.id });
    expectSameBytes(lastDownload(vault).bytes, large);

    const small = fileBytes(1000, 9);
    const uploadId = await upload(vault.client, small, 150);
    const pieces = await vault.client.addAttachment({
      itemId: vault.itemId,
      fileName: 'pieces.bin',
      uploadId,
    });
    await vault.client.saveAttachment({ itemId: vault.itemId, attachmentId: pieces.id });
    expectSameBytes(lastDownload(vault).bytes, small);
  });

  it('are renamed, and saved under the new name with what a download cannot hold replaced', async () => {
    const vault = await vaultWithNote();
    const { client, itemId } = vault;
    const added = await attach(client, itemId, 'old.txt', utf8('content'));
    const renamed = await client.renameAttachment({
      itemId,
      attachmentId: added.id,
      fileName: ' ../2024/taxes: final?.txt ',
    });
    expect(renamed).toEqual({ ...added, fileName: '../2024/taxes: final?.txt' });
    expect(await client.listAttachments({ itemId })).toEqual([renamed]);
    const saved = await client.saveAttachment({ itemId, attachmentId: added.id });
    expect(saved.fileName).toBe('_2024_taxes_ final_.txt');
    expectSameBytes(lastDownload(vault).bytes, utf8('content'));
  });

  it('refuse an empty, too long or control-character name, changing nothing', async () => {
    const vault = await vaultWithNote();
    const { client, itemId } = vault;
    const added = await attach(client, itemId, 'kept.txt', utf8('x'));
    const uploadId = await upload(client, utf8('y'));
    const snapshot = await snapshotDatabase();
    const cases = [
      ['   ', 'errAttachmentNeedsName'],
      ['x'.repeat(MAX_ATTACHMENT_NAME_LENGTH + 1), 'errAttachmentNameTooLong'],
      ['two\nlines.txt', 'errAttachmentNameControl'],
      ['tab\t.txt', 'errAttachmentNameControl'],
    ] as const;
    for (const [fileName, key] of cases) {
      const refusal = { code: 'ERR_INVALID_INPUT', key, where: 'fileName' };
      await expect(client.addAttachment({ itemId, fileName, uploadId })).rejects.toMatchObject(
        refusal,
      );
      await expect(
        client.renameAttachment({ itemId, attachmentId: added.id, fileName }),
      ).rejects.toMatchObject(refusal);
    }
    await expect(
      client.renameAttachment({ itemId, attachmentId: added.id, fileName: 'y'.repeat(300) }),
    ).rejects.toThrow(`at most ${MAX_ATTACHMENT_NAME_LENGTH} characters`);
    expect(await snapshotDatabase()).toBe(snapshot);
    // The longest name allowed is taken, and the refused adds left the upload to use.
    const longest = 'n'.repeat(MAX_ATTACHMENT_NAME_LENGTH);
    expect((await client.addAttachment({ itemId, fileName: longest, uploadId })).fileName).toBe(
      longest,
    );
  });

  it('are deleted, description and content', async () => {
    const vault = await vaultWithNote();
    const { client, itemId } = vault;
    const gone = await attach(client, itemId, 'gone.txt', utf8('gone'));
    const kept = await attach(client, itemId, 'kept.txt', utf8('kept'));
    await client.deleteAttachment({ itemId, attachmentId: gone.id });
    expect(await client.listAttachments({ itemId })).toEqual([kept]);
    expect(await vault.ctx.store.getAttachment(gone.id)).toBeUndefined();
    expect(await vault.ctx.store.getAttachmentData(gone.id)).toBeUndefined();
    for (const call of [
      () => client.deleteAttachment({ itemId, attachmentId: gone.id }),
      () => client.saveAttachment({ itemId, attachmentId: gone.id }),
      () => client.renameAttachment({ itemId, attachmentId: gone.id, fileName: 'x' }),
    ]) {
      await expect(call()).rejects.toMatchObject({
        code: 'ERR_NOT_FOUND',
        key: 'errAttachmentGone',
      });
    }
  });

  it('belong to their item: another item, or one that is gone, cannot reach them', async () => {
    const vault = await vaultWithNote();
    const { client, itemId } = vault;
    const added = await attach(client, itemId, 'mine.txt', utf8('mine'));
    const other = await client.saveItem({ item: noteDraft('Other') });
    await expect(
      client.saveAttachment({ itemId: other.id, attachmentId: added.id }),
    ).rejects.toMatchObject({ key: 'errAttachmentGone' });
    await expect(
      client.deleteAttachment({ itemId: other.id, attachmentId: added.id }),
    ).rejects.toMatchObject({ key: 'errAttachmentGone' });
    expect(await client.listAttachments({ itemId: other.id })).toEqual([]);

    const uploadId = await upload(client, utf8('late'));
    await expect(
      client.addAttachment({ itemId: 'no-such-item', fileName: 'late.txt', uploadId }),
    ).rejects.toMatchObject({ code: 'ERR_NOT_FOUND', key: 'errItemGone' });
    await expect(client.listAttachments({ itemId: 'no-such-item' })).rejects.toMatchObject({
      key: 'errItemGone',
    });
  });

  it('go with their item when it is deleted, description and content', async () => {
    const vault = await vaultWithNote();
    const { client, itemId } = vault;
    const other = await client.saveItem({ item: noteDraft('Other') });
    await attach(client, itemId, 'one.bin', fileBytes(100));
    await attach(client, itemId, 'two.bin', fileBytes(200));
    const kept = await attach(client, other.id, 'kept.bin', fileBytes(300));
    await client.deleteItem({ id: itemId });
    expect(await storedAttachments(vault)).toEqual({
      records: [kept.id],
      data: [expect.any(Uint8Array)],
    });
    const dump = await dumpDatabase(DB_NAME);
    const counts = dump.stores
      .filter((s) => s.name.startsWith('attachment'))
      .map((s) => [s.name, s.records.length]);
    expect(counts).toEqual([
      ['attachmentData', 1],
      ['attachments', 1],
    ]);
    expect(await vault.ctx.store.totalAttachmentBytes()).toBe(300);
  });

  it('are removed with the account', async () => {
    const vault = await vaultWithNote();
    await attach(vault.client, vault.itemId, 'one.bin', fileBytes(100));
    await vault.client.deleteAccount({ masterPassword: TEST_PASSWORD });
    const dump = await dumpDatabase(DB_NAME);
    for (const store of dump.stores.filter((s) => s.name.startsWith('attachment'))) {
      expect(store.records, store.name).toEqual([]);
    }
  });

  it('are saved only once the download is complete: an interrupted one is an error', async () => {
    const vault = await vaultWithNote();
    const added = await attach(vault.client, vault.itemId, 'one.bin', fileBytes(100));
    vault.downloads.failNext = new CofferError('errDownloadInterrupted');
    await expect(
      vault.client.saveAttachment({ itemId: vault.itemId, attachmentId: added.id }),
    ).rejects.toMatchObject({ code: 'ERR_DOWNLOAD_INTERRUPTED' });
    expect(vault.downloads.files).toEqual([]);
  });
});

describe('uploads', () => {
  it('take pieces in order only, never past the size, never larger than one message allows', async () => {
    const vault = await vaultWithNote();
    const { client, itemId } = vault;
    const content = fileBytes(300);
    const { uploadId } = await client.beginUpload({ size: 300 });
    const piece = (from: number, to: number) => toBase64(content.subarray(from, to));
    await client.uploadChunk({ uploadId, offset: 0, base64: piece(0, 100) });
    await expect(
      client.uploadChunk({ uploadId, offset: 200, base64: piece(200, 300) }),
    ).rejects.toMatchObject({
      code: 'ERR_BAD_REQUEST',
      key: 'errUploadOutOfOrder',
      args: [200, 100],
    });
    await expect(
      client.uploadChunk({ uploadId, offset: 0, base64: piece(0, 100) }),
    ).rejects.toMatchObject({ key: 'errUploadOutOfOrder' });
    await expect(
      client.uploadChunk({ uploadId, offset: 100, base64: toBase64(fileBytes(201)) }),
    ).rejects.toMatchObject({ code: 'ERR_BAD_REQUEST', key: 'errUploadBeyondSize', args: [300] });
    await expect(
      client.uploadChunk({ uploadId, offset: 100, base64: 'not base64!' }),
    ).rejects.toMatchObject({ key: 'errNotBase64' });
    await expect(
      client.addAttachment({ itemId, fileName: 'half.bin', uploadId }),
    ).rejects.toMatchObject({
      code: 'ERR_BAD_REQUEST',
      key: 'errUploadIncomplete',
      args: [100, 300],
    });
    expect(await client.listAttachments({ itemId })).toEqual([]);

    // The refused pieces changed nothing: the upload goes on where it was.
    await client.uploadChunk({ uploadId, offset: 100, base64: piece(100, 300) });
    const added = await client.addAttachment({ itemId, fileName: 'whole.bin', uploadId });
    await client.saveAttachment({ itemId, attachmentId: added.id });
    expectSameBytes(lastDownload(vault).bytes, content);
    // An upload is used once.
    await expect(
      client.addAttachment({ itemId, fileName: 'again.bin', uploadId }),
    ).rejects.toMatchObject({ code: 'ERR_NOT_FOUND', key: 'errUploadUnknown' });

    const big = await client.beginUpload({ size: UPLOAD_CHUNK_BYTES + 3 });
    await expect(
      client.uploadChunk({
        uploadId: big.uploadId,
        offset: 0,
        base64: toBase64(new Uint8Array(UPLOAD_CHUNK_BYTES + 3)),
      }),
    ).rejects.toMatchObject({
      key: 'errUploadPieceTooLarge',
      args: [UPLOAD_CHUNK_BYTES / 2 ** 20],
    });
  });

  it('are forgotten when cancelled, at a lock, and after a few idle minutes', async () => {
    const clock = { now: Date.now() };
    const vault = await vaultWithNote({ now: () => new Date(clock.now) });
    const { client } = vault;
    const unknown = { code: 'ERR_NOT_FOUND', key: 'errUploadUnknown' };
    const chunk = (uploadId: string) =>
      client.uploadChunk({ uploadId, offset: 0, base64: toBase64(utf8('abc')) });

    const cancelled = await client.beginUpload({ size: 3 });
    await client.cancelUpload(cancelled);
    await expect(chunk(cancelled.uploadId)).rejects.toMatchObject(unknown);

    const locked = await client.beginUpload({ size: 3 });
    await client.lock();
    await expect(chunk(locked.uploadId)).rejects.toMatchObject({ code: 'ERR_LOCKED' });
    await expect(client.beginUpload({ size: 3 })).rejects.toMatchObject({ code: 'ERR_LOCKED' });
    await client.unlock({ masterPassword: TEST_PASSWORD });
    await expect(chunk(locked.uploadId)).rejects.toMatchObject(unknown);

    const idle = await client.beginUpload({ size: 6 });
    clock.now += 2 * 60_000;
    await chunk(idle.uploadId);
    // Each piece starts the countdown again.
    clock.now += 2 * 60_000;
    await client.uploadChunk({ uploadId: idle.uploadId, offset: 3, base64: toBase64(utf8('def')) });
    clock.now += 3 * 60_000;
    await expect(
      client.addAttachment({ itemId: vault.itemId, fileName: 'idle.txt', uploadId: idle.uploadId }),
    ).rejects.toMatchObject(unknown);
  });

  it('are only a few at once', async () => {
    const vault = await vaultWithNote();
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await vault.client.beginUpload({ size: 1 })).uploadId);
    await expect(vault.client.beginUpload({ size: 1 })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
      key: 'errTooManyUploads',
      args: [4],
    });
    await vault.client.cancelUpload({ uploadId: ids[0]! });
    await expect(vault.client.beginUpload({ size: 1 })).resolves.toEqual({
      uploadId: expect.any(String),
    });
  });
});

describe('limits', () => {
  it('refuse a file larger than one attachment may be, before a byte is sent', async () => {
    const vault = await vaultWithNote();
    const refusal = vault.client.beginUpload({ size: MAX_ATTACHMENT_BYTES + 1 });
    await expect(refusal).rejects.toMatchObject({
      code: 'ERR_FILE_TOO_LARGE',
      key: 'errAttachmentTooLarge',
      args: [100],
    });
    await expect(refusal).rejects.toThrow('larger than 100 MiB');
    for (const size of [-1, 1.5]) {
      await expect(vault.client.beginUpload({ size })).rejects.toMatchObject({
        code: 'ERR_BAD_REQUEST',
        key: 'errUploadSizeInvalid',
      });
    }
    await expect(vault.client.beginUpload({ size: MAX_ATTACHMENT_BYTES })).resolves.toBeTruthy();
  });

  it('refuse a file the vault has no room left for, when it starts and when it is added', async () => {
    const vault = await vaultWithNote();
    const { client, ctx, itemId } = vault;
    // The vault's attachments add up to 10 bytes short of the limit (a description says so;
    // no gigabyte is written for this).
    const existing = await attach(client, itemId, 'almost full.bin', fileBytes(5));
    const record = (await ctx.store.getAttachment(existing.id))!;
    const fill = (size: number) => ctx.store.write({ putAttachments: [{ ...record, size }] });
    await fill(MAX_VAULT_ATTACHMENT_BYTES - 10);

    const full = { code: 'ERR_FILE_TOO_LARGE', key: 'errVaultAttachmentsFull', args: [1, 0] };
    await expect(client.beginUpload({ size: 11 })).rejects.toMatchObject(full);
    await expect(client.beginUpload({ size: 11 })).rejects.toThrow('1 GiB');
    // The refusal kept no upload: all four places are free.
    const uploadId = await upload(client, fileBytes(10));
    for (let i = 0; i < 3; i++) await client.beginUpload({ size: 1 });

    // Checked again when the file is added: the vault filled up meanwhile.
    await fill(MAX_VAULT_ATTACHMENT_BYTES - 9);
    const snapshot = await snapshotDatabase();
    await expect(
      client.addAttachment({ itemId, fileName: 'last.bin', uploadId }),
    ).rejects.toMatchObject(full);
    expect(await snapshotDatabase()).toBe(snapshot);

    await fill(MAX_VAULT_ATTACHMENT_BYTES - 10);
    await expect(
      client.addAttachment({ itemId, fileName: 'last.bin', uploadId }),
    ).resolves.toMatchObject({ size: 10 });
    expect(await ctx.store.totalAttachmentBytes()).toBe(MAX_VAULT_ATTACHMENT_BYTES);
  });
});

describe('master password re-prompt', () => {
  it('guards the attachments of a re-prompt item until its master password is confirmed', async () => {
    const first = await createUnlockedBackground();
    const item = await first.client.saveItem({ item: noteDraft('Guarded', { reprompt: 1 }) });
    const added = await attach(first.client, item.id, 'secret.bin', fileBytes(50));
    // A restarted worker has no grants.
    const vault = await first.restart();
    const { client } = vault;
    const ids = { itemId: item.id, attachmentId: added.id };
    const uploadId = await upload(client, fileBytes(20));
    const snapshot = await snapshotDatabase();
    for (const call of [
      () => client.listAttachments({ itemId: item.id }),
      () => client.addAttachment({ itemId: item.id, fileName: 'more.bin', uploadId }),
      () => client.renameAttachment({ ...ids, fileName: 'renamed.bin' }),
      () => client.deleteAttachment(ids),
      () => client.saveAttachment(ids),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'ERR_REPROMPT_REQUIRED' });
    }
    expect(vault.downloads.files).toEqual([]);
    expect(await snapshotDatabase()).toBe(snapshot);

    await client.confirmReprompt({ itemId: item.id, masterPassword: TEST_PASSWORD });
    expect(await client.listAttachments({ itemId: item.id })).toEqual([added]);
    await client.saveAttachment(ids);
    expectSameBytes(lastDownload(vault).bytes, fileBytes(50));
    await client.addAttachment({ itemId: item.id, fileName: 'more.bin', uploadId });
    expect(await client.listAttachments({ itemId: item.id })).toHaveLength(2);
  });
});

describe('key rotation', () => {
  it('re-wraps every attachment key and name; the content stays byte for byte and still opens', async () => {
    const vault = await vaultWithNote();
    const { client, ctx, itemId } = vault;
    const other = await client.saveItem({ item: noteDraft('Other') });
    const contents = [fileBytes(1000, 3), fileBytes(0), fileBytes(70_000, 5)];
    const added = [
      await attach(client, itemId, 'one.bin', contents[0]!),
      await attach(client, other.id, 'two.bin', contents[1]!),
      await attach(client, itemId, 'three.bin', contents[2]!),
    ];
    const oldKey = await ctx.session.requireKey();
    const recordsBefore = await ctx.store.listAllAttachments();
    const dataBefore = await Promise.all(added.map((a) => ctx.store.getAttachmentData(a.id)));

    await client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    const newKey = await ctx.session.requireKey();
    const recordsAfter = await ctx.store.listAllAttachments();
    const dataAfter = await Promise.all(added.map((a) => ctx.store.getAttachmentData(a.id)));

    for (const [i, data] of dataAfter.entries()) expectSameBytes(data!, dataBefore[i]!);
    expect(recordsAfter.map((r) => r.id)).toEqual(recordsBefore.map((r) => r.id));
    for (const [i, after] of recordsAfter.entries()) {
      const before = recordsBefore[i]!;
      const { key: _k, fileName: _f, ...clear } = after;
      expect(before).toMatchObject(clear);
      expect(after.key).not.toBe(before.key);
      expect(after.fileName).not.toBe(before.fileName);
      expect(await opens(after.key, oldKey)).toBe(false);
      expect(await opens(after.fileName, oldKey)).toBe(false);
      expect(await decryptBytes(after.key, newKey)).toEqual(await decryptBytes(before.key, oldKey));
      expect(await decryptString(after.fileName, newKey)).toBe(
        await decryptString(before.fileName, oldKey),
      );
    }

    await client.lock();
    await client.unlock({ masterPassword: TEST_PASSWORD });
    expect(await client.listAttachments({ itemId })).toEqual([added[0], added[2]]);
    for (const [i, attachment] of added.entries()) {
      await client.saveAttachment({ itemId: attachment.itemId, attachmentId: attachment.id });
      expectSameBytes(lastDownload(vault).bytes, contents[i]!);
    }
  });

  it('that fails leaves every attachment as it was', async () => {
    const vault = await vaultWithNote();
    await attach(vault.client, vault.itemId, 'one.bin', fileBytes(100));
    const snapshot = await snapshotDatabase();
    const write = vault.ctx.store.write;
    vault.ctx.store.write = (change: VaultChange) =>
      write(change.replaceAll ? { ...change, putAttachments: [...brokenRecords(change)] } : change);
    await expect(
      vault.client.rotateAccountKey({ masterPassword: TEST_PASSWORD }),
    ).rejects.toThrow();
    expect(await snapshotDatabase()).toBe(snapshot);
  });
});

describe('at rest', () => {
  it('a flipped byte of the stored content is found before any byte is used: nothing is saved', async () => {
    const vault = await vaultWithNote();
    const { client, ctx, itemId } = vault;
    const added = await attach(client, itemId, 'one.bin', fileBytes(5000));
    const data = (await ctx.store.getAttachmentData(added.id))!;
    // The IV, the MAC, the first and the last block of ciphertext.
    for (const at of [1, 20, 60, data.length - 1]) {
      const tampered = data.slice();
      tampered[at] = tampered[at]! ^ 0x01;
      await ctx.store.write({ putAttachmentData: [{ id: added.id, data: tampered }] });
      await expect(client.saveAttachment({ itemId, attachmentId: added.id })).rejects.toMatchObject(
        { code: 'ERR_DECRYPT_FAILED' },
      );
    }
    expect(vault.downloads.files).toEqual([]);
  });

  it('holds neither the name nor the content in plain text', async () => {
    const vault = await vaultWithNote();
    const name = 'NAME-MARKER-4f2a.txt';
    const content = utf8('CONTENT-MARKER-9c1e '.repeat(500));
    const added = await attach(vault.client, vault.itemId, name, content);
    await vault.client.renameAttachment({
      itemId: vault.itemId,
      attachmentId: added.id,
      fileName: 'RENAMED-MARKER-77d0.txt',
    });
    await attach(vault.client, vault.itemId, name, content);
    const dump = await dumpDatabase(DB_NAME);
    const markers = ['NAME-MARKER-4f2a', 'CONTENT-MARKER-9c1e', 'RENAMED-MARKER-77d0'];
    expect(holding(dump, markers)).toEqual([]);
    // The scan finds a marker where one is.
    expect(holding({ inner: [content] }, markers)).toEqual(['CONTENT-MARKER-9c1e']);
    expect(holding({ inner: { name } }, markers)).toEqual(['NAME-MARKER-4f2a']);
  });

  it('an add whose write fails leaves no half attachment, and the upload to try again', async () => {
    const vault = await vaultWithNote();
    const { client, ctx, itemId } = vault;
    const snapshot = await snapshotDatabase();
    const uploadId = await upload(client, fileBytes(500));
    const write = ctx.store.write;
    // The content IndexedDB refuses is the last request of the transaction: record and item
    // revision were queued before it, and must be undone with it.
    ctx.store.write = (change: VaultChange) =>
      write({
        ...change,
        putAttachmentData: [
          ...(change.putAttachmentData ?? []),
          { id: undefined } as unknown as { id: string; data: Uint8Array },
        ],
      });
    await expect(
      client.addAttachment({ itemId, fileName: 'half.bin', uploadId }),
    ).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
    expect(await snapshotDatabase()).toBe(snapshot);

    ctx.store.write = write;
    const added = await client.addAttachment({ itemId, fileName: 'whole.bin', uploadId });
    await client.saveAttachment({ itemId, attachmentId: added.id });
    expectSameBytes(lastDownload(vault).bytes, fileBytes(500));
  });
});

describe('a locked vault', () => {
  it('lists, adds and saves no attachment', async () => {
    const { client, itemId } = await vaultWithNote();
    const added = await attach(client, itemId, 'one.bin', fileBytes(10));
    await client.lock();
    for (const call of [
      () => client.listAttachments({ itemId }),
      () => client.beginUpload({ size: 1 }),
      () => client.addAttachment({ itemId, fileName: 'x', uploadId: 'u' }),
      () => client.renameAttachment({ itemId, attachmentId: added.id, fileName: 'x' }),
      () => client.deleteAttachment({ itemId, attachmentId: added.id }),
      () => client.saveAttachment({ itemId, attachmentId: added.id }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'ERR_LOCKED' });
    }
  });
});

async function opens(text: EncText, key: SymmetricKey): Promise<boolean> {
  return decryptBytes(text, key).then(
    () => true,
    () => false,
  );
}

/** The change's attachments, the last one without an id: IndexedDB refuses it. */
function brokenRecords(change: VaultChange): AttachmentRecord[] {
  const records = change.putAttachments ?? [];
  return [...records, { ...records[0]!, id: undefined } as unknown as AttachmentRecord];
}

/**
 * Which markers appear anywhere in `value`: in its text (as UTF-8) and in its bytes, also as
 * base64 at each of the three alignments, so no encoding of the name or content hides it.
 */
function holding(value: unknown, markers: string[]): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node === 'string') scan(utf8(node));
    else if (node instanceof Uint8Array) scan(node);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  const scan = (bytes: Uint8Array) => {
    const text = Buffer.from(bytes).toString('latin1');
    for (const marker of markers) {
      if (encodingsOf(marker).some((form) => text.includes(form))) found.add(marker);
    }
  };
  walk(value);
  return [...found];
}

/** The marker as text, and the parts of its base64 that do not depend on what precedes it. */
function encodingsOf(marker: string): string[] {
  const forms = [marker];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = toBase64(utf8('\0'.repeat(shift) + marker));
    // Without the group that mixes in the bytes before the marker, and the last, padded one.
    forms.push(encoded.slice(shift === 0 ? 0 : 4, -4));
  }
  return forms;
}
