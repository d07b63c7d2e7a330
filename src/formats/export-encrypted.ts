/**
 * The account-restricted `.json (Encrypted)` (formats.md): the store's records as they are (every
 * secret already an EncString under the account key), with a validation GUID encrypted under the
 * same key. (The password-protected kind is written through export-sink.ts.)
 */
import { encryptString } from '@/src/crypto/aes-cbc-hmac';
import { newId } from '@/src/crypto/random';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import type { EncryptedFolder } from '@/src/vault/item';
import { jsonExportStart } from './export-json';

export async function accountRestrictedExportStart(
  folders: EncryptedFolder[],
  accountKey: SymmetricKey,
): Promise<string> {
  const validation = await encryptString(newId(), accountKey);
  return jsonExportStart({ encrypted: true, encKeyValidation_DO_NOT_EDIT: validation }, folders);
}
