/**
 * Verify backup's file, read as Import Data would read it: a Bitwarden JSON backup (plain,
 * account restricted or password protected) sent as text, or a backup with attachments sent as
 * an upload (a `.zip (with attachments)`, or Coffer's encrypted archive, opened with its file
 * password), told apart by its first bytes. A file this account cannot decrypt is an answer, not
 * a failure: that is what a person verifying a backup needs to know.
 */
import type { DeriveKdfMaterial } from '@/src/crypto/file-key';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError, isCofferError } from '@/src/errors/coffer-error';
import type { ReadFile } from '@/src/formats/format-types';
import {
  blobSource,
  readBlob,
  readBlobText,
  type ArchiveSource,
} from '@/src/formats/encrypted-archive-stream';
import { ARCHIVE_READER } from '@/src/formats/import-archive';
import { readBitwardenFile, readBitwardenJson } from '@/src/formats/import-bitwarden-json';
import type { ImportContext, ParsedImport } from '@/src/formats/import-types';
import type { VerifyRequest } from '@/src/protocol/vault-api';
import type { FileProtection } from '@/src/vault/file-protection';
import { MAX_IMPORT_FILE_BYTES } from '@/src/vault/policy';
import type { BackgroundContext } from './context';

export type BackupFile =
  | { state: 'needsFilePassword' }
  /** This account cannot decrypt it (another account's key, or rotated since): `error` says so. */
  | { state: 'unreadable'; fileKind: FileProtection; error: CofferError }
  | {
      state: 'read';
      fileKind: FileProtection;
      parsed: ParsedImport;
      /** A backup with attachments (an archive), as opposed to a `.json`, which holds none. */
      holdsAttachments: boolean;
    };

/** Failures that mean "this account cannot decrypt the file", as opposed to a bad request. */
const UNREADABLE = new Set(['ERR_DIFFERENT_ACCOUNT_KEY', 'ERR_DECRYPT_FAILED']);
/** Where a JSON file shows itself: `{` after any white space (a byte-order mark is dropped). */
const JSON_START = /^\s*\{/;
/** Enough of a file's start to see whether it is JSON. */
const SNIFF_BYTES = 64;

export async function readBackupFile(
  ctx: BackgroundContext,
  params: VerifyRequest,
  key: SymmetricKey,
): Promise<BackupFile> {
  const context: ImportContext = { newId: ctx.newId, now: ctx.now().toISOString() };
  if (params.uploadId === undefined) {
    return readJson(checkedText(params.content ?? ''), params.filePassword, key, context);
  }
  const file = ctx.uploads.import.complete(params.uploadId);
  const start = await readBlob(file.slice(0, SNIFF_BYTES));
  if (JSON_START.test(new TextDecoder().decode(start))) {
    // Judged by its size before it is decoded: a file too large to read costs no text.
    if (file.size > MAX_IMPORT_FILE_BYTES) throw tooLargeToRead();
    return readJson(checkedText(await readBlobText(file)), params.filePassword, key, context);
  }
  const derive: DeriveKdfMaterial = (password, salt, kdf) =>
    ctx.fileKeyDeriver.derive({ password, salt, kdf }, new AbortController().signal);
  return readArchive(blobSource(file), params.filePassword, key, context, derive);
}

/** The text of a `.json` backup: not blank, not too large to read. */
function checkedText(text: string): string {
  if (text.trim() === '') throw new CofferError('errChooseBackupFile');
  if (text.length > MAX_IMPORT_FILE_BYTES) throw tooLargeToRead();
  return text;
}

function tooLargeToRead(): CofferError {
  return new CofferError('errFileTooLargeToRead', { args: [MAX_IMPORT_FILE_BYTES / 1024 / 1024] });
}

async function readJson(
  text: string,
  filePassword: string | undefined,
  key: SymmetricKey,
  context: ImportContext,
): Promise<BackupFile> {
  const json = readBitwardenJson(text);
  return unlessUnreadable(json.kind, async () => {
    const file = await readBitwardenFile(json, filePassword, key, context);
    return file && { ...file, holdsAttachments: false };
  });
}

/**
 * A backup with attachments: opened (an encrypted archive only with its file password, and read
 * to its end before its data.json is believed), then its data.json read as the `.json` would be.
 */
async function readArchive(
  source: ArchiveSource,
  filePassword: string | undefined,
  key: SymmetricKey,
  context: ImportContext,
  derive: DeriveKdfMaterial,
): Promise<BackupFile> {
  const opened = await ARCHIVE_READER.open(
    { kind: 'source', source },
    { ...(filePassword ? { filePassword, derive } : {}), context },
  );
  if (opened.kind === 'read') return asRead({ ...opened.file, holdsAttachments: true });
  const { later } = opened;
  if (later.kind === 'encrypted') return { state: 'needsFilePassword' };
  // An archive made with the account key (an automatic backup) is this account's to open.
  const fileKind = later.kind === 'account' ? 'account' : later.json.kind;
  return unlessUnreadable(fileKind, async () => {
    const file = await ARCHIVE_READER.read(later, {
      ...(filePassword ? { filePassword } : {}),
      accountKey: key,
      context,
    });
    return file && { ...file, holdsAttachments: true };
  });
}

/** The file read by `read`, or the answer that this account cannot decrypt it. */
async function unlessUnreadable(
  fileKind: FileProtection,
  read: () => Promise<(ReadFile & { holdsAttachments: boolean }) | undefined>,
): Promise<BackupFile> {
  try {
    const file = await read();
    return file ? asRead(file) : { state: 'needsFilePassword' };
  } catch (error) {
    if (!isCofferError(error) || !UNREADABLE.has(error.code)) throw error;
    return { state: 'unreadable', fileKind, error };
  }
}

function asRead({
  parsed,
  fileKind,
  holdsAttachments,
}: ReadFile & { holdsAttachments: boolean }): BackupFile {
  // Backups are Bitwarden JSON inside: their readers never answer 'other'.
  if (fileKind === 'other') throw new CofferError('errorInternal');
  return { state: 'read', fileKind, parsed, holdsAttachments };
}
