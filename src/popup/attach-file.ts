/**
 * Puts a file on an item. The background takes the file's bytes in pieces of UPLOAD_CHUNK_BYTES,
 * each as base64 in its own message (vault-api.ts says why), then encrypts and stores it whole;
 * the whole file never sits in one string, in the popup or on the channel.
 */
import { toBase64 } from '@/src/crypto/bytes';
import { CofferError } from '@/src/errors/coffer-error';
import type { AttachmentInfo, VaultClient } from '@/src/protocol/vault-api';
import { MAX_ATTACHMENT_BYTES, UPLOAD_CHUNK_BYTES } from '@/src/vault/policy';

/** What attaching a file asks of the background. */
export type UploadClient = Pick<
  VaultClient,
  'beginUpload' | 'uploadChunk' | 'cancelUpload' | 'addAttachment'
>;

export interface AttachOptions {
  /** Told after each piece: the bytes sent so far and the file's size. */
  onProgress?(sent: number, size: number): void;
  /** Stops between pieces: the upload is cancelled and the signal's reason thrown. */
  signal?: AbortSignal;
}

/**
 * Sends `file` and attaches it to the item `itemId`. A file over the limit is refused before
 * anything is sent; once an upload has begun, any failure cancels it before it is rethrown.
 */
export async function attachFile(
  client: UploadClient,
  itemId: string,
  file: File,
  { onProgress, signal }: AttachOptions = {},
): Promise<AttachmentInfo> {
  if (file.size > MAX_ATTACHMENT_BYTES) {
    throw new CofferError('errAttachmentTooLarge', { args: [MAX_ATTACHMENT_BYTES / 1024 / 1024] });
  }
  signal?.throwIfAborted();
  const { uploadId } = await client.beginUpload({ size: file.size });
  try {
    for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
      signal?.throwIfAborted();
      const end = Math.min(offset + UPLOAD_CHUNK_BYTES, file.size);
      const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
      await client.uploadChunk({ uploadId, offset, base64: toBase64(bytes) });
      onProgress?.(end, file.size);
    }
    signal?.throwIfAborted();
    return await client.addAttachment({ itemId, fileName: file.name, uploadId });
  } catch (error) {
    // The background would drop the upload once idle; told now, it frees the memory at once.
    // Whether that succeeds changes nothing about what went wrong, which is what is reported.
    await client.cancelUpload({ uploadId }).catch(() => undefined);
    throw error;
  }
}
