/**
 * Bitwarden's own crypto (@bitwarden/sdk-internal, GPL-3.0): a test oracle only, never bundled.
 */
import { PureCrypto } from '@bitwarden/sdk-internal';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import type { SdkKdf } from './fixtures';

export { PureCrypto };

export function toSdkKdf(kdf: KdfConfig): SdkKdf {
  return kdf.type === 'pbkdf2'
    ? { pBKDF2: { iterations: kdf.iterations } }
    : {
        argon2id: {
          iterations: kdf.iterations,
          memory: kdf.memoryMiB,
          parallelism: kdf.parallelism,
        },
      };
}

export function fromSdkKdf(kdf: SdkKdf): KdfConfig {
  return 'pBKDF2' in kdf
    ? { type: 'pbkdf2', iterations: kdf.pBKDF2.iterations }
    : {
        type: 'argon2id',
        iterations: kdf.argon2id.iterations,
        memoryMiB: kdf.argon2id.memory,
        parallelism: kdf.argon2id.parallelism,
      };
}
