/**
 * The attachments part of a backup with attachments: after data.json, each chosen item's
 * attachments are read, decrypted and handed to the archive one at a time, so only one is ever in
 * memory. One that cannot be read (its stored copy damaged, its key or name undecryptable) is never
 * a silent gap: it is left out and named in the result, or it stops the export, as the person chose.
 */
import { decryptString } from '@/src/crypto/aes-cbc-hmac';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError } from '@/src/errors/coffer-error';
import { attachmentZipPaths } from '@/src/formats/attachment-zip-paths';
import type { ExportArchive } from '@/src/formats/export-archive';
import type { LeftOutAttachment, UnreadablePolicy } from '@/src/protocol/vault-api';
import type { AttachmentRecord } from '@/src/store/records';
import { openAttachment } from './attachment-records';
import type { BackgroundContext } from './context';

export interface ArchivedAttachments {
  count: number;
  leftOut: LeftOutAttachment[];
}

/** The name shown for an attachment whose own name cannot be decrypted. */
const UNREADABLE_NAME = '?';

export async function writeAttachments(
  ctx: BackgroundContext,
  archive: ExportArchive,
  key: SymmetricKey,
  itemIds: ReadonlySet<string>,
  unreadable: UnreadablePolicy,
  stopIfRefused: () => void,
): Promise<ArchivedAttachments> {
  const records = (await ctx.store.listAllAttachments()).filter((r) => itemIds.has(r.itemId));
  const names = await Promise.all(
    records.map((r) => decryptString(r.fileName, key).catch(() => null)),
  );
  const byItem = new Map<string, { record: AttachmentRecord; name: string | null }[]>();
  records.forEach((record, i) => {
    const list = byItem.get(record.itemId) ?? [];
    list.push({ record, name: names[i]! });
    byItem.set(record.itemId, list);
  });

  const leftOut: LeftOutAttachment[] = [];
  let count = 0;
  for (const [itemId, entries] of byItem) {
    // Paths are chosen over all of an item's readable attachments at once: a later one of the
    // same name goes one folder deeper (docs/formats-attachments.md).
    const readable = entries.filter((e) => e.name !== null);
    const paths = attachmentZipPaths(
      itemId,
      readable.map((e) => ({ id: e.record.id, fileName: e.name! })),
    );
    for (const { record, name } of entries) {
      stopIfRefused();
      const content = name === null ? null : await readContent(ctx, record, key);
      if (content === null) {
        const missing = {
          itemName: await itemName(ctx, itemId, key),
          fileName: name ?? UNREADABLE_NAME,
        };
        if (unreadable === 'stop') {
          throw new CofferError('errAttachmentUnreadable', {
            args: [missing.itemName, missing.fileName],
          });
        }
        leftOut.push(missing);
        continue;
      }
      const zipPath = paths[readable.findIndex((e) => e.record.id === record.id)]!;
      await archive.addAttachment({ itemId, fileName: name!, zipPath }, content);
      count++;
    }
  }
  return { count, leftOut };
}

/** The attachment's content, or null when it cannot be read (missing, damaged, wrong key). */
async function readContent(
  ctx: BackgroundContext,
  record: AttachmentRecord,
  key: SymmetricKey,
): Promise<Uint8Array | null> {
  const data = await ctx.store.getAttachmentData(record.id);
  if (!data) return null;
  try {
    return (await openAttachment(record, data, key)).content;
  } catch {
    return null;
  }
}

async function itemName(
  ctx: BackgroundContext,
  itemId: string,
  key: SymmetricKey,
): Promise<string> {
  const record = await ctx.store.getItem(itemId);
  if (!record) return UNREADABLE_NAME;
  return decryptString(record.name, key).catch(() => UNREADABLE_NAME);
}
