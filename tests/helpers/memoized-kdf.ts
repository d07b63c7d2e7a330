/**
 * The account's master key derived once per test file. Every unlock, export, re-prompt
 * confirmation or password check derives it again from the master password (PBKDF2 with 600,000
 * iterations, or Argon2id with 64 MiB), which is most of a handler test's time where the KDF is
 * not what the test is about. The derivation is a pure function of its inputs, so its result is
 * kept and handed out again (as a copy): nothing observable changes, and a wrong password or
 * other settings are derived, and refused, as before. Files' own KDFs (deriveKdfMaterial for a
 * file password) are not kept.
 *
 * A test file opts in with:
 *   vi.mock('@/src/crypto/kdf', async (original) =>
 *     (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()));
 */
import type * as Kdf from '@/src/crypto/kdf';

export function memoizeMasterKey(kdf: typeof Kdf): typeof Kdf {
  const derived = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  return {
    ...kdf,
    deriveMasterKey(masterPassword, email, config, bounds) {
      const key = JSON.stringify([masterPassword, email, config, bounds ?? null]);
      let result = derived.get(key);
      if (!result) {
        result = kdf.deriveMasterKey(masterPassword, email, config, bounds);
        derived.set(key, result);
        // Refused settings are refused again next time, by the real derivation.
        result.catch(() => derived.delete(key));
      }
      return result.then((bytes) => bytes.slice());
    },
  };
}
