/**
 * The contract between the popup and the background: every method the background answers, with
 * its parameters and result. Values are JSON-safe because Chrome serialises runtime messages.
 */
import type { KdfConfig } from '@/src/crypto/kdf-config';
import type { Folder, Item, ItemKind, ItemType } from '@/src/vault/item';
import type { BackupEntry } from '@/src/vault/backup-entry';
import type { FileProtection } from '@/src/vault/file-protection';
import type { DuplicatePolicy, UpdateNote } from '@/src/vault/import-plan';
import type {
  ExportFormatId,
  ImportFormatId,
  KdbxCipher,
  ProtectionsOf,
} from '@/src/formats/registry';
import type { ErrorData } from './envelope';
import type { VaultSettings } from '@/src/vault/settings';
import type { BackupDiff } from '@/src/vault/backup-diff';
import type { UnknownItemType } from '@/src/formats/import-types';
import type { ReminderReason } from '@/src/vault/backup-reminder';
import type { VaultFilter } from '@/src/vault/vault-filter';
import type { GeneratedKind, GeneratedValue } from '@/src/vault/generator-history';

export type VaultStatus =
  | { state: 'no-account' }
  | { state: 'locked'; email: string; hint: string | null }
  | { state: 'unlocked'; email: string };

/**
 * An item as getItem answers: a re-prompt item whose master password was not confirmed lately
 * comes with its secrets withheld (null, see withhold-secrets.ts) and says so, and such a copy
 * can never be saved back.
 */
export type ItemResult = Item & { secretsWithheld?: true };

/** What the vault list shows and searches, without the secrets. */
export interface ItemSummary {
  id: string;
  type: ItemType;
  name: string;
  /** Username, card brand and last digits, identity name, …: the line under the name. */
  subtitle: string | null;
  folderId: string | null;
  favorite: boolean;
  reprompt: 0 | 1;
  uris: string[];
  revisionDate: string;
  /** Archived items are listed under the Archive filter only. */
  archived: boolean;
}

export interface VaultListing {
  items: ItemSummary[];
  folders: Folder[];
}

export type { VaultFilter };

/** One window of the vault list as a filter shows it. */
export interface VaultPage {
  /** The rows asked for (fewer at the end of the list). */
  items: ItemSummary[];
  /** How many items the filter shows in all. */
  total: number;
  /** How many items the vault holds (to tell an empty vault from no match). */
  vaultSize: number;
  /**
   * How many of the list's first rows are favorites: the main list and a folder's show their
   * favorites first, under their own heading (0 where the list is not split: the favorites'
   * own list, the archive, the export's chooser).
   */
  favorites: number;
}

/** Omit over each member of a union, keeping the `type` discriminant usable. */
type DraftOf<T> = T extends unknown ? Omit<T, 'id' | 'revisionDate' | 'creationDate'> : never;

/** An item as the editor sends it: a new one has no id and no dates yet. */
export type ItemDraft = DraftOf<Item> & {
  id?: string;
  revisionDate?: string;
  creationDate?: string;
};

/** What an export holds: the whole vault (default), one folder, or chosen items. */
export type ExportScope =
  { kind: 'all' } | { kind: 'folder'; folderId: string | null } | { kind: 'items'; ids: string[] };

/**
 * A union, so impossible combinations (a file password for a CSV) cannot be typed: one member
 * for each format of the registry (src/formats/registry.ts) and each protection it offers.
 * `mode` is an encrypted file's protection; a plain format has none.
 */
export type ExportRequest = {
  [F in ExportFormatId]: ExportRequestFor<F, ProtectionsOf<F>>;
}[ExportFormatId];

