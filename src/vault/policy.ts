/**
 * The limits the popup and the background both apply, written once. The popup checks them to
 * answer at once, without a round trip; the background checks them again, because it answers
 * anything that sends it a message. Pure data: importable from both sides and from the formats.
 */

/** Bitwarden's minimum for new master passwords (at account creation and when changing it). */
export const MIN_MASTER_PASSWORD_LENGTH = 12;

/**
 * A password-protected export's file password shorter than this is refused outright; the export
 * view also shows its strength. Shorter than the master password's because the file's KDF is
 * chosen per file and the file often travels with the person who knows the password.
 */
export const MIN_FILE_PASSWORD_LENGTH = 8;

/** Longer than any real address (RFC 5321 allows 254), short enough to show on the lock screen. */
export const MAX_EMAIL_LENGTH = 256;

/** The hint shows on the lock screen: a reminder, not a second copy of the password. */
export const MAX_HINT_LENGTH = 100;

/**
 * Longest value of one item field, typed in the editor or read from a file: a long note or an SSH
 * key fits easily, and a hostile file cannot make one field hold the whole of memory.
 */
export const MAX_FIELD_LENGTH = 100_000;

/**
 * A folder name a person types (Folders view, saveFolder). The folder list shows names on one
 * line, so a typed name stays short.
 */
export const MAX_FOLDER_NAME_LENGTH_TYPED = 200;

/**
 * A folder name read from an import file. Longer than a typed one on purpose: other managers
 * write nested folders as one "a/b/c" path, and refusing a whole backup over a long path would
 * lose the person's data. Applied in src/formats/import-bitwarden-json.ts (folderOptions).
 */
export const MAX_FOLDER_NAME_LENGTH_IMPORTED = 1_000;

/**
 * 128 MiB: a password-protected export of about 75,000 items as rich as those Bitwarden's SDK
 * writes (a 50,000-item one is 82 MiB), beyond any real vault. Import files and
 * backups to verify larger than this are refused before they are parsed (the popup before it even
 * reads them, by the file's size).
 */
export const MAX_IMPORT_FILE_BYTES = 128 * 1024 * 1024;

/** The most items one import file may hold: a hostile file cannot make the import run for hours. */
export const MAX_IMPORT_ITEMS = 100_000;

/** The most folders one import file may hold, for the same reason. */
export const MAX_IMPORT_FOLDERS = 10_000;

/** The backup reminder's period in days (Settings): at least daily, at most yearly. */
export const BACKUP_REMINDER_DAYS: readonly [min: number, max: number] = [1, 365];

/**
 * The largest file one attachment may be, and what all of a vault's attachments may add up to
 * (Bitwarden's premium limits are 100 MB per file and 1 GB per account). Both are checked by the
 * popup before it sends a byte and again by the background.
 */
export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;
export const MAX_VAULT_ATTACHMENT_BYTES = 1024 * 1024 * 1024;

/** An attachment's file name, as typed or as a file carries it. */
export const MAX_ATTACHMENT_NAME_LENGTH = 255;

/**
 * Bytes per upload message (beginUpload/uploadChunk): 4 MiB is about 5.6 MB of base64 in JSON,
 * far under Chrome's 64 MiB per message, and small enough that the popup stays responsive.
 */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The largest import file the popup may send (as an upload): an archive holding an import file's
 * data (MAX_IMPORT_FILE_BYTES) and a whole vault's attachments (MAX_VAULT_ATTACHMENT_BYTES), with
 * 16 MiB for the archive's own bytes (ZIP headers, the encrypted archive's chunk tags and records).
 */
export const MAX_IMPORT_UPLOAD_BYTES =
  MAX_IMPORT_FILE_BYTES + MAX_VAULT_ATTACHMENT_BYTES + 16 * 1024 * 1024;

/**
 * A KeePass key file travels in the import request: KeePass's own are under 1 KiB (XML) or 32–64
 * bytes, and any other file chosen as a key is only hashed. Larger is surely the wrong file.
 */
export const MAX_KEY_FILE_BYTES = 1024 * 1024;
