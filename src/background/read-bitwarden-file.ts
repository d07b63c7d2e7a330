/**
 * A Bitwarden JSON file read as far as this account can read it (formats.md, "recognising a
 * file"): plain as it is, account restricted with this account's key, password protected with
 * its file password. Import Data and Verify backup both read files this way.
 */
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import {
  decryptAccountRestricted,
  openPasswordProtected,
  parsePlainBitwarden,
  type BitwardenJson,
} from '@/src/formats/import-bitwarden-json';
import type { ImportContext, ParsedImport } from '@/src/formats/import-types';

type BitwardenFileKind = 'plain' | 'account' | 'password';

export interface ReadBitwardenFile {
  parsed: ParsedImport;
  fileKind: BitwardenFileKind;
}

/**
 * Opens a file `readBitwardenJson` has recognised; undefined when it is password protected and no
 * file password was given.
 */
export async function openBitwardenFile(
  file: BitwardenJson,
  filePassword: string | undefined,
  accountKey: SymmetricKey,
  ctx: ImportContext,
): Promise<ReadBitwardenFile | undefined> {
  if (file.kind === 'plain') {
    return { parsed: parsePlainBitwarden(file.document, ctx), fileKind: 'plain' };
  }
  if (file.kind === 'account') {
    return {
      parsed: await decryptAccountRestricted(file.document, accountKey, ctx),
      fileKind: 'account',
    };
  }
  if (filePassword === undefined || filePassword === '') return undefined;
  const inner = await openPasswordProtected(file.document, filePassword);
  return { parsed: parsePlainBitwarden(inner.document, ctx), fileKind: 'password' };
}