/** The request for format F protected by P (one member per protection when P is a union). */
type ExportRequestFor<F extends ExportFormatId, P extends FileProtection> = P extends 'plain'
  ? { format: F; masterPassword: string; scope?: ExportScope; unreadable?: UnreadablePolicy }
  : P extends 'account'
    ? {
        format: F;
        mode: 'account';
        masterPassword: string;
        scope?: ExportScope;
        unreadable?: UnreadablePolicy;
      }
    : {
        format: F;
        mode: 'password';
        masterPassword: string;
        filePassword: string;
        /** The file's KDF; the account's settings when left out. */
        kdf?: KdfConfig;
        /** A `.kdbx`'s cipher (AES-256 when left out); other formats have their own. */
        cipher?: KdbxCipher;
        scope?: ExportScope;
        unreadable?: UnreadablePolicy;
      };

/**
 * What a backup with attachments does about one it cannot read (its stored copy damaged): leave
 * it out and name it in the result (the default), or stop and save nothing. Formats without
 * attachments ignore it.
 */
export type UnreadablePolicy = 'skip' | 'stop';

/** An attachment an export left out, named for the person. */
export interface LeftOutAttachment {
  itemName: string;
  fileName: string;
}

export interface ExportResult {
  fileName: string;
  format: ExportFormatId;
  kind: FileProtection;
  itemCount: number;
  folderCount: number;
  bytes: number;
  /** A backup with attachments: how many it holds, and the ones it could not read (left out). */
  attachmentCount?: number;
  leftOutAttachments?: LeftOutAttachment[];
}

/** What the Export view needs to know before exporting. */
export interface ExportInfo {
  counts: Record<ItemKind, number>;
  lastExport: BackupEntry | null;
  keyGeneration: number;
  keyCreatedAt: string;
  kdf: KdfConfig;
}

/**
 * Import Data's file, as exactly one of `content` and `uploadId` (param-shapes.ts refuses
 * neither and both).
 */
export interface ImportRequest {
  format: ImportFormatId;
  /**
   * The file in the message: its text for text formats; base64 for binary formats, up to
   * MAX_IMPORT_FILE_BYTES (the popup uploads those instead).
   */
  content?: string;
  /**
   * The file sent before as an upload (beginUpload with purpose 'import'): how binary formats
   * (.1pux, archives with attachments) travel. It is kept for the preview's confirmation, and
   * dropped once imported, cancelled (cancelUpload), after a few idle minutes, or at a lock.
   */
  uploadId?: string;
  /** Asked for once a file turns out to be password protected. */
  filePassword?: string;
  /** A KeePass database's key file, base64, up to MAX_KEY_FILE_BYTES. */
  keyFile?: string;
  duplicates?: DuplicatePolicy;
  /** The person agreed to leave out items of types Coffer does not know. */
  skipUnknownTypes?: boolean;
  /** The person agreed to leave out the attachments the preview listed as unplaceable. */
  skipUnplacedAttachments?: boolean;
  /** Chosen by the popup, so that `cancelImport` can name this request while it runs. */
  requestId?: string;
  /** From the preview: the file it opened, kept in memory, is imported without opening it again. */
  openedFileToken?: string;
}

/** What a file holds and what importing it would do; nothing is written to produce it. */
export type ImportPreview =
  | { needsFilePassword: true }
  | {
      needsFilePassword: false;
      /** plain, account (restricted) or password (protected) for Bitwarden JSON; csv or other. */
      fileKind: FileProtection | 'other';
      itemCount: number;
      folderCount: number;
      byKind: Record<ItemKind, number>;
      /** Against the vault, with "Skip duplicates". */
      toAdd: number;
      toUpdate: number;
      /** Per item to update: its name and what of the vault's version is kept (no secrets). */
      updates: UpdateNote[];
      identical: number;
      older: number;
      newFolders: string[];
      unknownTypes: UnknownItemType[];
      /** The file's attachments; absent when it holds none and names none it lacks. */
      attachments?: AttachmentsPreview;
      /** A password-protected file stays open for a few minutes: send this back to import it. */
      openedFileToken?: string;
      /** A KeePass database's recycle bin: how many entries it held, which are left out. */
      recycleBinEntries?: number;
    };

