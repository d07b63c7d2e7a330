/**
 * Attachments of an item: adding a file the popup sent in pieces (upload-handlers.ts)
 * encrypted (attachment-records.ts), listing, renaming, deleting, and saving one back to disk
 * through the same provable download as exports. A re-prompt item's attachments are its secrets:
 * every method that touches them asks for the item's grant, as saveItem does.
 */
import { CofferError } from '@/src/errors/coffer-error';
import type { AttachmentInfo, SavedAttachment } from '@/src/protocol/vault-api';
import { readBlob } from '@/src/formats/encrypted-archive-stream';
import type { AttachmentRecord, ItemRecord } from '@/src/store/records';
import { checkAttachmentName, downloadFileName } from '@/src/vault/attachment-name';
import { MAX_ATTACHMENT_BYTES } from '@/src/vault/policy';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import {
  attachmentNames,
  encryptAttachmentName,
  openAttachment,
  sealAttachment,
} from './attachment-records';
import { attachmentTooLarge, checkVaultRoom } from './attachment-limits';
import type { BackgroundContext } from './context';

/** Any kind of file: saved under its own name, as bytes, and not opened by the browser. */
const ATTACHMENT_MIME_TYPE = 'application/octet-stream';

export function createAttachmentHandlers(ctx: BackgroundContext) {
  const uploads = ctx.uploads.attachment;

  /** The item, refused while it is a re-prompt item whose master password is not confirmed. */
  async function openItem(itemId: string, key: SymmetricKey): Promise<ItemRecord> {
    const record = await ctx.store.getItem(itemId);
    if (!record) throw new CofferError('errItemGone');
    if (record.reprompt === 1 && !ctx.grants.has(itemId, key)) {
      throw new CofferError('errRepromptRequired');
    }
    return record;
  }

  async function findAttachment(itemId: string, attachmentId: string): Promise<AttachmentRecord> {
    const record = await ctx.store.getAttachment(attachmentId);
    if (!record || record.itemId !== itemId) throw new CofferError('errAttachmentGone');
    return record;
  }

  /** The item's record with its revision date moved on: its attachments are part of it. */
  const revised = (item: ItemRecord, now: string): ItemRecord => ({ ...item, revisionDate: now });

  return {
    async listAttachments(params: { itemId: string }): Promise<AttachmentInfo[]> {
      const key = await ctx.session.requireKey();
      await openItem(params.itemId, key);
      const records = await ctx.store.listAttachments(params.itemId);
      const names = await attachmentNames(records, key);
      return records.map((record, i) => attachmentInfo(record, names[i]!));
    },

    async addAttachment(params: {
      itemId: string;
      fileName: string;
      uploadId: string;
    }): Promise<AttachmentInfo> {
      const key = await ctx.session.requireKey();
      const item = await openItem(params.itemId, key);
      const fileName = checkAttachmentName(params.fileName);
      const file = uploads.complete(params.uploadId);
      if (file.size > MAX_ATTACHMENT_BYTES) throw attachmentTooLarge(MAX_ATTACHMENT_BYTES);
      await checkVaultRoom(ctx.store, file.size);
      const content = await readBlob(file);
      const now = ctx.now().toISOString();
      const { record, data } = await sealAttachment(content, fileName, key, {
        id: ctx.newId(),
        itemId: item.id,
        now,
      });
      await ctx.store.write({
        putAttachments: [record],
        putAttachmentData: [data],
        putItems: [revised(item, now)],
      });
      // Only once it is stored: a refused or failed add leaves the upload to try again.
      uploads.drop(params.uploadId);
      return attachmentInfo(record, fileName);
    },

    async renameAttachment(params: {
      itemId: string;
      attachmentId: string;
      fileName: string;
    }): Promise<AttachmentInfo> {
      const key = await ctx.session.requireKey();
      const item = await openItem(params.itemId, key);
      const record = await findAttachment(params.itemId, params.attachmentId);
      const fileName = checkAttachmentName(params.fileName);
      const now = ctx.now().toISOString();
      const renamed: AttachmentRecord = {
        ...record,
        fileName: await encryptAttachmentName(fileName, key),
        revisionDate: now,
      };
      await ctx.store.write({ putAttachments: [renamed], putItems: [revised(item, now)] });
      return attachmentInfo(renamed, fileName);
    },

    async deleteAttachment(params: { itemId: string; attachmentId: string }): Promise<null> {
      const key = await ctx.session.requireKey();
      const item = await openItem(params.itemId, key);
      const record = await findAttachment(params.itemId, params.attachmentId);
      await ctx.store.write({
        deleteAttachmentIds: [record.id],
        putItems: [revised(item, ctx.now().toISOString())],
      });
      return null;
    },

    /**
     * Reads and decrypts in the vault's turn, then waits for the download outside it: a slow
     * "Save as" holds up no other request.
     */
    async saveAttachment(params: {
      itemId: string;
      attachmentId: string;
    }): Promise<SavedAttachment> {
      const file = await ctx.exclusive(async () => {
        const key = await ctx.session.requireKey();
        await openItem(params.itemId, key);
        const record = await findAttachment(params.itemId, params.attachmentId);
        const data = await ctx.store.getAttachmentData(record.id);
        if (!data) throw new CofferError('errAttachmentGone');
        return openAttachment(record, data, key);
      });
      const saved = await ctx.downloader.save({
        fileName: downloadFileName(file.fileName),
        mimeType: ATTACHMENT_MIME_TYPE,
        content: { kind: 'bytes', bytes: file.content },
      });
      return { fileName: saved.fileName, bytes: saved.bytes };
    },
  };
}

function attachmentInfo(record: AttachmentRecord, fileName: string): AttachmentInfo {
  return { id: record.id, itemId: record.itemId, fileName, size: record.size };
}
