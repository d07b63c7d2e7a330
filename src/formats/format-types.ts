/**
 * What a format's reader and writer are, for the table of implementations
 * (format-implementations.ts). Readers work in two steps so that the background can open a file
 * before the vault's turn (a password-protected file's KDF takes seconds and can be cancelled)
 * and read the rest in it, with the account key of that moment.
 */
import type { DeriveKdfMaterial } from '@/src/crypto/file-key';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import type { EncryptedFolder, EncryptedItem, Folder, Item } from '@/src/vault/item';
import type { FileProtection } from '@/src/vault/file-protection';
import type { ArchiveSource } from './encrypted-archive-stream';
import type { FileContent, FilePiece } from './file-content';
import type { ImportContext, ParsedImport } from './import-types';

/**
 * A file to import: its content, or a source to read it from piece by piece (a file sent as an
 * upload, kept by the background as a Blob), so that an archive is never in memory whole.
 */
export type ImportInput = FileContent | { kind: 'source'; source: ArchiveSource };

/** A file read: its items, and how it was protected (`other`: a format with no protection). */
export interface ReadFile {
  parsed: ParsedImport;
  fileKind: FileProtection | 'other';
}

/** What opening a file gave: the file read already, or what `read` finishes in the vault's turn. */
type OpenedFile<Later> = { kind: 'read'; file: ReadFile } | { kind: 'later'; later: Later };

interface OpenOptions {
  filePassword?: string;
  /** A KeePass key file's bytes, with or instead of the file password. */
  keyFile?: Uint8Array;
  /** Runs a file's KDF (off the main thread, cancellable); on this thread when left out. */
  derive?: DeriveKdfMaterial;
  context: ImportContext;
}

interface ReadOptions {
  filePassword?: string;
  /** For account-restricted files. */
  accountKey: SymmetricKey;
  context: ImportContext;
}

export interface FormatReader<Later = unknown> {
  /** The part that needs no vault: parsing, and opening a password-protected file. */
  open(input: ImportInput, options: OpenOptions): Promise<OpenedFile<Later>>;
  /** The rest; undefined when the file is password protected and no file password came. */
  read(later: Later, options: ReadOptions): Promise<ReadFile | undefined>;
}

/** A reader for formats read in one step, with nothing to open first. */
export function readerOf(
  parse: (input: FileContent, context: ImportContext) => ParsedImport,
): FormatReader<FileContent> {
  return {
    async open(input) {
      return { kind: 'later', later: await wholeContent(input) };
    },
    async read(input, { context }) {
      return { parsed: parse(input, context), fileKind: 'other' };
    },
  };
}

/** The whole file, for readers that parse it at once: a source is read to its end. */
export async function wholeContent(input: ImportInput): Promise<FileContent> {
  if (input.kind !== 'source') return input;
  return { kind: 'bytes', bytes: await input.source.readAt(0, input.source.size) };
}

/**
 * Writes a file in pieces: its start (with the folders), the items a batch at a time (`index`
 * is the position of the batch's first item, `count` how many the pieces hold), and its end.
 * Plain files get the items decrypted, account-restricted ones as the vault keeps them.
 */
export type FormatWriter =
  | {
      encrypted: false;
      /**
       * Whether the file holds items of this kind (a CSV holds logins and notes only). The
       * others are never decrypted for it: no plaintext the file leaves out, and no time spent.
       */
      holds?(item: Pick<Item, 'type'>): boolean;
      /**
       * Which secrets the file holds, by location ("login.password", "fields[0].value"), when
       * not all: the others are never decrypted for it (a passkey's key, the password history),
       * and read as '' in the items handed to `items`.
       */
      reads?(path: string): boolean;
      start(folders: Folder[]): string;
      items(items: Item[], index: number, folders: Folder[]): { piece: FilePiece; count: number };
      end?(itemCount: number): string;
    }
  | {
      encrypted: true;
      start(folders: EncryptedFolder[], accountKey: SymmetricKey): Promise<string>;
      items(items: EncryptedItem[], index: number): { piece: FilePiece; count: number };
      end?(itemCount: number): string;
    };
