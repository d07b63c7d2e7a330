/**
 * What the store keeps. Item and folder records are account-restricted export items: every
 * secret an EncString under the account key. Nothing here is plain text a person typed, except
 * the email (it is the KDF salt and names the account on the lock screen) and the optional hint.
 */
import type { KdfConfig } from '@/src/crypto/kdf-config';
import type { EncText, EncryptedFolder, EncryptedItem } from '@/src/vault/item';
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

/**
 * An attachment's description, kept apart from its content so that an item's attachments can be
 * listed (and re-wrapped at key rotation) without reading megabytes.
 */
export interface AttachmentRecord {
  id: string;
  itemId: string;
  /** The file name, an EncString under the account key. */
  fileName: EncText;
  /** The attachment's own 64-byte key (file-data.ts), an EncString under the account key. */
  key: EncText;
  /** The file's size in bytes before encryption; clear, as Bitwarden keeps it, for the list. */
  size: number;
  creationDate: string;
  revisionDate: string;
}

/** An attachment's content: the file encrypted under the attachment's key (file-data.ts). */
export interface AttachmentDataRecord {
  id: string;
  data: Uint8Array;
}
