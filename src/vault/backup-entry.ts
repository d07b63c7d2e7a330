/** What Coffer remembers of each export it made: never a secret, only what and when. */
import type { ExportFormatId } from '@/src/formats/registry';
import type { FileProtection } from './file-protection';

export interface BackupEntry {
  date: string;
  /** The name the browser saved the file under. */
  fileName: string;
  format: ExportFormatId;
  /** plain: .json/.csv; account: account restricted; password: password protected. */
  kind: FileProtection;
  itemCount: number;
  folderCount: number;
  /** The account key generation at export time: account-restricted files die with it. */
  keyGeneration: number;
  /** Written by the automatic backup rather than by hand. */
  automatic?: boolean;
}
