/**
 * The attachments of an import: where each goes (attachment-placement.ts), whether they fit the
 * vault, and their content written without ever holding them all. An import is still all or
 * nothing, in two steps:
 * 1. each attachment is read, encrypted and its content alone written, one at a time: content
 *    without a description is invisible (nothing lists or opens it);
 * 2. the one transaction that writes the items, the folders and the descriptions (import-handlers).
 * Any failure after step 1 began deletes what it wrote; a worker stopped in between leaves content
 * without descriptions, which the sweep at the background's start deletes (handlers.ts).
 */
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError } from '@/src/errors/coffer-error';
import { fileAttachments } from '@/src/formats/file-attachments';
import type { AttachmentsInOrder, ParsedImport } from '@/src/formats/import-types';
import type { UnplacedAttachment } from '@/src/protocol/vault-api';
import type { AttachmentRecord } from '@/src/store/records';
import type { VaultStore } from '@/src/store/vault-store';
import {
  placeAttachments,
  type AttachmentPlacement,
  type KeptAttachment,
} from '@/src/vault/attachment-placement';
import type { ImportPlan } from '@/src/vault/import-plan';
import { checkVaultRoomForImport } from './attachment-limits';
import { attachmentNames, sealAttachment } from './attachment-records';
import type { BackgroundContext } from './context';

export interface AttachmentImport {
  source: AttachmentsInOrder;
  placement: AttachmentPlacement;
  /** What the file holds, in bytes. */
  fileBytes: number;
  unplaced: UnplacedAttachment[];
}

/**
 * Places the file's attachments after the items' plan and checks that those to add fit the
 * vault; refuses the import (naming the attachment) when one cannot be stored.
 */
export async function planAttachmentImport(
  store: VaultStore,
  key: SymmetricKey,
  parsed: ParsedImport,
  plan: ImportPlan,
): Promise<AttachmentImport> {
  const source = fileAttachments(parsed);
  const placement = placeAttachments({
    attachments: source.list,
    fileItemIds: parsed.items.map((item) => item.id),
    vaultIds: plan.vaultIds,
    inVault: source.list.length > 0 ? await keptAttachments(store, key, plan) : new Map(),
  });
  await checkVaultRoomForImport(
    store,
    placement.add.reduce((sum, placed) => sum + placed.size, 0),
  );
  return {
    source,
    placement,
    fileBytes: source.list.reduce((sum, attachment) => sum + attachment.size, 0),
    unplaced: [
      ...(parsed.missingAttachments ?? []).map(({ path }) => unplaced('missing', path)),
      ...(parsed.unknownEntries ?? []).map((path) => unplaced('unknownEntry', path)),
      ...placement.noItem.map(({ path }) => unplaced('noItem', path)),
    ],
  };
}

/**
 * The attachments of the vault items the file's items matched, with their names: only the
 * descriptions are read, and only the names of those items' attachments decrypted.
 */
async function keptAttachments(
  store: VaultStore,
  key: SymmetricKey,
  plan: ImportPlan,
): Promise<Map<string, KeptAttachment[]>> {
  // Added items have ids no vault item has, so the vault ids of the plan are the matches.
  const targets = new Set(plan.vaultIds);
  const records = (await store.listAllAttachments()).filter((r) => targets.has(r.itemId));
  const names = await attachmentNames(records, key);
  const kept = new Map<string, KeptAttachment[]>();
  records.forEach((record, i) => {
    const list = kept.get(record.itemId) ?? [];
    list.push({ fileName: names[i]!, size: record.size });
    kept.set(record.itemId, list);
  });
  return kept;
}

/**
 * Step 1: reads each attachment to add, encrypts it and writes its content alone, one at a time,
 * reporting how many are done. Resolves to the descriptions for step 2 only once the file has
 * been read to its end (an encrypted archive is then known intact); on any failure, deletes the
 * content it wrote before rethrowing.
 */
export async function writeAttachmentContent(
  ctx: BackgroundContext,
  key: SymmetricKey,
  attachments: AttachmentImport,
): Promise<AttachmentRecord[]> {
  const { source, placement } = attachments;
  const places = new Map(placement.add.map((placed) => [placed.index, placed]));
  const total = placement.add.length;
  const records: AttachmentRecord[] = [];
  const now = ctx.now().toISOString();
  if (total > 0) ctx.reportProgress({ operation: 'importAttachments', done: 0, total });
  try {
    await source.read(new Set(places.keys()), async (index, content) => {
      // A lock (the vault timeout, say) stops the import: nothing outlives the session.
      if ((await ctx.session.getKey()) !== key) throw new CofferError('errorLocked');
      const placed = places.get(index)!;
      const { record, data } = await sealAttachment(content, placed.fileName, key, {
        id: ctx.newId(),
        itemId: placed.itemId,
        now,
      });
      await ctx.store.write({ putAttachmentData: [data] });
      records.push(record);
      ctx.reportProgress({ operation: 'importAttachments', done: records.length, total });
    });
    // A reader that handed over fewer than asked for is Coffer's fault, not the file's.
    if (records.length !== total) throw new CofferError('errorInternal');
  } catch (error) {
    await discardAttachmentContent(ctx.store, records);
    throw error;
  }
  return records;
}

/**
 * Deletes the content step 1 wrote. If even that fails, the sweep at the next start deletes it:
 * without descriptions it is invisible meanwhile.
 */
export async function discardAttachmentContent(
  store: VaultStore,
  records: readonly AttachmentRecord[],
): Promise<void> {
  if (records.length === 0) return;
  await store.write({ deleteAttachmentIds: records.map((r) => r.id) }).catch(() => undefined);
}

function unplaced(reason: UnplacedAttachment['reason'], path: string): UnplacedAttachment {
  return { reason, path };
}
