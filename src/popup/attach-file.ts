/**
 * Puts a file on an item: the file is sent as an upload (upload-file.ts), then encrypted and
 * stored whole by the background.
 */
import { CofferError } from '@/src/errors/coffer-error';
import type { AttachmentInfo, VaultClient } from '@/src/protocol/vault-api';
import { MAX_ATTACHMENT_BYTES } from '@/src/vault/policy';
import { cancelUpload, uploadFile, type UploadClient } from './upload-file';

/** What attaching a file asks of the background. */
type AttachClient = UploadClient & Pick<VaultClient, 'addAttachment'>;

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
  client: AttachClient,
  itemId: string,
  file: File,
  options: AttachOptions = {},
): Promise<AttachmentInfo> {
  if (file.size > MAX_ATTACHMENT_BYTES) {
    throw new CofferError('errAttachmentTooLarge', { args: [MAX_ATTACHMENT_BYTES / 1024 / 1024] });
  }
  const uploadId = await uploadFile(client, file, { ...options, purpose: 'attachment' });
  try {
    options.signal?.throwIfAborted();
    return await client.addAttachment({ itemId, fileName: file.name, uploadId });
  } catch (error) {
    await cancelUpload(client, uploadId);
    throw error;
  }
}
