/**
 * What the store keeps. Item and folder records are account-restricted export items: every
 * secret an EncString under the account key. Nothing here is plain text a person typed, except
 * the email (it is the KDF salt and names the account on the lock screen) and the optional hint.
 */
import type { KdfConfig } from '@/src/crypto/kdf-config';
import type { EncryptedFolder, EncryptedItem } from '@/src/vault/item';
import type { VaultSettings } from '@/src/vault/settings';

export interface AccountRecord {
  email: string;
  kdf: KdfConfig;
  /** The account key wrapped by the stretched master key (an EncString). */
  protectedUserKey: string;
  /** Counts account keys: 1 for the key made at account creation, +1 per rotation. */
  keyGeneration: number;
  keyCreatedAt: string;
  createdAt: string;
  /** Shown on the lock screen, so not secret by definition; optional. */
  masterPasswordHint: string | null;
}

export type ItemRecord = EncryptedItem;
export type FolderRecord = EncryptedFolder;
export type SettingsRecord = VaultSettings;

export interface BackupRecord {
  /** Assigned by the store. */
  seq?: number;
  date: string;
  fileName: string;
  format: 'json' | 'csv' | 'encrypted_json';
  kind: 'plain' | 'account' | 'password';
  itemCount: number;
  folderCount: number;
  /** The account key generation at export time: account-restricted files die with it. */
  keyGeneration: number;
}
