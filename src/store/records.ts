/**
 * What the store keeps. Item and folder records are account-restricted export items: every
 * secret an EncString under the account key. Nothing here is plain text a person typed, except
 * the email (it is the KDF salt and names the account on the lock screen) and the optional hint.
 */
import type { KdfConfig } from '@/src/crypto/kdf-config';
import type { EncryptedFolder, EncryptedItem } from '@/src/vault/item';
import type { VaultSettings } from '@/src/vault/settings';
import type { BackupEntry } from '@/src/vault/backup-entry';

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

/** An export made, as the store keeps it (seq is assigned by the store). */
export type BackupRecord = BackupEntry & { seq?: number };
