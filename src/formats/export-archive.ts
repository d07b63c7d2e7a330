/**
 * The two backups that carry attachments, behind one interface for the export: Bitwarden's
 * `.zip (with attachments)` (data.json, then `attachments/<itemId>/<fileName>`; docs/
 * formats-attachments.md) and Coffer's encrypted archive (docs/encrypted-archive.md), protected by
 * a file password or restricted to the account.
 * Both write data.json first, as the `.json` writer hands it over, then one attachment at a time,
 * and pass every byte they produce to `out` at once: the file is never collected here.
 */
import type { DeriveKdfMaterial } from '@/src/crypto/file-key';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import { DATA_JSON } from './attachment-zip-paths';
import type { KdbxCipher } from './registry';
import { startEncryptedArchive } from './encrypted-archive-writer';
import type { FilePiece } from './file-content';
import { startZipWriter } from './zip-writer';

/** An attachment as an archive places it: its item, its name, and its path in a zip. */
interface ArchivedAttachment {
  itemId: string;
  fileName: string;
  /** attachmentZipPaths' path for it, computed over all of its item's attachments. */
  zipPath: string;
}

export interface ExportArchive {
  /** The next piece of data.json; all of it comes before the first attachment. */
  writeData(piece: FilePiece): Promise<void>;
  addAttachment(entry: ArchivedAttachment, content: Uint8Array): Promise<void>;
  /** Writes what closes the archive; it is complete once this resolves. */
  finish(): Promise<void>;
}

/** How an encrypted archive is protected: by a file password, or by the account key. */
export type ArchiveProtection =
  | {
      filePassword: string;
      kdf: KdfConfig;
      /** Runs the file's KDF off the background's thread where there is a Worker. */
      derive?: DeriveKdfMaterial;
      /** A `.kdbx`'s cipher (the encrypted archive has one of its own). */
      cipher?: KdbxCipher;
    }
  | { accountKey: SymmetricKey };

/** Starts an archive writing into `out`; a protected one derives its key first. */
export type StartArchive = (
  out: (chunk: Uint8Array) => Promise<void>,
  protection?: ArchiveProtection,
) => Promise<ExportArchive>;

export const startZipExport: StartArchive = async (out) => {
  const zip = startZipWriter(out);
  const data = zip.startEntry(DATA_JSON, { compress: true });
  let dataOpen = true;
  const endData = async () => {
    if (!dataOpen) return;
    dataOpen = false;
    await data.end();
  };
  return {
    writeData: (piece) => data.write(piece),
    async addAttachment(entry, content) {
      await endData();
      await zip.addEntry(entry.zipPath, content);
    },
    async finish() {
      await endData();
      await zip.end();
    },
  };
};

export const startEncryptedArchiveExport: StartArchive = async (out, protection) => {
  // The registry offers this format encrypted only, and the export gives each protection its key.
  if (!protection) throw new TypeError('The encrypted archive needs a key.');
  const writer =
    'accountKey' in protection
      ? await startEncryptedArchive({ accountKey: protection.accountKey }, out)
      : await startEncryptedArchive(
          { filePassword: protection.filePassword, kdf: protection.kdf },
          out,
          protection.derive ? { derive: protection.derive } : {},
        );
  return {
    writeData: (piece) => writer.writeData(piece),
    addAttachment: ({ itemId, fileName }, content) =>
      writer.addAttachment({ itemId, fileName }, content),
    async finish() {
      await writer.finish();
    },
  };
};
