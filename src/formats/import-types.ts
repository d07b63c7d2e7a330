/**
 * What every importer produces from a file: items in Coffer's canonical shape and the folders
 * they reference. Importers are pure functions; the background decides what to keep (duplicates),
 * re-encrypts and writes everything in one transaction.
 */
import type { Folder, Item } from '@/src/vault/item';
import {
  MAX_FIELD_LENGTH,
  MAX_IMPORT_FILE_BYTES,
  MAX_IMPORT_FOLDERS,
  MAX_IMPORT_ITEMS,
} from '@/src/vault/policy';

export interface ParsedImport {
  /** Folders the items reference by id; names may nest with "/". */
  folders: Folder[];
  items: Item[];
  /** Items of a type Coffer does not know (newer Bitwarden types 6–8): never imported silently. */
  unknownTypes: UnknownItemType[];
  /** Files attached to the items, from archives that hold them; absent when there are none. */
  attachments?: ImportAttachment[];
  /**
   * Files the items name that the archive does not hold (a .1pux whose files/ lacks one): listed
   * so that the import can say so, never dropped silently; absent when there are none.
   */
  missingAttachments?: MissingAttachment[];
  /**
   * Attachments read in one pass over the file, in its order (Coffer's encrypted archive, and a
   * zip read from an upload), instead of `attachments`; absent when there are none.
   */
  attachmentsInOrder?: AttachmentsInOrder;
  /**
   * Entries of an archive that are neither its items nor attachments of the layout (a
   * `__MACOSX/` folder, a note someone added): named so that the import can say so; absent when
   * there are none.
   */
  unknownEntries?: string[];
  /** Entries a KeePass database's recycle bin held: left out, and said so in the preview. */
  recycleBinEntries?: number;
}

/** What an import knows of an attachment before reading it. */
export type AttachmentEntry = Omit<ImportAttachment, 'read'>;

/**
 * Attachments whose bytes come only in order, in one pass over the whole file: an encrypted
 * archive is known intact only once that pass has reached its end.
 */
export interface AttachmentsInOrder {
  /** Every attachment, in the file's order, as the file was found to hold them when opened. */
  list: readonly AttachmentEntry[];
  /**
   * Reads the file again from its start, hands the bytes of each attachment at a position in
   * `wanted` (positions in `list`) to `take` and waits for it before reading on. An encrypted
   * archive checks the others without keeping them, and resolves only once the whole file has
   * been read and found intact: until then nothing taken may be kept for good. A zip, which has
   * nothing that covers the whole file, checks each entry it reads on its own and skips the rest.
   */
  read(
    wanted: ReadonlySet<number>,
    take: (index: number, content: Uint8Array) => Promise<void>,
  ): Promise<void>;
}

/**
 * A file attached to an imported item, unpacked only when `read` is called: an archive may hold a
 * gigabyte of them, so the import reads, encrypts and lets go of one before the next.
 */
export interface ImportAttachment {
  /** The id, among `items` (or in the archive's data.json), of the item it belongs to. */
  itemId: string;
  fileName: string;
  /** Its size in bytes as the archive declares it; `read` refuses bytes of another size. */
  size: number;
  /** Where it is in the archive, to name it in messages. */
  path: string;
  /** Its bytes, checked against the archive's size and CRC-32 (errors: zip-guard.ts). */
  read(): Uint8Array;
}

export interface MissingAttachment {
  itemId: string;
  fileName: string;
  /** The archive path the file should have had. */
  path: string;
}

/**
 * An item of an unknown type as it crosses the protocol: the file's `type` is untrusted (an
 * object with its own `toString`, lists nested thousands deep), so only a JSON scalar of it is
 * kept, and `typeText` describes it safely for messages.
 */
export interface UnknownItemType {
  index: number;
  /** The item's name, shortened; empty when it has none or it is encrypted. */
  name: string;
  /** Set when the name is encrypted (account-restricted files): the popup says so in its words. */
  nameEncrypted?: true;
  /** The file's value when it is a number, text or boolean; null otherwise. */
  type: string | number | boolean | null;
  /** `9`, `"login"`, `{…}`: what the popup and messages show. */
  typeText: string;
}

/** What an importer needs besides the file: ids and dates for what the file leaves out. */
export interface ImportContext {
  newId(): string;
  /** ISO 8601, for items whose file has no dates. */
  now: string;
}

/**
 * Limits that protect the extension from hostile files; each breach has its own error code and
 * message (ERR_FILE_TOO_LARGE, ERR_TOO_MANY_ITEMS, ERR_STRING_TOO_LONG, ERR_FILE_KDF_OUT_OF_BOUNDS).
 */
/** The policy's limits, as the importers read them (reasons in policy.ts). */
export const IMPORT_LIMITS = {
  maxFileBytes: MAX_IMPORT_FILE_BYTES,
  maxItems: MAX_IMPORT_ITEMS,
  maxFolders: MAX_IMPORT_FOLDERS,
  maxStringLength: MAX_FIELD_LENGTH,
} as const;
