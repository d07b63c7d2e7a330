/**
 * The messages of the dedicated Worker that runs a password-protected file's Argon2id
 * (entrypoints/kdf-worker.ts): one job in, one answer out, then the Worker is terminated, which
 * also frees the up to 1 GiB of memory Argon2id took.
 */
import type { FileKdf } from '@/src/crypto/keepass-argon2';
import { CofferError, type Substitution } from '@/src/errors/coffer-error';
import { isErrorMessageKey, type ErrorMessageKey } from '@/src/errors/error-codes';

/** Where WXT writes the unlisted script, at the root of the extension. */
export const KDF_WORKER_PATH = '/kdf-worker.js';

export interface KdfJob {
  password: Uint8Array<ArrayBuffer>;
  salt: Uint8Array<ArrayBuffer>;
  kdf: FileKdf;
}

/**
 * A failure travels as a CofferError's data (its words' key and substitutions; the code follows
 * from the key) or as nothing known.
 */
export interface KdfJobError {
  key?: ErrorMessageKey;
  args?: Substitution[];
}

export type KdfJobReply =
  { ok: true; material: Uint8Array<ArrayBuffer> } | { ok: false; error: KdfJobError };

/** What of a failure may cross to the background: a CofferError's data, nothing else. */
export function kdfJobError(error: unknown): KdfJobError {
  return error instanceof CofferError ? { key: error.key, args: [...error.args] } : {};
}

/** The background's error for a failed job: the CofferError it was, or "could not derive". */
export function kdfJobFailure(error: KdfJobError): CofferError {
  return isErrorMessageKey(error.key)
    ? new CofferError(error.key, { args: error.args ?? [] })
    : new CofferError('errFileKeyFailed');
}
