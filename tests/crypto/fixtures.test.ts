/**
 * Files written by Bitwarden's own exporter (tests/fixtures/bitwarden-sdk): the account key
 * unwraps with the master password, every EncString of the account-restricted file decrypts to
 * the plaintext that was fed in, and the password-protected file opens to the plain export.
 */
import { describe, expect, it } from 'vitest';
import { decryptString } from '@/src/crypto/aes-cbc-hmac';
import { deriveStretchedMasterKey, unprotectUserKey } from '@/src/crypto/account-keys';
import { fromBase64, toBase64, utf8 } from '@/src/crypto/bytes';
import { isEncString } from '@/src/crypto/enc-string';
import { deriveFileKey } from '@/src/crypto/file-key';
import { importSymmetricKey, type SymmetricKey } from '@/src/crypto/symmetric-key';
import { KDF_FIXTURES, readFixtureJson, readFixtureText, readTruth } from '../helpers/fixtures';
import { fromSdkKdf } from '../helpers/sdk';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Truth keys that the export files spell differently (fixture README). */
const RENAMED_IN_FILES: Record<string, string> = { keyFingerprint: 'fingerprint' };

/** Walks a file value beside its truth value and checks every EncString decrypts to the truth. */
async function expectDecryptsToTruth(
  file: Json,
  truth: Json,
  key: SymmetricKey,
  path: string,
): Promise<number> {
  if (typeof file === 'string' && isEncString(file)) {
    const plain = await decryptString(file, key);
    expect(plain, path).toBe(truth);
    return 1;
  }
  if (Array.isArray(file)) {
    expect(Array.isArray(truth), path).toBe(true);
    const counts = await Promise.all(
      file.map((value, i) =>
        expectDecryptsToTruth(value, (truth as Json[])[i]!, key, `${path}[${i}]`),
      ),
    );
    return counts.reduce((a, b) => a + b, 0);
  }
  if (file !== null && typeof file === 'object') {
    let count = 0;
    for (const [name, value] of Object.entries(file)) {
      if (name === 'uriChecksum') continue;
      const truthName = RENAMED_IN_FILES[name] ?? name;
      const truthValue = (truth as Record<string, Json>)[truthName];
      // The files write an empty list where the SDK's views have none (uris, passkeys,
      // collections), and the reverse.
      const isEmpty = (v: Json | undefined) => v == null || (Array.isArray(v) && v.length === 0);
      if (Array.isArray(value) || Array.isArray(truthValue)) {
        if (isEmpty(value) && isEmpty(truthValue)) continue;
      }
      count += await expectDecryptsToTruth(value, truthValue ?? null, key, `${path}.${name}`);
    }
    return count;
  }
  expect(file, path).toEqual(truth);
  return 0;
}

describe.each(KDF_FIXTURES)('Bitwarden fixtures made with %s', (kdfName) => {
  const truth = readTruth(kdfName);

  it('unprotects the account key with the master password', async () => {
    const { email, masterPassword, kdf, masterKeyWrappedUserKey, userKeyB64 } = truth.account;
    const stretched = await deriveStretchedMasterKey(masterPassword, email, fromSdkKdf(kdf));
    expect(toBase64(await unprotectUserKey(masterKeyWrappedUserKey, stretched))).toBe(userKeyB64);
  });

  it('refuses a wrong master password with the generic decryption error', async () => {
    const { email, kdf, masterKeyWrappedUserKey } = truth.account;
    const stretched = await deriveStretchedMasterKey('not the password', email, fromSdkKdf(kdf));
    await expect(unprotectUserKey(masterKeyWrappedUserKey, stretched)).rejects.toMatchObject({
      code: 'ERR_DECRYPT_FAILED',
    });
  });

  it('decrypts every EncString of the account-restricted file to the truth', async () => {
    const file = readFixtureJson<{
      items: Json[];
      folders: Json[];
      encKeyValidation_DO_NOT_EDIT: string;
    }>(kdfName, 'assembled-account.json');
    const key = await importSymmetricKey(fromBase64(truth.account.userKeyB64));
    expect(await decryptString(file.encKeyValidation_DO_NOT_EDIT, key)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    let decrypted = 0;
    let checksums = 0;
    for (const item of file.items as { id: string }[]) {
      const truthItem = truth.items.find((t) => t.id === item.id) as Json;
      decrypted += await expectDecryptsToTruth(item as Json, truthItem, key, `item ${item.id}`);
      for (const uri of (item as { login?: { uris?: { uri: string; uriChecksum: string }[] } })
        .login?.uris ?? []) {
        const plainUri = await decryptString(uri.uri, key);
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(plainUri)));
        expect(await decryptString(uri.uriChecksum, key)).toBe(toBase64(digest));
        checksums++;
      }
    }
    for (const folder of file.folders as { id: string }[]) {
      const truthFolder = truth.folders.find((f) => f.id === folder.id)!;
      decrypted += await expectDecryptsToTruth(
        folder as Json,
        { id: truthFolder.id, name: truthFolder.name },
        key,
        `folder ${folder.id}`,
      );
    }
    // Every EncString of the file was checked: the fields, the URI checksums and the validation GUID.
    const allEncStrings = JSON.stringify(file).match(/"2\.[^"]*"/g)!.length;
    expect(decrypted + checksums + 1).toBe(allEncStrings);
  });

  it('opens the password-protected file to text byte-identical to the plain export', async () => {
    const file = readFixtureJson<{
      salt: string;
      kdfType: 0 | 1;
      kdfIterations: number;
      kdfMemory: number | null;
      kdfParallelism: number | null;
      encKeyValidation_DO_NOT_EDIT: string;
      data: string;
    }>(kdfName, 'sdk-password-protected.json');
    const kdf =
      file.kdfType === 0
        ? ({ type: 'pbkdf2', iterations: file.kdfIterations } as const)
        : ({
            type: 'argon2id',
            iterations: file.kdfIterations,
            memoryMiB: file.kdfMemory!,
            parallelism: file.kdfParallelism!,
          } as const);
    const key = await deriveFileKey(truth.password, file.salt, kdf);
    await expect(decryptString(file.encKeyValidation_DO_NOT_EDIT, key)).resolves.toBeTruthy();
    expect(await decryptString(file.data, key)).toBe(readFixtureText(kdfName, 'sdk-plain.json'));
  });
});
