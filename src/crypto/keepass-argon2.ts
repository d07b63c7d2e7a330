/**
 * Argon2 as a KeePass `.kdbx` asks for it (KDBX 4): Argon2d or Argon2id over the header's salt as
 * it is (Bitwarden hashes its salt first; KeePass does not), memory in KiB, and the output length
 * kdbxweb asks for. A file chooses these itself, so they are checked here too, wherever the
 * derivation runs (a Worker checks again what it is handed).
 */
import { argon2d, argon2id } from 'hash-wasm';
import { CofferError } from '@/src/errors/coffer-error';
import { checkFileKdfParameter, FILE_KDF_BOUNDS } from './kdf-bounds';
import { deriveKdfMaterial } from './kdf';
import type { KdfConfig } from './kdf-config';

export interface KeePassArgon2 {
  type: 'keepass-argon2';
  variant: 'argon2d' | 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  /** Bytes of output: kdbxweb asks for 32, the only length taken. */
  length: number;
}

/** What a file may ask a derivation for: Bitwarden's KDF settings or a KeePass database's Argon2. */
export type FileKdf = KdfConfig | KeePassArgon2;

/**
 * The bounds a KeePass database's Argon2 must keep to: up to 1 GiB (allocated at once), 100
 * iterations and 64 lanes. KeePassXC's defaults (64 MiB, a few dozen iterations) sit well inside.
 */
export const KEEPASS_ARGON2_BOUNDS = {
  memoryMiB: [1, 1024],
  iterations: [1, 100],
  parallelism: [1, 64],
} as const satisfies Record<string, readonly [number, number]>;

const KIB_PER_MIB = 1024;
const KEY_LENGTH = 32;

/** Throws ERR_FILE_KDF_OUT_OF_BOUNDS naming the first setting out of bounds, as the header check does. */
function assertKeePassArgon2WithinBounds(kdf: KeePassArgon2): void {
  // In MiB as the bounds are; a part of one counts as a whole.
  const memoryMiB = Number.isSafeInteger(kdf.memoryKiB)
    ? Math.ceil(kdf.memoryKiB / KIB_PER_MIB)
    : kdf.memoryKiB;
  checkFileKdfParameter('kdfParamKdbxArgon2Memory', memoryMiB, KEEPASS_ARGON2_BOUNDS.memoryMiB);
  checkFileKdfParameter(
    'kdfParamKdbxArgon2Iterations',
    kdf.iterations,
    KEEPASS_ARGON2_BOUNDS.iterations,
  );
  checkFileKdfParameter(
    'kdfParamKdbxArgon2Parallelism',
    kdf.parallelism,
    KEEPASS_ARGON2_BOUNDS.parallelism,
  );
  if (kdf.length !== KEY_LENGTH) throw new CofferError('errFileKeyFailed');
}

/** The `length` bytes KeePass's Argon2 makes of `password` (its composite key) and `salt`. */
export async function deriveKeePassArgon2(
  password: Uint8Array<ArrayBuffer>,
  salt: Uint8Array<ArrayBuffer>,
  kdf: KeePassArgon2,
): Promise<Uint8Array<ArrayBuffer>> {
  assertKeePassArgon2WithinBounds(kdf);
  const derive = kdf.variant === 'argon2id' ? argon2id : argon2d;
  return (await derive({
    password,
    salt,
    memorySize: kdf.memoryKiB,
    iterations: kdf.iterations,
    parallelism: kdf.parallelism,
    hashLength: kdf.length,
    outputType: 'binary',
  })) as Uint8Array<ArrayBuffer>;
}

/** Any file's KDF on this thread, each kind checked against its bounds first. */
export function deriveFileKdf(
  password: Uint8Array<ArrayBuffer>,
  salt: Uint8Array<ArrayBuffer>,
  kdf: FileKdf,
): Promise<Uint8Array<ArrayBuffer>> {
  return kdf.type === 'keepass-argon2'
    ? deriveKeePassArgon2(password, salt, kdf)
    : deriveKdfMaterial(password, salt, kdf, FILE_KDF_BOUNDS);
}
