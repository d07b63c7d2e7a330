/**
 * Limits on KDF parameters, checked before any derivation. A file chooses its own parameters, so
 * an attacker could otherwise make the extension allocate gigabytes (Argon2 memory is allocated up
 * front) or spin for minutes (crypto.md, "The file key of a password-protected export").
 */
import { CofferError } from '@/src/errors/coffer-error';
import type { KdfConfig } from './kdf-config';

export interface KdfBounds {
  pbkdf2Iterations: [min: number, max: number];
  argon2Iterations: [min: number, max: number];
  argon2MemoryMiB: [min: number, max: number];
  argon2Parallelism: [min: number, max: number];
}

/** What a file may ask for. The floor of 5,000 PBKDF2 iterations keeps old exports importable. */
export const FILE_KDF_BOUNDS: KdfBounds = {
  pbkdf2Iterations: [5_000, 2_000_000],
  argon2Iterations: [2, 10],
  argon2MemoryMiB: [16, 1024],
  argon2Parallelism: [1, 16],
};

/** What a new account may choose: Bitwarden's current minimum of 600,000 PBKDF2 iterations. */
export const ACCOUNT_KDF_BOUNDS: KdfBounds = {
  ...FILE_KDF_BOUNDS,
  pbkdf2Iterations: [600_000, 2_000_000],
};

/** Throws ERR_KDF_PARAMS naming the first parameter outside the bounds. */
export function assertKdfWithinBounds(kdf: KdfConfig, bounds: KdfBounds = FILE_KDF_BOUNDS): void {
  if (kdf === null || typeof kdf !== 'object') throw outOfBounds('KDF settings', kdf, [0, 0]);
  if (kdf.type === 'pbkdf2') {
    check('PBKDF2 iterations', kdf.iterations, bounds.pbkdf2Iterations);
  } else if (kdf.type === 'argon2id') {
    check('Argon2id iterations', kdf.iterations, bounds.argon2Iterations);
    check('Argon2id memory (MiB)', kdf.memoryMiB, bounds.argon2MemoryMiB);
    check('Argon2id parallelism', kdf.parallelism, bounds.argon2Parallelism);
  } else {
    throw new CofferError('errKdfUnknown');
  }
}

function check(name: string, value: unknown, [min, max]: [number, number]): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw outOfBounds(name, value, [min, max]);
  }
}

function outOfBounds(name: string, value: unknown, [min, max]: [number, number]): CofferError {
  return new CofferError('errKdfOutOfBounds', {
    args: [name, min, max, String(value).slice(0, 40)],
  });
}