export interface AttachmentsPreview {
  /** The attachments the file holds, and what they add up to in bytes. */
  count: number;
  bytes: number;
  /** With "Skip duplicates", those already on their vault item (same name and size). */
  inVault: number;
  /**
   * Those that cannot be placed, named: the import goes ahead only without them, once the person
   * agreed (ImportRequest.skipUnplacedAttachments).
   */
  unplaced: UnplacedAttachment[];
}

/**
 * An attachment an import cannot place: one an item names that the file lacks (`missing`), an
 * entry outside the archive's layout (`unknownEntry`), or one whose item is not among the
 * items imported (`noItem`: not in the file, or of a type left out).
 */
export interface UnplacedAttachment {
  reason: 'missing' | 'unknownEntry' | 'noItem';
  /** Where it is, or should be, in the file. */
  path: string;
}

export interface ImportSummary {
  added: number;
  updated: number;
  skipped: number;
  /** Items left out: of types Coffer does not know. */
  failed: number;
  foldersCreated: number;
  /** Absent when the file held no attachments and named none it lacks. */
  attachments?: {
    added: number;
    /** On their vault item already (same name and size). */
    skipped: number;
    /** Unplaced (UnplacedAttachment), left out as agreed. */
    leftOut: number;
  };
}

export interface CreateAccountParams {
  email: string;
  masterPassword: string;
  masterPasswordHint?: string | null;
  kdf: KdfConfig;
}

/** What a key rotation did. */
export interface RotationResult {
  keyGeneration: number;
  itemCount: number;
  folderCount: number;
  /** Account-restricted backups made with the key just replaced: no longer decryptable. */
  undecryptableBackups: BackupEntry[];
}

export interface ChangeMasterPasswordParams {
  masterPassword: string;
  newMasterPassword: string;
  /** The hint for the new password; none when left out. */
  newMasterPasswordHint?: string | null;
}

/** Where the backups stand: the reminder, and backups the current key can no longer open. */
export interface BackupStatus {
  lastExport: BackupEntry | null;
  due: boolean;
  reason: ReminderReason | null;
  daysSince: number;
  reminderDays: number | null;
  keyGeneration: number;
  keyCreatedAt: string;
  /** Account-restricted backups made under an earlier key, newest first. */
  undecryptable: BackupEntry[];
}

/**
 * A backup to verify, as exactly one of `content` and `uploadId` (param-shapes.ts refuses neither
 * and both): a Bitwarden JSON file (plain, account restricted or password protected), or a backup
 * with attachments (`.zip (with attachments)`, Coffer's encrypted archive).
 */
export interface VerifyRequest {
  /** A `.json` backup's text. */
  content?: string;
  /**
   * The file sent before as an upload (beginUpload with purpose 'import'): how backups with
   * attachments travel. It is kept while the file password is asked for, and dropped once the
   * backup has been compared (or found undecryptable), cancelled, after a few idle minutes, or
   * at a lock.
   */
  uploadId?: string;
  /** Asked for once a file turns out to be password protected (an encrypted archive always is). */
  filePassword?: string;
}

export type VerifyResult =
  | { needsFilePassword: true }
  | {
      needsFilePassword: false;
      fileKind: FileProtection;
      /** False when this account cannot decrypt it (another account's key, or rotated since). */
      readable: false;
      /** Why, as the error that opening it gave. */
      reason: ErrorData;
    }
  | {
      needsFilePassword: false;
      fileKind: FileProtection;
      readable: true;
      itemCount: number;
      folderCount: number;
      /** With `attachments` for a backup with attachments, or a `.json` when the vault has some. */
      diff: BackupDiff;
    };

/** An attachment as the item view lists it: the name decrypted, the size in bytes of the file. */
export interface AttachmentInfo {
  id: string;
  itemId: string;
  fileName: string;
  size: number;
}

