/**
 * Attachments under the account key, as Bitwarden keeps them: the content encrypted under the
 * attachment's own random key (file-data.ts), that key wrapped by the account key, the file name
 * an EncString. Only the size and dates stay clear. Key rotation re-wraps the keys and
 * re-encrypts the names; the content, under keys that do not change, is never touched.
 */
import {
  decryptBytes,
  decryptString,
  decryptStringBatch,
  encryptStringBatch,
} from '@/src/crypto/aes-cbc-hmac';
import {
  decryptFileData,
  encryptFileData,
  makeAttachmentKey,
  unwrapAttachmentKey,
  wrapAttachmentKey,
} from '@/src/crypto/file-data';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import type { AttachmentDataRecord, AttachmentRecord } from '@/src/store/records';
import type { EncText } from '@/src/vault/item';

export interface SealedAttachment {
  record: AttachmentRecord;
  data: AttachmentDataRecord;
}

/** A new attachment of `content`, named `fileName`, for the item `itemId`. */
export async function sealAttachment(
  content: Uint8Array,
  fileName: string,
  accountKey: SymmetricKey,
  meta: { id: string; itemId: string; now: string },
): Promise<SealedAttachment> {
  const { bytes, key } = await makeAttachmentKey();
  const [data, wrappedKey, name] = await Promise.all([
    encryptFileData(content, key),
    wrapAttachmentKey(bytes, accountKey),
    encryptAttachmentName(fileName, accountKey),
  ]);
  return {
    record: {
      id: meta.id,
      itemId: meta.itemId,
      fileName: name,
      key: wrappedKey as EncText,
      size: content.length,
      creationDate: meta.now,
      revisionDate: meta.now,
    },
    data: { id: meta.id, data },
  };
}

export async function encryptAttachmentName(name: string, key: SymmetricKey): Promise<EncText> {
  const [encrypted] = await encryptStringBatch([name], key);
  return encrypted as EncText;
}

/** The records' file names, in their order. */
export function attachmentNames(records: AttachmentRecord[], key: SymmetricKey): Promise<string[]> {
  return decryptStringBatch(
    records.map((r) => r.fileName),
    key,
  );
}

/** The attachment's name and content; the content's MAC is checked before it is decrypted. */
export async function openAttachment(
  record: AttachmentRecord,
  data: Uint8Array,
  accountKey: SymmetricKey,
): Promise<{ fileName: string; content: Uint8Array }> {
  const [fileName, key] = await Promise.all([
    decryptString(record.fileName, accountKey),
    unwrapAttachmentKey(record.key, accountKey),
  ]);
  return { fileName, content: await decryptFileData(data, key) };
}

/** The records with their keys and names under `to` instead of `from`. */
export async function rewrapAttachments(
  records: AttachmentRecord[],
  from: SymmetricKey,
  to: SymmetricKey,
): Promise<AttachmentRecord[]> {
  const [names, keys] = await Promise.all([
    attachmentNames(records, from),
    Promise.all(records.map((r) => decryptBytes(r.key, from))),
  ]);
  const [newNames, newKeys] = await Promise.all([
    encryptStringBatch(names, to),
    Promise.all(keys.map((bytes) => wrapAttachmentKey(bytes, to))),
  ]);
  return records.map((record, i) => ({
    ...record,
    fileName: newNames[i] as EncText,
    key: newKeys[i] as EncText,
  }));
}
