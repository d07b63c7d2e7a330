/**
 * What the store keeps. Item and folder records are account-restricted export items: every
 * secret an EncString under the account key. Nothing here is plain text a person typed, except
 * the email (it is the KDF salt and names the account on the lock screen).
 */
import type { EncryptedFolder, EncryptedItem } from '@/src/vault/item';
import type { KdfConfig } from '@/src/crypto/kdf-config';

export interface AccountRecord {
  email: string;
  kdf: KdfConfig;
  /** The account key wrapped by the stretched master key (an EncString). */
  protectedUserKey: string;
  /** Counts rotations: 1 for the key made at account creation. Export records name it. */
  keyGeneration: number;
  keyCreatedAt: string;
  createdAt: string;
  /** A hint is shown on the lock screen, so it is not secret by definition; it is optional. */
  masterPasswordHint: string | null;
}

export type ItemRecord = EncryptedItem;
export type FolderRecord = EncryptedFolder;

export interface BackupRecord {
  /** Assigned by the store. */
  seq?: number;
  date: string;
  fileName: string;
  format: 'json' | 'csv' | 'encrypted_json';
  kind: 'plain' | 'account' | 'password';
  itemCount: number;
  folderCount: number;
  keyGeneration: number;
}
