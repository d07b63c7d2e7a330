/** What Coffer remembers of each export it made: never a secret, only what and when. */

export type ExportFormat = 'json' | 'csv' | 'encrypted_json';
/** plain: .json/.csv; account: account restricted; password: password protected. */
export type BackupKind = 'plain' | 'account' | 'password';

export interface BackupEntry {
  date: string;
  /** The name the browser saved the file under. */
  fileName: string;
  format: ExportFormat;
  kind: BackupKind;
  itemCount: number;
  folderCount: number;
  /** The account key generation at export time: account-restricted files die with it. */
  keyGeneration: number;
  /** Written by the automatic backup rather than by hand. */
  automatic?: boolean;
}
