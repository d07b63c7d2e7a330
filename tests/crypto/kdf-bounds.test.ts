import { describe, expect, it, vi } from 'vitest';
import { ACCOUNT_KDF_BOUNDS, assertKdfWithinBounds } from '@/src/crypto/kdf-bounds';
import { deriveKdfMaterial } from '@/src/crypto/kdf';
import { deriveFileKey } from '@/src/crypto/file-key';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { utf8 } from '@/src/crypto/bytes';

describe('KDF bounds', () => {
  it.each<[string, KdfConfig]>([
    ['PBKDF2 with 4,999 iterations', { type: 'pbkdf2', iterations: 4999 }],
    ['PBKDF2 with 10⁹ iterations', { type: 'pbkdf2', iterations: 1e9 }],
    ['PBKDF2 with fractional iterations', { type: 'pbkdf2', iterations: 5000.5 }],
    [
      'PBKDF2 with iterations as a string',
      { type: 'pbkdf2', iterations: '600000' as unknown as number },
    ],
    ['Argon2id with 10⁶ MiB', { type: 'argon2id', iterations: 3, memoryMiB: 1e6, parallelism: 4 }],
    [
      'Argon2id with 1 iteration',
      { type: 'argon2id', iterations: 1, memoryMiB: 64, parallelism: 4 },
    ],
    [
      'Argon2id with 11 iterations',
      { type: 'argon2id', iterations: 11, memoryMiB: 64, parallelism: 4 },
    ],
    ['Argon2id with 15 MiB', { type: 'argon2id', iterations: 3, memoryMiB: 15, parallelism: 4 }],
    ['Argon2id with 17 lanes', { type: 'argon2id', iterations: 3, memoryMiB: 64, parallelism: 17 }],
    [
      'Argon2id with NaN memory',
      { type: 'argon2id', iterations: 3, memoryMiB: NaN, parallelism: 4 },
    ],
    ['an unknown KDF', { type: 'scrypt' } as unknown as KdfConfig],
  ])('refuse %s before deriving anything', async (_name, kdf) => {
    expect(() => assertKdfWithinBounds(kdf)).toThrowError(
      expect.objectContaining({ code: 'ERR_KDF_PARAMS' }),
    );
    const digest = vi.spyOn(crypto.subtle, 'importKey');
    await expect(deriveKdfMaterial(utf8('pw'), utf8('salt'), kdf)).rejects.toMatchObject({
      code: 'ERR_KDF_PARAMS',
    });
    await expect(deriveFileKey('pw', 'c2FsdA==', kdf)).rejects.toMatchObject({
      code: 'ERR_KDF_PARAMS',
    });
    expect(digest).not.toHaveBeenCalled();
    digest.mockRestore();
  });

  it('names the parameter and its range in the message', () => {
    expect(() => assertKdfWithinBounds({ type: 'pbkdf2', iterations: 1e9 })).toThrowError(
      'PBKDF2 iterations must be a whole number from 5,000 to 2,000,000; got 1000000000.',
    );
  });

  it('names the parameter by a message key, so every locale words it', () => {
    expect(() =>
      assertKdfWithinBounds({ type: 'argon2id', iterations: 3, memoryMiB: 1e6, parallelism: 4 }),
    ).toThrowError(
      expect.objectContaining({
        key: 'errKdfOutOfBounds',
        args: [{ key: 'kdfParamArgon2Memory' }, 16, 1024, '1000000'],
      }),
    );
  });

  it('shows a value from a file without running its code, and settings that are no object as no KDF', () => {
    const hostile = JSON.parse('{"toString":1}') as number;
    expect(() => assertKdfWithinBounds({ type: 'pbkdf2', iterations: hostile })).toThrowError(
      'PBKDF2 iterations must be a whole number from 5,000 to 2,000,000; got {…}.',
    );
    expect(() => assertKdfWithinBounds(null as unknown as KdfConfig)).toThrowError(
      expect.objectContaining({ code: 'ERR_KDF_PARAMS', key: 'errKdfUnknown' }),
    );
  });

  it('accepts the edges of the file bounds', () => {
    for (const kdf of [
      { type: 'pbkdf2', iterations: 5000 },
      { type: 'pbkdf2', iterations: 2_000_000 },
      { type: 'argon2id', iterations: 2, memoryMiB: 16, parallelism: 1 },
      { type: 'argon2id', iterations: 10, memoryMiB: 1024, parallelism: 16 },
    ] satisfies KdfConfig[]) {
      expect(() => assertKdfWithinBounds(kdf)).not.toThrow();
    }
  });

  it('asks more of new accounts: at least 600,000 PBKDF2 iterations', () => {
    expect(() =>
      assertKdfWithinBounds({ type: 'pbkdf2', iterations: 599_999 }, ACCOUNT_KDF_BOUNDS),
    ).toThrow();
    expect(() =>
      assertKdfWithinBounds({ type: 'pbkdf2', iterations: 600_000 }, ACCOUNT_KDF_BOUNDS),
    ).not.toThrow();
  });
});
