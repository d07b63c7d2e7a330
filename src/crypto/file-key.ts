/**
 * The key of a password-protected export (crypto.md): KDF(file password, utf8 of the base64 salt
 * text, the file's KDF settings), stretched like a master key. The salt's *text* is the KDF input,
 * not its decoded bytes, because that is what Bitwarden does.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { toBase64, utf8 } from './bytes';
import { FILE_KDF_BOUNDS, assertKdfWithinBounds } from './kdf-bounds';
import type { KdfConfig } from './kdf-config';
import { deriveFileKdf, type FileKdf } from './keepass-argon2';
import { randomBytes } from './random';
import { stretchKey } from './stretch';
import { importSymmetricKey, type SymmetricKey } from './symmetric-key';

const FILE_SALT_LENGTH = 16;

export function makeFileSalt(): string {
  return toBase64(randomBytes(FILE_SALT_LENGTH));
}

/**
 * The 32 bytes of KDF material from the password and salt bytes. Argon2id at a file's highest
 * settings blocks its thread for seconds, so a caller may run it elsewhere (a Worker).
 */
export type DeriveKdfMaterial = (
  password: Uint8Array<ArrayBuffer>,
  salt: Uint8Array<ArrayBuffer>,
  kdf: FileKdf,
) => Promise<Uint8Array<ArrayBuffer>>;

const deriveHere: DeriveKdfMaterial = deriveFileKdf;

/** Checks the KDF settings against the file bounds before deriving anything, wherever it runs. */
export async function deriveFileKey(
  filePassword: string,
  saltB64: string,
  kdf: KdfConfig,
  derive: DeriveKdfMaterial = deriveHere,
): Promise<SymmetricKey> {
  return importSymmetricKey(await deriveFileKeyBytes(filePassword, saltB64, kdf, derive));
}

/**
 * The file key's 64 bytes, for formats that derive keys of their own from it (the encrypted
 * archive); the same bounds check comes first.
 */
export async function deriveFileKeyBytes(
  filePassword: string,
  saltB64: string,
  kdf: KdfConfig,
  derive: DeriveKdfMaterial = deriveHere,
): Promise<Uint8Array<ArrayBuffer>> {
  assertKdfWithinBounds(kdf, FILE_KDF_BOUNDS);
  const material = await derive(utf8(filePassword), utf8(saltB64), kdf);
  if (material.length !== 32) throw new CofferError('errFileKeyFailed');
  return stretchKey(material);
}
