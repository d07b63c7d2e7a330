/**
 * The `.kdbx` reader and writer as the format tables want them (format-implementations.ts).
 * Import: a database is checked (its header) as soon as it is chosen, and opened once a password
 * or key file comes. Export: kdbxweb builds the whole database in memory before encrypting it
 * (KDBX's blocks are written only at the end), so the export's batches are handed over as one
 * JSON line per item and added to the database as they come; the file goes to `out` when done.
 */
import type { Folder, Item } from '@/src/vault/item';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import type { StartArchive } from '../export-archive';
import {
  wholeContent,
  type FormatReader,
  type FormatWriter,
  type ImportInput,
} from '../format-types';
import { checkKdbxHeader } from './kdbx-header';
import { readKdbx } from './kdbx-read';
import { startKdbxDatabase, type KdbxArgon2 } from './kdbx-write';
import { CofferError } from '@/src/errors/coffer-error';

/** A new `.kdbx`'s Argon2id when the account derives with PBKDF2: KeePassXC's memory default. */
const KDBX_DEFAULT_ARGON2: KdbxArgon2 = { iterations: 3, memoryMiB: 64, parallelism: 4 };

function kdbxArgon2Of(kdf: KdfConfig): KdbxArgon2 {
  return kdf.type === 'argon2id'
    ? { iterations: kdf.iterations, memoryMiB: kdf.memoryMiB, parallelism: kdf.parallelism }
    : KDBX_DEFAULT_ARGON2;
}

async function bytesOf(input: ImportInput): Promise<Uint8Array> {
  const content = await wholeContent(input);
  if (content.kind !== 'bytes') throw new CofferError('errKdbxNotKdbx');
  return content.bytes;
}

export const KDBX_READER: FormatReader<Uint8Array> = {
  async open(input, { filePassword, keyFile, derive, context }) {
    const bytes = await bytesOf(input);
    if (filePassword === undefined && keyFile === undefined) {
      // Not a KeePass database, or one Coffer refuses: said before a password is asked for.
      checkKdbxHeader(bytes);
      return { kind: 'later', later: bytes };
    }
    // With a key file, an empty password field means the database has none (KeePass's composite
    // key then leaves the password out, which is not the same as an empty one).
    const password = filePassword === '' && keyFile ? undefined : filePassword;
    const { parsed, recycleBinEntries } = await readKdbx(
      bytes,
      {
        ...(password !== undefined && { password }),
        ...(keyFile && { keyFile }),
        ...(derive && { derive }),
      },
      context,
    );
    return {
      kind: 'read',
      file: {
        parsed: { ...parsed, ...(recycleBinEntries > 0 && { recycleBinEntries }) },
        fileKind: 'password',
      },
    };
  },
  // Every database is encrypted: without a password or key file, the popup asks for them.
  async read() {
    return undefined;
  },
};

/** The export's items for the database, a JSON line each (folders first), never a file. */
export const KDBX_ITEMS: FormatWriter = {
  encrypted: false,
  start: (folders) => `${JSON.stringify({ folders })}\n`,
  items: (items) => ({
    piece: items.map((item) => `${JSON.stringify(item)}\n`).join(''),
    count: items.length,
  }),
};

export const startKdbxExport: StartArchive = async (out, protection) => {
  // The registry offers this format password protected only.
  if (!protection || !('filePassword' in protection)) {
    throw new TypeError('A .kdbx needs a file password.');
  }
  const database = startKdbxDatabase({
    filePassword: protection.filePassword,
    argon2: kdbxArgon2Of(protection.kdf),
    cipher: protection.cipher ?? 'aes256',
    ...(protection.derive && { derive: protection.derive }),
  });
  let pending = '';
  let first = true;
  const take = (line: string) => {
    if (line === '') return;
    if (first) {
      first = false;
      database.addFolders((JSON.parse(line) as { folders: Folder[] }).folders);
    } else {
      database.addItems([JSON.parse(line) as Item]);
    }
  };
  return {
    async writeData(piece) {
      pending += typeof piece === 'string' ? piece : new TextDecoder().decode(piece);
      const end = pending.lastIndexOf('\n');
      if (end < 0) return;
      for (const line of pending.slice(0, end).split('\n')) take(line);
      pending = pending.slice(end + 1);
    },
    addAttachment: ({ itemId, fileName }, content) =>
      database.addAttachment(itemId, fileName, content),
    async finish() {
      take(pending);
      pending = '';
      await out(await database.save());
    },
  };
};
