/**
 * Reads a `.zip (with attachments)`, Bitwarden's or Coffer's (docs/formats-attachments.md):
 * data.json, the `.json` export, and the files under attachments/, each unpacked only when asked
 * so that an import can encrypt and let go of one before the next. The directory is checked by
 * the zip guard before anything is unpacked; then every name is checked, and an archive with a
 * name that would unpack outside its folder, or with one name twice, is refused as a whole.
 */
import { strFromU8 } from 'fflate';
import { CofferError } from '@/src/errors/coffer-error';
import { MAX_ATTACHMENT_BYTES, MAX_VAULT_ATTACHMENT_BYTES } from '@/src/vault/policy';
import { ATTACHMENTS_FOLDER, DATA_JSON, readAttachmentZipPath } from './attachment-zip-paths';
import type { ArchiveSource } from './encrypted-archive-stream';
import {
  IMPORT_LIMITS,
  type AttachmentEntry,
  type AttachmentsInOrder,
  type ImportAttachment,
} from './import-types';
import {
  entryName,
  readZipDirectory,
  readZipDirectoryFrom,
  readZipEntry,
  readZipEntryFrom,
  type ZipEntry,
} from './zip-guard';

export interface AttachmentZip {
  /** data.json's text, for the Bitwarden JSON reader. */
  dataJson: string;
  /** In archive order; `itemId` is the item's id in data.json. */
  attachments: ImportAttachment[];
  /**
   * Entries that are neither data.json nor attachments nor their folders (a `__MACOSX/` folder
   * from zipping by hand, a note someone added), in archive order: the import names them rather
   * than leaving them out unsaid.
   */
  unknown: string[];
}

/** What a .1pux holds instead of data.json, to say what the file is. */
const ONEPUX_DATA = 'export.data';
const MIB = 1024 * 1024;

export function readAttachmentZip(bytes: Uint8Array): AttachmentZip {
  const { data, attachments, unknown } = zipLayout(readZipDirectory(bytes));
  return {
    dataJson: strFromU8(readZipEntry(bytes, data)),
    attachments: attachments.map(({ entry, ...found }) => ({
      ...found,
      read: () => readZipEntry(bytes, entry),
    })),
    unknown,
  };
}

/** The same archive as Import Data reads it from an upload: its attachments in archive order. */
export type AttachmentZipFromSource = Omit<AttachmentZip, 'attachments'> & {
  attachments: AttachmentsInOrder;
};

/**
 * Reads the archive from a source a piece at a time (zip-guard.ts): its directory and data.json
 * now, each attachment wanted only when the import's pass comes to it, so what is held at once
 * is data.json and one attachment, never the archive. An attachment not wanted is not read: a
 * zip has nothing that covers the whole file, and each entry is checked on its own (its size and
 * CRC-32).
 */
export async function readAttachmentZipFrom(
  source: ArchiveSource,
): Promise<AttachmentZipFromSource> {
  const { data, attachments, unknown } = zipLayout(await readZipDirectoryFrom(source));
  return {
    dataJson: strFromU8(await readZipEntryFrom(source, data)),
    attachments: {
      list: attachments.map(({ entry: _entry, ...found }) => found),
      async read(wanted, take) {
        for (const [index, { entry }] of attachments.entries()) {
          if (wanted.has(index)) await take(index, await readZipEntryFrom(source, entry));
        }
      },
    },
    unknown,
  };
}

/** An attachment found in the archive, with the entry that holds its bytes. */
type FoundAttachment = AttachmentEntry & { entry: ZipEntry };

/** Where each entry belongs: data.json, an attachment of the layout, or neither. */
function zipLayout(entries: readonly ZipEntry[]) {
  checkNames(entries);
  const data = entries.find((entry) => entry.name === DATA_JSON);
  if (data === undefined) {
    const onePux = entries.some((entry) => entry.name === ONEPUX_DATA);
    throw new CofferError(onePux ? 'errZipLooksLike1pux' : 'errZipNoDataJson');
  }
  if (data.uncompressedSize > IMPORT_LIMITS.maxFileBytes) {
    throw new CofferError('errZipDataJsonTooLarge');
  }
  const checkSize = attachmentSizes();
  const attachments: FoundAttachment[] = [];
  const unknown: string[] = [];
  for (const entry of entries) {
    if (entry === data || isLayoutFolder(entry)) continue;
    const place = readAttachmentZipPath(entry.name);
    if (place === null) {
      unknown.push(entry.name);
      continue;
    }
    checkSize(entry);
    attachments.push({
      itemId: place.itemId,
      fileName: place.fileName,
      size: entry.uncompressedSize,
      path: entry.name,
      entry,
    });
  }
  return { data, attachments, unknown };
}

/**
 * An archive's files as import attachments, each unpacked from `bytes` when it is read (the
 * checks are attachmentSizes').
 */
export function attachmentList(bytes: Uint8Array) {
  const list: ImportAttachment[] = [];
  const checkSize = attachmentSizes();
  return {
    list,
    add(entry: ZipEntry, itemId: string, fileName: string): void {
      checkSize(entry);
      list.push({
        itemId,
        fileName,
        size: entry.uncompressedSize,
        path: entry.name,
        read: () => readZipEntry(bytes, entry),
      });
    },
  };
}

/**
 * One attachment larger than an attachment may be, or more in all than a vault may hold, is
 * refused here, before the import starts, rather than when its turn comes. The total counts
 * each attachment, so that a .1pux naming one file many times cannot make the import unpack it
 * without end.
 */
function attachmentSizes(): (entry: ZipEntry) => void {
  let total = 0;
  return (entry) => {
    const size = entry.uncompressedSize;
    if (size > MAX_ATTACHMENT_BYTES) {
      throw new CofferError('errZipAttachmentTooLarge', {
        args: [
          entryName(entry.name),
          Math.ceil((size / MIB) * 10) / 10,
          MAX_ATTACHMENT_BYTES / MIB,
        ],
      });
    }
    total += size;
    if (total > MAX_VAULT_ATTACHMENT_BYTES) {
      throw new CofferError('errZipAttachmentsTooLarge', {
        args: [MAX_VAULT_ATTACHMENT_BYTES / MIB],
      });
    }
  };
}

/**
 * No entry may unpack outside the folder it is unpacked into, on any system: not absolute (`/`,
 * `\`, a drive letter), no `..` between either separator. Nor may a name come twice, since which
 * of the two an unpacker keeps depends on the unpacker.
 */
function checkNames(entries: readonly ZipEntry[]): void {
  const seen = new Set<string>();
  for (const { name } of entries) {
    if (/^([/\\]|[A-Za-z]:)/.test(name) || name.split(/[/\\]/).includes('..')) {
      throw new CofferError('errZipUnsafePath', { args: [entryName(name)] });
    }
    if (seen.has(name)) {
      throw new CofferError('errZipDuplicateEntry', { args: [entryName(name)] });
    }
    seen.add(name);
  }
}

/**
 * The folder entries some writers add (Bitwarden's JSZip writes `attachments/` and one per item):
 * empty, and at a place of the layout.
 */
function isLayoutFolder(entry: ZipEntry): boolean {
  if (!entry.name.endsWith('/') || entry.uncompressedSize !== 0) return false;
  const parts = entry.name.slice(0, -1).split('/');
  return parts[0] === ATTACHMENTS_FOLDER && parts.length <= 3 && parts.every((part) => part !== '');
}
