/**
 * Import Data's reader of backups with attachments, `Bitwarden (zip)` and `Coffer (zip)` alike,
 * which tells the files apart by their first bytes, never by their names:
 * - a `.zip (with attachments)`, Bitwarden's or Coffer's (docs/formats-attachments.md): its
 *   data.json goes through the Bitwarden JSON reader, so a plain, account-restricted or even
 *   password-protected one is read as the `.json` would be;
 * - Coffer's encrypted archive (docs/encrypted-archive.md), opened with the file password (or,
 *   when its header says it was made with the account key, with this account's key in the
 *   vault's turn, like an account-restricted `.json`) and read to its end before anything in it
 *   is believed.
 * Both are read from a source piece by piece (an upload stays a Blob in the background), so what
 * is held at once is data.json and one attachment, not the archive.
 */
import type { DeriveKdfMaterial } from '@/src/crypto/file-key';
import { deriveFileKdf } from '@/src/crypto/keepass-argon2';
import { CofferError } from '@/src/errors/coffer-error';
import type { FileProtection } from '@/src/vault/file-protection';
import { MAX_VAULT_ATTACHMENT_BYTES } from '@/src/vault/policy';
import { readAttachmentZipFrom, type AttachmentZipFromSource } from './attachment-zip-read';
import type { ArchiveHeader } from './encrypted-archive-layout';
import {
  openEncryptedArchive,
  readArchiveHeader,
  type ArchiveReadKey,
} from './encrypted-archive-reader';
import { bytesSource, type ArchiveSource } from './encrypted-archive-stream';
import type { FormatReader, ImportInput, ReadFile } from './format-types';
import {
  BITWARDEN_JSON_READER,
  parsePlainBitwarden,
  readBitwardenFile,
  readBitwardenJson,
  type BitwardenJson,
} from './import-bitwarden-json';
import type { AttachmentEntry, AttachmentsInOrder, ImportContext } from './import-types';
import { ZIP_LIMITS } from './zip-guard';

/** What is left to read in the vault's turn. */
type ArchiveLater =
  /** A zip whose data.json needs the account key, or a file password that did not come. */
  | { kind: 'zip'; json: BitwardenJson; zip: AttachmentZipFromSource }
  /** An encrypted archive whose file password did not come. */
  | { kind: 'encrypted' }
  /** An encrypted archive made with the account key, opened with this account's. */
  | { kind: 'account'; source: ArchiveSource };

