/**
 * The key of a password-protected export (crypto.md): KDF(file password, utf8 of the base64 salt
 * text, the file's KDF settings), stretched like a master key. The salt's *text* is the KDF input,
 * not its decoded bytes, because that is what Bitwarden does.
 */
import { toBase64, utf8 } from './bytes';
import { deriveKdfMaterial } from './kdf';
import { FILE_KDF_BOUNDS } from './kdf-bounds';
import type { KdfConfig } from './kdf-config';
import { randomBytes } from './random';
import { stretchKey } from './stretch';
import { importSymmetricKey, type SymmetricKey } from './symmetric-key';

const FILE_SALT_LENGTH = 16;

export function makeFileSalt(): string {
  return toBase64(randomBytes(FILE_SALT_LENGTH));
}

/** Checks the KDF settings against the file bounds before deriving anything. */
export async function deriveFileKey(
  filePassword: string,
  saltB64: string,
  kdf: KdfConfig,
): Promise<SymmetricKey> {
  const material = await deriveKdfMaterial(utf8(filePassword), utf8(saltB64), kdf, FILE_KDF_BOUNDS);
  return importSymmetricKey(await stretchKey(material));
}
