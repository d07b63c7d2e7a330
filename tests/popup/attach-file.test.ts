/**
 * attachFile's protocol sequence on its own: pieces, the limit, and what a stop or a failure
 * leaves behind (the item view's tests drive it through the popup).
 */
import { describe, expect, it } from 'vitest';
import { CofferError } from '@/src/errors/coffer-error';
import { attachFile } from '@/src/popup/attach-file';
import { MAX_ATTACHMENT_BYTES, UPLOAD_CHUNK_BYTES } from '@/src/vault/policy';
import { createFakeAttachments } from '../helpers/fake-attachments';

describe('attachFile', () => {
  it('sends a file of exactly one piece in one message and reports its progress', async () => {
    const fake = createFakeAttachments();
    const bytes = new Uint8Array(UPLOAD_CHUNK_BYTES).fill(7);
    const progress: [number, number][] = [];
    const added = await attachFile(fake.methods, 'item-1', new File([bytes], 'a.bin'), {
      onProgress: (sent, size) => progress.push([sent, size]),
    });
    expect(added).toMatchObject({ itemId: 'item-1', fileName: 'a.bin', size: UPLOAD_CHUNK_BYTES });
    expect(fake.chunks.map((c) => c.offset)).toEqual([0]);
    expect(progress).toEqual([[UPLOAD_CHUNK_BYTES, UPLOAD_CHUNK_BYTES]]);
  });

  it('adds an empty file without any piece', async () => {
    const fake = createFakeAttachments();
    const added = await attachFile(fake.methods, 'item-1', new File([], 'empty.txt'));
    expect(added).toMatchObject({ fileName: 'empty.txt', size: 0 });
    expect(fake.calls).toEqual(['beginUpload', 'addAttachment']);
  });

  it('refuses a file over the limit with errAttachmentTooLarge, before any call', async () => {
    const fake = createFakeAttachments();
    const file = new File(['x'], 'big.iso');
    Object.defineProperty(file, 'size', { value: MAX_ATTACHMENT_BYTES + 1 });
    await expect(attachFile(fake.methods, 'item-1', file)).rejects.toMatchObject({
      key: 'errAttachmentTooLarge',
      code: 'ERR_FILE_TOO_LARGE',
      args: [100],
    });
    expect(fake.calls).toEqual([]);
  });

  it('stops between pieces when its signal is aborted, and cancels the upload', async () => {
    const fake = createFakeAttachments();
    const abort = new AbortController();
    fake.beforeChunk = async () => abort.abort();
    const file = new File([new Uint8Array(UPLOAD_CHUNK_BYTES * 2)], 'two.bin');
    await expect(
      attachFile(fake.methods, 'item-1', file, { signal: abort.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.chunks).toHaveLength(1);
    expect(fake.cancelled).toEqual([fake.chunks[0]!.uploadId]);
    expect(fake.stored).toEqual([]);
  });

  it('cancels the upload when attaching it fails, and reports that failure', async () => {
    const fake = createFakeAttachments();
    const refused = new CofferError('errItemGone');
    fake.methods.addAttachment = async () => {
      throw refused;
    };
    const failingCancel = fake.methods.cancelUpload;
    fake.methods.cancelUpload = async (params) => {
      await failingCancel(params);
      throw new CofferError('errorLocked');
    };
    await expect(attachFile(fake.methods, 'item-1', new File(['hello'], 'a.txt'))).rejects.toBe(
      refused,
    );
    expect(fake.cancelled).toHaveLength(1);
  });
});