/** What a file is sent for (beginUpload): each has its own limit. */
export type UploadPurpose = 'attachment' | 'import';

/** Where an attachment was saved: the name the browser gave the file, and its size. */
export interface SavedAttachment {
  fileName: string;
  bytes: number;
}

export interface VaultApi {
  /** What the popup should show first: no account yet, locked, or unlocked. */
  getStatus(): VaultStatus;
  createAccount(params: CreateAccountParams): VaultStatus;
  unlock(params: { masterPassword: string }): VaultStatus;
  lock(): VaultStatus;
  /** Checks the master password without changing anything (re-prompt items use confirmReprompt). */
  verifyMasterPassword(params: { masterPassword: string }): true;
  /** Deletes the account and every item, after the master password. */
  deleteAccount(params: { masterPassword: string }): VaultStatus;

  /**
   * Every item's summary and every folder at once. The popup no longer asks for it (its list and
   * Export Vault's item chooser page through `queryVault`); the tests read whole vaults with it.
   */
  listVault(): VaultListing;
  /**
   * The rows `offset` to `offset + limit` of the list a filter shows, searched and sorted in the
   * background: the popup asks for what is on screen, never for the whole vault.
   */
  queryVault(params: { filter: VaultFilter; offset: number; limit: number }): VaultPage;
  listFolders(): Folder[];
  /** How many items (not archived) each folder holds, by folder id; a folder with none is left out. */
  folderCounts(): Record<string, number>;
  getItem(params: { id: string }): ItemResult;
  /**
   * Confirms the master password for one re-prompt item: for the next few minutes its secrets
   * leave the background, and it may be saved. Answers the whole item.
   */
  confirmReprompt(params: { itemId: string; masterPassword: string }): Item;
  /** Saving over a re-prompt item needs its confirmation; a withheld copy is refused. */
  saveItem(params: { item: ItemDraft }): Item;
  deleteItem(params: { id: string }): null;
  /**
   * Archives an item (out of the main list, kept in every export) or brings it back. Nothing
   * secret is read or written, so a re-prompt item needs no confirmation for it.
   */
  setItemArchived(params: { id: string; archived: boolean }): ItemResult;
  saveFolder(params: { id?: string; name: string }): Folder;
  /** Deletes a folder; its items stay, with no folder. */
  deleteFolder(params: { id: string }): null;

  /**
   * An item's attachments, in the order they were added. A re-prompt item's are refused
   * (ERR_REPROMPT_REQUIRED) until its master password is confirmed.
   */
  listAttachments(params: { itemId: string }): AttachmentInfo[];
  /**
   * Starts sending a file's bytes to the background. Chrome limits one message to 64 MiB and
   * sends it as JSON, so a file travels as base64 pieces of at most UPLOAD_CHUNK_BYTES bytes
   * (policy.ts), in order. The upload lives in the worker's memory until it is used, cancelled,
   * the vault locks, or it has been idle for a few minutes. `purpose` sets its limit: an
   * attachment (the default; MAX_ATTACHMENT_BYTES, and it must fit the vault) or an import file
   * (MAX_IMPORT_UPLOAD_BYTES; only the latest is kept).
   */
  beginUpload(params: { size: number; purpose?: UploadPurpose }): { uploadId: string };
  /** The next piece of an upload: `offset` is where its bytes start in the file. */
  uploadChunk(params: { uploadId: string; offset: number; base64: string }): null;
  /** Forgets an upload (the person cancelled, or the popup gave up). */
  cancelUpload(params: { uploadId: string }): null;
  /** Attaches the complete upload `uploadId` to an item, encrypted; the upload is used up. */
  addAttachment(params: { itemId: string; fileName: string; uploadId: string }): AttachmentInfo;
  renameAttachment(params: {
    itemId: string;
    attachmentId: string;
    fileName: string;
  }): AttachmentInfo;
  deleteAttachment(params: { itemId: string; attachmentId: string }): null;
  /** Decrypts an attachment into the downloads folder; answers once the file is on disk. */
  saveAttachment(params: { itemId: string; attachmentId: string }): SavedAttachment;

