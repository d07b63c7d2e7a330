/**
 * A MAC helper (the MAC Worker, lent by the background) changes where a batch's MACs are
 * computed, never what they are: the same bytes as computed here, fields Bitwarden's SDK opens,
 * tampering still caught at its field, and any helper failure or wrong answer met by computing
 * here instead.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decryptStringBatch, encryptStringBatch, reencryptBatch } from '@/src/crypto/aes-cbc-hmac';
import { computeMacs, createMacKey, lendMacHelper, type MacHelper } from '@/src/crypto/mac';
import { randomBytes } from '@/src/crypto/random';
import { importSymmetricKey } from '@/src/crypto/symmetric-key';
import { randomInt } from '@/src/vault/password-generator';
import { PureCrypto } from '../helpers/sdk';

let takeBack: (() => void) | undefined;
afterEach(() => {
  takeBack?.();
  takeBack = undefined;
});

/** Lends `helper` for this test, counting its calls. */
function lend(helper: MacHelper) {
  const spy = vi.fn(helper);
  takeBack = lendMacHelper(spy);
  return spy;
}

/** `count` messages of 0–99 random bytes laid end to end. */
function messages(count: number): { data: Uint8Array; bounds: Uint32Array } {
  const bounds = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) bounds[i + 1] = bounds[i]! + randomInt(100);
  return { data: randomBytes(bounds[count]!), bounds };
}

function oneByOne(key: Uint8Array, data: Uint8Array, bounds: Uint32Array): Uint8Array {
  const mac = createMacKey(key);
  const out: number[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    out.push(...mac.compute(data.subarray(bounds[i], bounds[i + 1])));
  }
  return Uint8Array.from(out);
}

describe('MACs computed by a helper', () => {
  it('are the MACs computed here, and small batches stay here', async () => {
    const key = randomBytes(32);
    const mac = createMacKey(key);
    const big = messages(600);
    const small = messages(100);
    expect(await mac.computeAll(big.data, big.bounds)).toEqual(oneByOne(key, big.data, big.bounds));
    const helper = lend(async (k, d, b) => computeMacs(k, d, b));
    expect(await mac.computeAll(big.data, big.bounds)).toEqual(oneByOne(key, big.data, big.bounds));
    expect(helper).toHaveBeenCalledTimes(1);
    expect(await mac.computeAll(small.data, small.bounds)).toEqual(
      oneByOne(key, small.data, small.bounds),
    );
    expect(helper).toHaveBeenCalledTimes(1);
    takeBack?.();
    await mac.computeAll(big.data, big.bounds);
    expect(helper).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['fails', () => Promise.reject(new Error('gone'))],
    ['answers too little', async () => new Uint8Array(32)],
    [
      'answers wrong MACs',
      async (_k: Uint8Array, _d: Uint8Array, b: Uint32Array) => new Uint8Array((b.length - 1) * 32),
    ],
  ] as [string, MacHelper][])('are computed here when the helper %s', async (_, helper) => {
    const key = randomBytes(32);
    const { data, bounds } = messages(400);
    const spy = lend(helper);
    expect(await createMacKey(key).computeAll(data, bounds)).toEqual(oneByOne(key, data, bounds));
    expect(spy).toHaveBeenCalled();
  });

  it('make fields the SDK opens, and still catch a tampered one at its index', async () => {
    const helper = lend(async (k, d, b) => computeMacs(k, d, b));
    const from = PureCrypto.make_user_key_aes256_cbc_hmac();
    const to = PureCrypto.make_user_key_aes256_cbc_hmac();
    const fromKey = await importSymmetricKey(from);
    const toKey = await importSymmetricKey(to);
    const texts = Array.from({ length: 5000 }, (_, i) => `field ${i} ${'é'.repeat(i % 7)}`);

    const encrypted = await encryptStringBatch(texts, fromKey);
    texts.forEach((t, i) =>
      expect(PureCrypto.symmetric_decrypt_string(encrypted[i]!, from)).toBe(t),
    );
    expect(await decryptStringBatch(encrypted, fromKey)).toEqual(texts);
    const again = await reencryptBatch(encrypted, fromKey, toKey);
    texts.forEach((t, i) => expect(PureCrypto.symmetric_decrypt_string(again[i]!, to)).toBe(t));
    expect(helper.mock.calls.length).toBeGreaterThanOrEqual(6);

    const spoiled = [...encrypted];
    const [type, iv, ct, mac] = spoiled[4500]!.split(/[.|]/);
    spoiled[4500] = `${type}.${iv}|${ct}|${mac!.startsWith('A') ? 'B' : 'A'}${mac!.slice(1)}`;
    await expect(decryptStringBatch(spoiled, fromKey)).rejects.toMatchObject({
      code: 'ERR_DECRYPT_FAILED',
      index: 4500,
    });
  });
});
