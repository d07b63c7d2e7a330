/**
 * Writes one export file into a sink, a batch of items at a time: each batch is read, decrypted
 * (unless the file is account restricted and keeps the ciphertext), serialized and handed on, so
 * a large vault is never decrypted or held all at once.
 */
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError } from '@/src/errors/coffer-error';
import { decryptFolders, decryptItems } from '@/src/formats/encrypted-item';
import type { ExportSink } from '@/src/formats/export-sink';
import type { FormatWriter } from '@/src/formats/format-types';
import type { Folder } from '@/src/vault/item';
import type { ProgressEvent } from '@/src/protocol/envelope';
import type { FolderRecord, ItemRecord } from '@/src/store/records';
import { countedProgress, type CountedProgress } from './counted-progress';
import { workAhead } from './read-ahead';

/** Items read, decrypted and written per step; each step reports progress. */
const BATCH_ITEMS = 500;

export interface ExportSelection {
  folders: FolderRecord[];
  includes(record: ItemRecord): boolean;
  /**
   * How many items the export holds, for progress only: the export does not wait for it, and
   * asks only once the first batch is read (countedProgress says why).
   */
  count(): Promise<number>;
  /** Ids that must all be found (a choice of items). */
  ids?: Set<string>;
}

export interface ExportSource {
  itemBatches(size: number): AsyncIterable<ItemRecord[]>;
  reportProgress(event: Omit<ProgressEvent, 'tag'>): void;
}

export interface ExportFileJob {
  /** The format's writer for the file's protection (format-implementations.ts). */
  writer: FormatWriter;
  selection: ExportSelection;
  key: SymmetricKey;
  sink: ExportSink;
  /** Called between batches; throws to stop the export (a master password that was refused). */
  stopIfRefused(): void;
}

/**
 * Returns how many items the file holds (for a CSV, the logins and notes it could take), and the
 * ids of the items chosen (a backup with attachments adds theirs).
 */
export async function writeExportFile(
  source: ExportSource,
  job: ExportFileJob,
): Promise<{ itemCount: number; itemIds: Set<string> }> {
  const { writer, selection, key, sink } = job;
  let plainFolders: Folder[] = [];
  if (writer.encrypted) {
    await sink.write(await writer.start(selection.folders, key));
  } else {
    plainFolders = await decryptFolders(selection.folders, key);
    await sink.write(writer.start(plainFolders));
  }
  let done = 0;
  let written = 0;
  const chosenIds = new Set<string>();
  let progress: CountedProgress | undefined;
  const counted = () =>
    (progress ??= countedProgress(selection.count(), (done, total) =>
      source.reportProgress({ operation: 'export', done, total }),
    ));
  /** The batches with something chosen in them, each checked against a refused password. */
  async function* chosenBatches(): AsyncGenerator<ItemRecord[]> {
    for await (const batch of source.itemBatches(BATCH_ITEMS)) {
      counted();
      job.stopIfRefused();
      const chosen = batch.filter((r) => selection.includes(r));
      if (chosen.length === 0) continue;
      for (const r of chosen) chosenIds.add(r.id);
      yield chosen;
    }
  }
  // The next batches are read while this one is decrypted (the store keeps reads under way), and
  // one is decrypted (its MACs on the MAC Worker) while the one before is serialised and written.
  const decrypted = workAhead(chosenBatches(), async (chosen) => ({
    chosen,
    plain: writer.encrypted
      ? []
      : await decryptItems(writer.holds ? chosen.filter(writer.holds) : chosen, key, writer.reads),
  }));
  for await (const { chosen, plain } of decrypted) {
    const { piece, count } = writer.encrypted
      ? writer.items(chosen, written)
      : writer.items(plain, written, plainFolders);
    await sink.write(piece);
    written += count;
    done += chosen.length;
    counted().advance(done);
  }
  await counted().counted;
  if (selection.ids && chosenIds.size !== selection.ids.size) {
    throw new CofferError('errItemsGone');
  }
  if (writer.end) await sink.write(writer.end(done));
  return { itemCount: written, itemIds: chosenIds };
}