/** Every ZIP starts with a local file header (`PK\3\4`), or is empty (`PK\5\6`). */
const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
];
/** Where a data.json chosen as an archive shows itself: `{` after any white space. */
const JSON_START = /^\s*\{/;
const MIB = 1024 * 1024;

export const ARCHIVE_READER: FormatReader<ArchiveLater> = {
  async open(input, { filePassword, derive, context }) {
    const source = sourceOf(input);
    const start = await source.readAt(0, Math.min(source.size, 4));
    if (ZIP_SIGNATURES.some((signature) => signature.every((byte, i) => start[i] === byte))) {
      const zip = await readAttachmentZipFrom(source);
      const opened = await BITWARDEN_JSON_READER.open(
        { kind: 'text', text: zip.dataJson },
        { ...(filePassword ? { filePassword } : {}), ...(derive ? { derive } : {}), context },
      );
      return opened.kind === 'read'
        ? { kind: 'read', file: withZip(opened.file, zip) }
        : { kind: 'later', later: { kind: 'zip', json: opened.later, zip } };
    }
    const header = await checkArchiveHeader(source);
    // No file password is asked for, and one that came anyway is not used.
    if (header.keySource.kind === 'account') {
      return { kind: 'later', later: { kind: 'account', source } };
    }
    if (!filePassword) return { kind: 'later', later: { kind: 'encrypted' } };
    return { kind: 'read', file: await openArchive(source, { filePassword }, derive, context) };
  },

  async read(later, { filePassword, accountKey, context }) {
    if (later.kind === 'encrypted') return undefined;
    if (later.kind === 'account') {
      return openArchive(later.source, { accountKey }, undefined, context);
    }
    const file = await readBitwardenFile(later.json, filePassword, accountKey, context);
    return file && withZip(file, later.zip);
  },
};

/**
 * Archives are bytes, read where they are (an upload's Blob) or from the request; text (never
 * sent for these formats) is refused as not an archive.
 */
function sourceOf(input: ImportInput): ArchiveSource {
  if (input.kind === 'source') return input.source;
  if (input.kind === 'bytes') return bytesSource(input.bytes);
  throw new CofferError(JSON_START.test(input.text) ? 'errArchiveGotJson' : 'errNotBackupArchive');
}

/** The header of what should be an encrypted archive; a file that is neither kind is named. */
async function checkArchiveHeader(source: ArchiveSource): Promise<ArchiveHeader> {
  try {
    return await readArchiveHeader(source);
  } catch (error) {
    if (!(error instanceof CofferError) || error.key !== 'errArchiveNotArchive') throw error;
    const start = new TextDecoder().decode(await source.readAt(0, Math.min(source.size, 64)));
    throw new CofferError(JSON_START.test(start) ? 'errArchiveGotJson' : 'errNotBackupArchive');
  }
}

/** The zip's attachments, and the entries outside its layout, with the items of its data.json. */
function withZip<F extends ReadFile>(file: F, zip: AttachmentZipFromSource): F {
  return {
    ...file,
    parsed: {
      ...file.parsed,
      ...(zip.attachments.list.length > 0 && { attachmentsInOrder: zip.attachments }),
      ...(zip.unknown.length > 0 && { unknownEntries: zip.unknown }),
    },
  };
}

/**
 * Opens the archive and reads it to its end: its attachments are listed (their bytes checked,
 * none kept) and only then is its data.json believed. The import reads it again to take the
 * attachments (AttachmentsInOrder), with the key derived here: the KDF runs once per import.
 */
async function openArchive(
  source: ArchiveSource,
  key: ArchiveReadKey,
  derive: DeriveKdfMaterial | undefined,
  context: ImportContext,
): Promise<ReadFile> {
  const remembered = rememberKdf(derive);
  const open = () => openEncryptedArchive(source, key, { derive: remembered });
  const fileKind: FileProtection = 'accountKey' in key ? 'account' : 'password';
  const archive = await open();
  const data = await archive.readData();
  const list: AttachmentEntry[] = [];
  let total = 0;
  for await (const { itemId, fileName, size } of archive.attachments()) {
    total += size;
    if (total > MAX_VAULT_ATTACHMENT_BYTES) {
      throw new CofferError('errZipAttachmentsTooLarge', {
        args: [MAX_VAULT_ATTACHMENT_BYTES / MIB],
      });
    }
    if (list.length === ZIP_LIMITS.maxEntries) {
      throw new CofferError('errArchiveTooManyAttachments', { args: [ZIP_LIMITS.maxEntries] });
    }
    list.push({ itemId, fileName, size, path: `${itemId}/${fileName}` });
  }
  const json = readBitwardenJson(data);
  // Coffer writes data.json exactly as its plain .json export; anything else is not its archive.
  if (json.kind !== 'plain') throw new CofferError('errSealedNotExport', { field: 'data.json' });
  const parsed = parsePlainBitwarden(json.document, context);
  if (list.length === 0) return { parsed, fileKind };
  const attachmentsInOrder: AttachmentsInOrder = {
    list,
    async read(wanted, take) {
      const again = await open();
      await again.readData();
      let index = 0;
      for await (const attachment of again.attachments()) {
        const listed = list[index];
        // The same bytes read the same way: a difference would be a fault of this code.
        if (
          listed?.itemId !== attachment.itemId ||
          listed.fileName !== attachment.fileName ||
          listed.size !== attachment.size
        ) {
          throw new CofferError('errorInternal');
        }
        if (wanted.has(index)) await take(index, await attachment.read());
        index++;
      }
      if (index !== list.length) throw new CofferError('errorInternal');
    },
  };
  return { parsed: { ...parsed, attachmentsInOrder }, fileKind };
}

/**
 * The KDF, run once: reading the archive again derives nothing. What it derived lives as long as
 * the opened file that holds this function (opened-files.ts: minutes, and never past a lock).
 */
function rememberKdf(derive: DeriveKdfMaterial = deriveFileKdf): DeriveKdfMaterial {
  let material: Promise<Uint8Array<ArrayBuffer>> | undefined;
  return (password, salt, kdf) => {
    material ??= derive(password, salt, kdf);
    return material.then((bytes) => bytes.slice());
  };
}
