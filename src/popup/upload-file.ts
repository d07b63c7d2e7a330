/**
 * Sends a chosen file to the background. It takes a file's bytes in pieces of UPLOAD_CHUNK_BYTES,
 * each as base64 in its own message (vault-api.ts says why), so the whole file never sits in one
 * string, in the popup or on the channel; the background keeps it under an upload id, which the
 * request that uses the file names (addAttachment, previewImport, importVault).
 */
import { toBase64 } from '@/src/crypto/bytes';
import type { UploadPurpose, VaultClient } from '@/src/protocol/vault-api';
import { UPLOAD_CHUNK_BYTES } from '@/src/vault/policy';

/** What sending a file asks of the background. */
export type UploadClient = Pick<VaultClient, 'beginUpload' | 'uploadChunk' | 'cancelUpload'>;

export interface UploadOptions {
  /** What the file is for: the background's limit for it. */
  purpose: UploadPurpose;
  /** Told after each piece: the bytes sent so far and the file's size. */
  onProgress?(sent: number, size: number): void;
  /** Stops between pieces: the upload is cancelled and the signal's reason thrown. */
  signal?: AbortSignal;
}

/**
 * Sends `file` whole; its upload id. Once the upload has begun, any failure cancels it before it
 * is rethrown.
 */
export async function uploadFile(
  client: UploadClient,
  file: File,
  { purpose, onProgress, signal }: UploadOptions,
): Promise<string> {
  signal?.throwIfAborted();
  const { uploadId } = await client.beginUpload({ size: file.size, purpose });
  try {
    for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
      signal?.throwIfAborted();
      const end = Math.min(offset + UPLOAD_CHUNK_BYTES, file.size);
      const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
      await client.uploadChunk({ uploadId, offset, base64: toBase64(bytes) });
      onProgress?.(end, file.size);
    }
    signal?.throwIfAborted();
    return uploadId;
  } catch (error) {
    await cancelUpload(client, uploadId);
    throw error;
  }
}

/**
 * Tells the background to forget an upload. It would drop the upload once idle; told now, it
 * frees the memory at once. Whether that succeeds changes nothing about what went wrong before,
 * which is what is reported.
 */
export async function cancelUpload(client: UploadClient, uploadId: string): Promise<void> {
  await client.cancelUpload({ uploadId }).catch(() => undefined);
}