  getExportInfo(): ExportInfo;
  /** Verifies the master password, builds the file and reports only once it is on disk. */
  exportVault(params: ExportRequest): ExportResult;

  /** Reads a file and tells what importing it would do, without writing anything. */
  previewImport(params: ImportRequest): ImportPreview;
  /**
   * Imports a file all or nothing, in one transaction; a file's attachments have their content
   * written first, invisible until that transaction adds their descriptions, and deleted if it
   * fails.
   */
  importVault(params: ImportRequest): ImportSummary;
  /**
   * Stops opening the file of the request `requestId` (its key derivation): that request fails
   * with ERR_IMPORT_CANCELLED and writes nothing. `cancelled` is false when none was running.
   */
  cancelImport(params: { requestId: string }): { cancelled: boolean };

  getSettings(): VaultSettings;
  updateSettings(params: Partial<VaultSettings>): VaultSettings;
  /**
   * The popup copied a secret: the background clears the clipboard after the chosen delay if it
   * still holds it. Only a SHA-256 (hex) of the text is sent, never the secret.
   */
  clipboardCopied(params: { hash: string }): null;

  /** The generator's last values, newest first (kept encrypted in the vault). */
  generatorHistory(): GeneratedValue[];
  /** Keeps a value copied or used from the generator; answers the history. */
  rememberGenerated(params: { value: string; kind: GeneratedKind }): GeneratedValue[];
  /** Deletes the generator's history; answers it, empty. */
  clearGeneratorHistory(): GeneratedValue[];

  /**
   * A new account key; every item and folder re-encrypted under it, all or nothing. Old
   * account-restricted exports can no longer be decrypted.
   */
  rotateAccountKey(params: { masterPassword: string }): RotationResult;
  /** Re-protects the same account key with a new master password; the vault stays as it is. */
  changeMasterPassword(params: ChangeMasterPasswordParams): true;
  getBackupStatus(): BackupStatus;
  /** Reads a backup and compares it with the vault, without writing anything. */
  verifyBackup(params: VerifyRequest): VerifyResult;
}

export type VaultMethod = keyof VaultApi;

/** What the background implements: the same methods, asynchronous. */
export type Handlers<Api> = {
  [M in keyof Api]: Api[M] extends (...args: infer P) => infer R
    ? (...args: P) => Promise<R>
    : never;
};

/** What the popup calls: the same methods, asynchronous. */
export type VaultClient = Handlers<VaultApi>;

/**
 * Every method name, for the client to build its functions from. The Record type makes leaving a
 * method out of this list a compile error.
 */
export const VAULT_METHODS: Record<VaultMethod, true> = {
  getStatus: true,
  createAccount: true,
  unlock: true,
  lock: true,
  verifyMasterPassword: true,
  deleteAccount: true,
  listVault: true,
  queryVault: true,
  listFolders: true,
  folderCounts: true,
  getItem: true,
  confirmReprompt: true,
  saveItem: true,
  deleteItem: true,
  setItemArchived: true,
  saveFolder: true,
  deleteFolder: true,
  listAttachments: true,
  beginUpload: true,
  uploadChunk: true,
  cancelUpload: true,
  addAttachment: true,
  renameAttachment: true,
  deleteAttachment: true,
  saveAttachment: true,
  getExportInfo: true,
  exportVault: true,
  previewImport: true,
  importVault: true,
  cancelImport: true,
  getSettings: true,
  updateSettings: true,
  clipboardCopied: true,
  generatorHistory: true,
  rememberGenerated: true,
  clearGeneratorHistory: true,
  rotateAccountKey: true,
  changeMasterPassword: true,
  getBackupStatus: true,
  verifyBackup: true,
};
