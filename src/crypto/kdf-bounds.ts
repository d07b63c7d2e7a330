/**
 * Limits on KDF parameters, checked before any derivation. A file chooses its own parameters, so
 * an attacker could otherwise make the extension allocate gigabytes (Argon2 memory is allocated up
 * front) or spin for minutes (crypto.md, "The file key of a password-protected export").
 */
import { CofferError, type MessageKey } from '@/src/errors/coffer-error';
import { describeValue } from '@/src/errors/describe-value';
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

/** Longest text shown of a value given as text, where a number belongs. */
const MAX_SHOWN_TEXT = 40;

/**
 * Throws ERR_KDF_PARAMS naming the first parameter outside the bounds. The parameter is named by
 * a message key, so every locale words it; settings that are not an object name no KDF at all.
 */
export function assertKdfWithinBounds(kdf: KdfConfig, bounds: KdfBounds = FILE_KDF_BOUNDS): void {
  if (kdf !== null && typeof kdf === 'object' && kdf.type === 'pbkdf2') {
    checkKdfParameter('kdfParamPbkdf2Iterations', kdf.iterations, bounds.pbkdf2Iterations);
  } else if (kdf !== null && typeof kdf === 'object' && kdf.type === 'argon2id') {
    checkKdfParameter('kdfParamArgon2Iterations', kdf.iterations, bounds.argon2Iterations);
    checkKdfParameter('kdfParamArgon2Memory', kdf.memoryMiB, bounds.argon2MemoryMiB);
    checkKdfParameter('kdfParamArgon2Parallelism', kdf.parallelism, bounds.argon2Parallelism);
  } else {
    throw new CofferError('errKdfUnknown');
  }
}

/**
 * Throws ERR_KDF_PARAMS (errKdfOutOfBounds) unless `value` is a whole number within `[min, max]`,
 * naming the parameter: the one check of every KDF setting, a file's own KDFs included.
 */
function checkKdfParameter(
  name: MessageKey,
  value: unknown,
  [min, max]: readonly [number, number],
): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    // A file's value: text as written, anything else described without running any of its code.
    const shown = typeof value === 'string' ? value.slice(0, MAX_SHOWN_TEXT) : describeValue(value);
    throw new CofferError('errKdfOutOfBounds', { args: [{ key: name }, min, max, shown] });
  }
}

/**
 * Runs a check of settings a file chose, turning its ERR_KDF_PARAMS into
 * ERR_FILE_KDF_OUT_OF_BOUNDS with the same words (which setting, its bounds, the file's value).
 */
function asFileKdfCheck(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof CofferError) || error.key !== 'errKdfOutOfBounds') throw error;
    throw new CofferError('errFileKdfOutOfBounds', { args: error.args });
  }
}

/**
 * `assertKdfWithinBounds` for the KDF a password-protected file (a `.json` or an archive) names,
 * within FILE_KDF_BOUNDS.
 */
export function assertFileKdfWithinBounds(kdf: KdfConfig): void {
  asFileKdfCheck(() => assertKdfWithinBounds(kdf, FILE_KDF_BOUNDS));
}

/**
 * `checkKdfParameter` for one setting a file chose (a KeePass database's KDF, checked from its
 * header and again where its Argon2 runs).
 */
export function checkFileKdfParameter(
  name: MessageKey,
  value: unknown,
  bounds: readonly [number, number],
): void {
  asFileKdfCheck(() => checkKdfParameter(name, value, bounds));
}
