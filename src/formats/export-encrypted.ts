/**
 * The two `.json (Encrypted)` exports (formats.md):
 * - account restricted: the store's records as they are (every secret already an EncString under
 *   the account key), with a validation GUID encrypted under the same key;
 * - password protected: the whole plain `.json` export encrypted under a key derived from a file
 *   password, with the KDF settings and salt needed to derive it again.
 */
import { encryptString } from '@/src/crypto/aes-cbc-hmac';
import { deriveFileKey, makeFileSalt } from '@/src/crypto/file-key';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { newId } from '@/src/crypto/random';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import type { EncryptedFolder, EncryptedItem } from '@/src/vault/item';
import { serializeExport, toExportFolder, toExportItem } from './export-json';

export async function buildAccountRestrictedExport(
  items: EncryptedItem[],
  folders: EncryptedFolder[],
  accountKey: SymmetricKey,
): Promise<string> {
  return serializeExport({
    encrypted: true,
    encKeyValidation_DO_NOT_EDIT: await encryptString(newId(), accountKey),
    folders: folders.map(toExportFolder),
    items: items.map(toExportItem),
  });
}

export async function buildPasswordProtectedExport(
  plainJson: string,
  filePassword: string,
  kdf: KdfConfig,
): Promise<string> {
  const salt = makeFileSalt();
  const key = await deriveFileKey(filePassword, salt, kdf);
  const [validation, data] = await Promise.all([
    encryptString(newId(), key),
    encryptString(plainJson, key),
  ]);
  return serializeExport({
    encrypted: true,
    passwordProtected: true,
    salt,
    kdfType: kdf.type === 'pbkdf2' ? 0 : 1,
    kdfIterations: kdf.iterations,
    kdfMemory: kdf.type === 'argon2id' ? kdf.memoryMiB : null,
    kdfParallelism: kdf.type === 'argon2id' ? kdf.parallelism : null,
    encKeyValidation_DO_NOT_EDIT: validation,
    data,
  });
}
