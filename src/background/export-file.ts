/**
 * Writes one export file into a sink, a batch of items at a time: each batch is read, decrypted
 * (unless the file is account restricted and keeps the ciphertext), serialized and handed on, so
 * a large vault is never decrypted or held all at once.
 */
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError } from '@/src/errors/coffer-error';
import { decryptFolders, decryptItems } from '@/src/formats/encrypted-item';
import { csvExportRows, csvExportStart, isCsvExportable } from '@/src/formats/export-csv';
import { accountRestrictedExportStart } from '@/src/formats/export-encrypted';
import { jsonExportEnd, jsonExportItems, jsonExportStart } from '@/src/formats/export-json';
import type { ExportSink } from '@/src/formats/export-sink';
import type { ExportFormat, BackupKind } from '@/src/vault/backup-entry';
import type { Folder } from '@/src/vault/item';
import type { ProgressEvent } from '@/src/protocol/envelope';
import type { FolderRecord, ItemRecord } from '@/src/store/records';

/** Items read, decrypted and written per step; each step reports progress. */
const BATCH_ITEMS = 500;

export interface ExportSelection {
  folders: FolderRecord[];
  includes(record: ItemRecord): boolean;
  /** How many items the export holds, for progress. */
  total: number;
  /** Ids that must all be found (a choice of items). */
  ids?: Set<string>;
}

export interface ExportSource {
  itemBatches(size: number): AsyncIterable<ItemRecord[]>;
  reportProgress(event: Omit<ProgressEvent, 'tag'>): void;
}

export interface ExportFileJob {
  format: ExportFormat;
  kind: BackupKind;
  selection: ExportSelection;
  key: SymmetricKey;
  sink: ExportSink;
  /** Called between batches; throws to stop the export (a master password that was refused). */
  stopIfRefused(): void;
}

/** Returns how many items the file holds (for a CSV, the logins and notes it could take). */
export async function writeExportFile(
  source: ExportSource,
  job: ExportFileJob,
): Promise<{ itemCount: number }> {
  const { format, kind, selection, key, sink } = job;
  let plainFolders: Folder[] = [];
  if (kind === 'account') {
    await sink.write(await accountRestrictedExportStart(selection.folders, key));
  } else {
    plainFolders = await decryptFolders(selection.folders, key);
    await sink.write(
      format === 'csv' ? csvExportStart() : jsonExportStart({ encrypted: false }, plainFolders),
    );
  }
  let done = 0;
  let written = 0;
  const found = new Set<string>();
  source.reportProgress({ operation: 'export', done, total: selection.total });
  for await (const batch of source.itemBatches(BATCH_ITEMS)) {
    job.stopIfRefused();
    const chosen = batch.filter((r) => selection.includes(r));
    if (chosen.length === 0) continue;
    if (selection.ids) for (const r of chosen) found.add(r.id);
    if (kind === 'account') {
      await sink.write(jsonExportItems(chosen, written));
      written += chosen.length;
    } else {
      const items = await decryptItems(chosen, key);
      if (format === 'csv') {
        await sink.write(csvExportRows(items, plainFolders));
        written += items.filter(isCsvExportable).length;
      } else {
        await sink.write(jsonExportItems(items, written));
        written += items.length;
      }
    }
    done += chosen.length;
    source.reportProgress({ operation: 'export', done, total: selection.total });
  }
  if (selection.ids && found.size !== selection.ids.size) {
    throw new CofferError('ERR_NOT_FOUND', 'errItemsGone');
  }
  if (format !== 'csv') await sink.write(jsonExportEnd(done));
  return { itemCount: written };
}
