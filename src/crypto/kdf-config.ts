/**
 * The key-derivation settings of an account or a password-protected file, in the units of the
 * spec (crypto.md): PBKDF2-SHA256 iterations, or Argon2id iterations, memory in MiB, lanes.
 */

export type KdfConfig =
  | { type: 'pbkdf2'; iterations: number }
  | { type: 'argon2id'; iterations: number; memoryMiB: number; parallelism: number };

export const DEFAULT_PBKDF2: KdfConfig = { type: 'pbkdf2', iterations: 600_000 };
export const DEFAULT_ARGON2ID: KdfConfig = {
  type: 'argon2id',
  iterations: 3,
  memoryMiB: 64,
  parallelism: 4,
};
