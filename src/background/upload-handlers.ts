/**
 * Files sent from the popup in pieces (uploads.ts), for what the popup says they are for: an
 * attachment (checked against the vault's room before a byte is sent) or an import file. Each
 * purpose has its own staging area and limit; a piece or a cancel finds its upload in either.
 */
import type { UploadPurpose } from '@/src/protocol/vault-api';
import { blobStorageReady } from './blob-storage';
import { checkVaultRoom } from './attachment-limits';
import type { BackgroundContext } from './context';
import type { Uploads } from './uploads';

export function createUploadHandlers(ctx: BackgroundContext) {
  /** The area holding the upload; the attachments' one (which refuses it) when none does. */
  const areaOf = (uploadId: string): Uploads =>
    ctx.uploads.import.has(uploadId) ? ctx.uploads.import : ctx.uploads.attachment;

  return {
    async beginUpload(params: {
      size: number;
      purpose?: UploadPurpose;
    }): Promise<{ uploadId: string }> {
      await ctx.session.requireKey();
      // The pieces are kept as Blobs: Chromium must know how many it may keep (blob-storage.ts).
      await blobStorageReady();
      if (params.purpose === 'import') return { uploadId: ctx.uploads.import.begin(params.size) };
      const uploadId = ctx.uploads.attachment.begin(params.size);
      // Said before the file is sent, and checked again when it is added.
      try {
        await checkVaultRoom(ctx.store, params.size);
      } catch (error) {
        ctx.uploads.attachment.drop(uploadId);
        throw error;
      }
      return { uploadId };
    },

    async uploadChunk(params: { uploadId: string; offset: number; base64: string }): Promise<null> {
      await ctx.session.requireKey();
      areaOf(params.uploadId).append(params.uploadId, params.offset, params.base64);
      return null;
    },

    async cancelUpload(params: { uploadId: string }): Promise<null> {
      for (const area of Object.values(ctx.uploads)) area.drop(params.uploadId);
      return null;
    },
  };
}
