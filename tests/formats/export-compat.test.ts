/**
 * Coffer's exports against Bitwarden's: the same vault (a fixture's truth.json) loaded into
 * Coffer's store must export to the files Bitwarden's exporter wrote, and Coffer's encrypted
 * exports must open with Bitwarden's own crypto (@bitwarden/sdk-internal).
 */
import nodeCrypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { isEncString } from '@/src/crypto/enc-string';
import type { ExportRequest } from '@/src/protocol/vault-api';
import { KDF_FIXTURES, readFixtureText, type SdkKdf } from '../helpers/fixtures';
import { PureCrypto, toSdkKdf } from '../helpers/sdk';
import { loadTruthVault, type TruthVault } from '../helpers/truth-vault';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

type WithoutPassword<T> = T extends unknown ? Omit<T, 'masterPassword'> : never;

async function exportText(
  vault: TruthVault,
  request: WithoutPassword<ExportRequest>,
): Promise<string> {
  await vault.client.exportVault({
    ...request,
    masterPassword: vault.truth.account.masterPassword,
  } as ExportRequest);
  return vault.downloads.files.at(-1)!.text;
}

/** Bitwarden's file-key derivation done with the SDK's KDF and Node's own HMAC (not Coffer's). */
function sdkFileKey(password: string, salt: string, kdf: SdkKdf): Uint8Array {
  const material = PureCrypto.derive_kdf_material(Buffer.from(password), Buffer.from(salt), kdf);
  const expand = (info: string) =>
    nodeCrypto
      .createHmac('sha256', material)
      .update(Buffer.concat([Buffer.from(info), Buffer.from([1])]))
      .digest();
  return new Uint8Array(Buffer.concat([expand('enc'), expand('mac')]));
}

describe.each(KDF_FIXTURES)('exports of the %s fixture vault', (kdfName) => {
  it('.json is byte-identical to Bitwarden’s sdk-plain.json', async () => {
    const vault = await loadTruthVault(kdfName);
    const text = await exportText(vault, { format: 'json' });
    const bitwarden = readFixtureText(kdfName, 'sdk-plain.json');
    expect(JSON.parse(text)).toEqual(JSON.parse(bitwarden));
    expect(text).toBe(bitwarden);
    expect(vault.downloads.files.at(-1)).toMatchObject({
      fileName: expect.stringMatching(/^coffer_export_\d{14}\.json$/),
      mimeType: 'application/json',
    });
  });

  it('.csv is byte-identical to Bitwarden’s sdk.csv', async () => {
    const vault = await loadTruthVault(kdfName);
    const text = await exportText(vault, { format: 'csv' });
    expect(text).toBe(readFixtureText(kdfName, 'sdk.csv'));
    expect(vault.downloads.files.at(-1)?.fileName).toMatch(/^coffer_export_\d{14}\.csv$/);
  });

  it('password protected opens with the SDK and holds exactly the plain export', async () => {
    const vault = await loadTruthVault(kdfName);
    const plain = await exportText(vault, { format: 'json' });
    const filePassword = 'file pässword 🔒 123';
    const text = await exportText(vault, {
      format: 'encrypted_json',
      mode: 'password',
      filePassword,
    });
    const file = JSON.parse(text);
    expect(Object.keys(file)).toEqual([
      'encrypted',
      'passwordProtected',
      'salt',
      'kdfType',
      'kdfIterations',
      'kdfMemory',
      'kdfParallelism',
      'encKeyValidation_DO_NOT_EDIT',
      'data',
    ]);
    const sdkKdf = vault.truth.account.kdf;
    expect(file).toMatchObject(
      'pBKDF2' in sdkKdf
        ? {
            kdfType: 0,
            kdfIterations: sdkKdf.pBKDF2.iterations,
            kdfMemory: null,
            kdfParallelism: null,
          }
        : {
            kdfType: 1,
            kdfIterations: sdkKdf.argon2id.iterations,
            kdfMemory: sdkKdf.argon2id.memory,
            kdfParallelism: sdkKdf.argon2id.parallelism,
          },
    );
    expect(Buffer.from(file.salt, 'base64')).toHaveLength(16);
    const key = sdkFileKey(filePassword, file.salt, sdkKdf);
    expect(PureCrypto.symmetric_decrypt_string(file.encKeyValidation_DO_NOT_EDIT, key)).toMatch(
      /^[0-9a-f-]{36}$/,
    );
    expect(PureCrypto.symmetric_decrypt_string(file.data, key)).toBe(plain);
    expect(vault.downloads.files.at(-1)?.fileName).toMatch(
      /^coffer_encrypted_export_\d{14}\.json$/,
    );
  });

  it('password protected with a chosen Argon2id KDF opens with the SDK', async () => {
    const vault = await loadTruthVault(kdfName);
    const plain = await exportText(vault, { format: 'json' });
    const kdf = { type: 'argon2id', iterations: 3, memoryMiB: 64, parallelism: 4 } as const;
    const file = JSON.parse(
      await exportText(vault, {
        format: 'encrypted_json',
        mode: 'password',
        filePassword: 'another file password',
        kdf,
      }),
    );
    expect(file).toMatchObject({ kdfType: 1, kdfIterations: 3, kdfMemory: 64, kdfParallelism: 4 });
    const key = sdkFileKey('another file password', file.salt, toSdkKdf(kdf));
    expect(PureCrypto.symmetric_decrypt_string(file.data, key)).toBe(plain);
  });

  it('account restricted decrypts in the SDK, field by field, to the plain export', async () => {
    const vault = await loadTruthVault(kdfName);
    const plain = JSON.parse(await exportText(vault, { format: 'json' }));
    const file = JSON.parse(await exportText(vault, { format: 'encrypted_json', mode: 'account' }));
    const userKey = Buffer.from(vault.truth.account.userKeyB64, 'base64');
    const decrypt = (value: unknown) =>
      isEncString(value) ? PureCrypto.symmetric_decrypt_string(value, userKey) : value;
    expect(file.encrypted).toBe(true);
    expect(decrypt(file.encKeyValidation_DO_NOT_EDIT)).toMatch(/^[0-9a-f-]{36}$/);

    let checked = 0;
    const walk = (encrypted: unknown, expected: unknown, path: string): void => {
      if (typeof encrypted === 'string' && isEncString(encrypted)) {
        expect(decrypt(encrypted), path).toBe(expected);
        checked++;
      } else if (Array.isArray(encrypted)) {
        encrypted.forEach((v, i) => walk(v, (expected as unknown[])[i], `${path}[${i}]`));
      } else if (encrypted !== null && typeof encrypted === 'object') {
        const entries = Object.entries(encrypted).filter(([k]) => k !== 'uriChecksum');
        expect(entries.map(([k]) => k).sort(), path).toEqual(
          Object.keys(expected as object).sort(),
        );
        for (const [k, v] of entries)
          walk(v, (expected as Record<string, unknown>)[k], `${path}.${k}`);
      } else {
        expect(encrypted, path).toEqual(expected);
      }
    };
    walk(file.items, plain.items, 'items');
    walk(file.folders, plain.folders, 'folders');
    expect(checked).toBeGreaterThan(150);

    for (const item of file.items) {
      for (const uri of item.login?.uris ?? []) {
        const plainUri = decrypt(uri.uri) as string;
        expect(decrypt(uri.uriChecksum)).toBe(
          nodeCrypto.createHash('sha256').update(plainUri).digest('base64'),
        );
      }
    }
  });
});
