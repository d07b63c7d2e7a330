/**
 * Key derivation (crypto.md, "Account keys"): PBKDF2-HMAC-SHA256 by WebCrypto, Argon2id by the
 * hash-wasm WebAssembly build (WebCrypto has no Argon2; it is never written by hand). Bounds are
 * checked first, whatever the caller.
 */
import { argon2id } from 'hash-wasm';
import { utf8 } from './bytes';
import { assertKdfWithinBounds, type KdfBounds, FILE_KDF_BOUNDS } from './kdf-bounds';
import type { KdfConfig } from './kdf-config';

const KDF_OUTPUT_LENGTH = 32;

/**
 * The 32 bytes `PureCrypto.derive_kdf_material(password, salt, kdf)` computes: PBKDF2 over the
 * salt, or Argon2id over SHA-256(salt).
 */
export async function deriveKdfMaterial(
  password: Uint8Array<ArrayBuffer>,
  salt: Uint8Array<ArrayBuffer>,
  kdf: KdfConfig,
  bounds: KdfBounds = FILE_KDF_BOUNDS,
): Promise<Uint8Array<ArrayBuffer>> {
  assertKdfWithinBounds(kdf, bounds);
  if (kdf.type === 'pbkdf2') {
    const base = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: kdf.iterations },
      base,
      KDF_OUTPUT_LENGTH * 8,
    );
    return new Uint8Array(bits);
  }
  // Bitwarden hashes the salt for Argon2id so that any salt length meets Argon2's 8-byte minimum.
  const hashedSalt = new Uint8Array(await crypto.subtle.digest('SHA-256', salt));
  return argon2id({
    password,
    salt: hashedSalt,
    iterations: kdf.iterations,
    memorySize: kdf.memoryMiB * 1024,
    parallelism: kdf.parallelism,
    hashLength: KDF_OUTPUT_LENGTH,
    outputType: 'binary',
  }) as Promise<Uint8Array<ArrayBuffer>>;
}

/** The account's salt: its email, trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The 32-byte master key of an account: KDF(master password, normalized email). */
export function deriveMasterKey(
  masterPassword: string,
  email: string,
  kdf: KdfConfig,
  bounds?: KdfBounds,
): Promise<Uint8Array<ArrayBuffer>> {
  return deriveKdfMaterial(utf8(masterPassword), utf8(normalizeEmail(email)), kdf, bounds);
}
