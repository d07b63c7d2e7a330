/**
 * Issue #3 targets: per-field encrypt+decrypt at least as fast as the SDK; PBKDF2 within 1.3× of
 * node:crypto; Argon2id within 1.5× of the SDK. All measured in the same run.
 */
import nodeCrypto from 'node:crypto';
import { PureCrypto } from '@bitwarden/sdk-internal';
import { decryptStringBatch, encryptStringBatch } from '@/src/crypto/aes-cbc-hmac';
import { utf8 } from '@/src/crypto/bytes';
import { deriveKdfMaterial } from '@/src/crypto/kdf';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { randomBytes } from '@/src/crypto/random';
import { importSymmetricKey } from '@/src/crypto/symmetric-key';
import { medianMs, printTable, verdict, type Row } from './measure';

const FIELDS = 100_000;

export async function benchCrypto(): Promise<void> {
  const texts = Array.from({ length: FIELDS }, (_, i) => `user.${i}@example.com`);
  const keyBytes = randomBytes(64);
  const key = await importSymmetricKey(keyBytes);

  const coffer = await medianMs(async () => {
    const encrypted = await encryptStringBatch(texts, key);
    const decrypted = await decryptStringBatch(encrypted, key);
    if (decrypted[FIELDS - 1] !== texts[FIELDS - 1]) throw new Error('Coffer round trip failed');
  }, 3);
  const sdk = await medianMs(() => {
    const encrypted = texts.map((t) => PureCrypto.symmetric_encrypt_string(t, keyBytes));
    const decrypted = encrypted.map((e) => PureCrypto.symmetric_decrypt_string(e, keyBytes));
    if (decrypted[FIELDS - 1] !== texts[FIELDS - 1]) throw new Error('SDK round trip failed');
  }, 3);
  const node = await medianMs(() => nodeRoundTrip(texts, keyBytes), 3);

  const perField = (ms: number) => `${((ms * 1000) / FIELDS).toFixed(1)} µs`;
  const rows: Row[] = [
    {
      task: `encrypt+decrypt ${FIELDS.toLocaleString('en-US')} short strings`,
      impl: 'Coffer',
      ms: coffer,
      'per field': perField(coffer),
    },
    { task: '', impl: 'SDK PureCrypto', ms: sdk, 'per field': perField(sdk) },
    { task: '', impl: 'node:crypto', ms: node, 'per field': perField(node) },
  ];
  rows[0]!.target = `≤ SDK: ${verdict(coffer <= sdk)} (${(sdk / coffer).toFixed(1)}× faster)`;

  const password = utf8('correct horse battery staple');
  const salt = utf8('someone@example.com');
  const pbkdf2: KdfConfig = { type: 'pbkdf2', iterations: 600_000 };
  const cofferPbkdf2 = await medianMs(() => deriveKdfMaterial(password, salt, pbkdf2));
  const nodePbkdf2 = await medianMs(
    () =>
      new Promise((resolve, reject) =>
        nodeCrypto.pbkdf2(password, salt, 600_000, 32, 'sha256', (e, k) =>
          e ? reject(e) : resolve(k),
        ),
      ),
  );
  rows.push(
    {
      task: 'PBKDF2-SHA256 600,000',
      impl: 'Coffer (WebCrypto)',
      ms: cofferPbkdf2,
      target: `≤ 1.3× node: ${verdict(cofferPbkdf2 <= 1.3 * nodePbkdf2)} (${(cofferPbkdf2 / nodePbkdf2).toFixed(2)}×)`,
    },
    { task: '', impl: 'node:crypto', ms: nodePbkdf2 },
  );

  const argon: KdfConfig = { type: 'argon2id', iterations: 3, memoryMiB: 64, parallelism: 4 };
  const cofferArgon = await medianMs(() => deriveKdfMaterial(password, salt, argon));
  const sdkArgon = await medianMs(() =>
    PureCrypto.derive_kdf_material(password, salt, {
      argon2id: { iterations: 3, memory: 64, parallelism: 4 },
    }),
  );
  rows.push(
    {
      task: 'Argon2id t=3, 64 MiB, p=4',
      impl: 'Coffer (hash-wasm)',
      ms: cofferArgon,
      target: `≤ 1.5× SDK: ${verdict(cofferArgon <= 1.5 * sdkArgon)} (${(cofferArgon / sdkArgon).toFixed(2)}×)`,
    },
    { task: '', impl: 'SDK PureCrypto', ms: sdkArgon },
  );
  printTable('Crypto (issue #3)', rows);
}

/** The practical limit: Node's native OpenSSL, synchronous, one cipher and HMAC per field. */
function nodeRoundTrip(texts: string[], keyBytes: Uint8Array): void {
  const encKey = keyBytes.subarray(0, 32);
  const macKey = keyBytes.subarray(32);
  const encrypted = texts.map((text) => {
    const iv = nodeCrypto.randomBytes(16);
    const cipher = nodeCrypto.createCipheriv('aes-256-cbc', encKey, iv);
    const ct = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    const mac = nodeCrypto.createHmac('sha256', macKey).update(iv).update(ct).digest();
    return `2.${iv.toString('base64')}|${ct.toString('base64')}|${mac.toString('base64')}`;
  });
  for (const text of encrypted) {
    const [iv, ct, mac] = text
      .slice(2)
      .split('|')
      .map((p) => Buffer.from(p, 'base64')) as [Buffer, Buffer, Buffer];
    const expected = nodeCrypto.createHmac('sha256', macKey).update(iv).update(ct).digest();
    if (!nodeCrypto.timingSafeEqual(expected, mac)) throw new Error('MAC');
    const decipher = nodeCrypto.createDecipheriv('aes-256-cbc', encKey, iv);
    Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  }
}
