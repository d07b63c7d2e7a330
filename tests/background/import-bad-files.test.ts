/**
 * A corpus of bad files (tests/fixtures/bad-files, described in cases.json): each gives its own
 * coded error, with the message and the place it names, and leaves the store byte for byte as it
 * was, in preview and in import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ImportRequest } from '@/src/protocol/vault-api';
import { MAX_IMPORT_FILE_BYTES } from '@/src/vault/policy';
import { FIXTURES_DIR, readFixtureText } from '../helpers/fixtures';
import { loadTruthVault } from '../helpers/truth-vault';
import { snapshotDatabase } from '../helpers/vault-snapshot';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

interface BadFileCase {
  file: string;
  format: ImportRequest['format'];
  filePassword?: string;
  code: string;
  message: string;
  where?: string;
}

const DIR = path.join(FIXTURES_DIR, 'bad-files');
const CASES = JSON.parse(fs.readFileSync(path.join(DIR, 'cases.json'), 'utf8')) as BadFileCase[];

describe('bad files', () => {
  it('are at least 30, each with its own file', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    for (const c of CASES) expect(fs.existsSync(path.join(DIR, c.file)), c.file).toBe(true);
  });

  it.each(CASES.map((c) => [c.file, c] as const))('%s: %s', async (_file, c) => {
    const vault = await loadTruthVault('pbkdf2');
    const before = await snapshotDatabase();
    const request: ImportRequest = {
      format: c.format,
      content: fs.readFileSync(path.join(DIR, c.file), 'utf8'),
      ...(c.filePassword ? { filePassword: c.filePassword } : {}),
    };
    const expected = {
      code: c.code,
      message: expect.stringContaining(c.message),
      ...(c.where ? { where: c.where } : {}),
    };
    // Unknown item types are shown in the preview; only importing without consent is refused.
    if (c.code !== 'ERR_UNKNOWN_ITEM_TYPES') {
      await expect(vault.client.previewImport(request)).rejects.toMatchObject(expected);
    }
    await expect(vault.client.importVault(request)).rejects.toMatchObject(expected);
    expect(await snapshotDatabase()).toBe(before);
  });
});

describe('limits', () => {
  it('refuse more than 100,000 items', async () => {
    const vault = await loadTruthVault('pbkdf2', { empty: true });
    const items = Array.from({ length: 100_001 }, (_, i) => ({
      type: 2,
      name: String(i),
      secureNote: { type: 0 },
    }));
    const before = await snapshotDatabase();
    await expect(
      vault.client.importVault({
        format: 'bitwarden_json',
        content: JSON.stringify({ encrypted: false, folders: [], items }),
      }),
    ).rejects.toMatchObject({ code: 'ERR_TOO_MANY_ITEMS' });
    expect(await snapshotDatabase()).toBe(before);
  });

  it('refuse a file over MAX_IMPORT_FILE_BYTES before parsing it', async () => {
    const vault = await loadTruthVault('pbkdf2', { empty: true });
    await expect(
      vault.client.importVault({
        format: 'bitwarden_json',
        content: ' '.repeat(MAX_IMPORT_FILE_BYTES + 1),
      }),
    ).rejects.toMatchObject({ code: 'ERR_FILE_TOO_LARGE' });
  });

  it('import the items of known types when the person agrees to leave the unknown ones out', async () => {
    const vault = await loadTruthVault('pbkdf2', { empty: true });
    const content = fs.readFileSync(path.join(DIR, 'unknown-item-type.json'), 'utf8');
    const preview = await vault.client.previewImport({ format: 'bitwarden_json', content });
    expect(preview).toMatchObject({
      itemCount: 21,
      unknownTypes: [{ index: 2, name: 'Steam', type: 9 }],
    });
    const summary = await vault.client.importVault({
      format: 'bitwarden_json',
      content,
      skipUnknownTypes: true,
    });
    expect(summary).toMatchObject({ added: 21, failed: 1 });
  });
});

describe('unknown item types in an account-restricted file', () => {
  it('are listed without their encrypted names, which the popup words itself', async () => {
    const vault = await loadTruthVault('pbkdf2', { empty: true });
    const file = JSON.parse(readFixtureText('pbkdf2', 'assembled-account.json'));
    file.items[1].type = 9;
    const content = JSON.stringify(file);
    const preview = await vault.client.previewImport({ format: 'bitwarden_json', content });
    expect(preview).toMatchObject({
      unknownTypes: [{ index: 1, name: '', nameEncrypted: true, type: 9, typeText: '9' }],
    });
    await expect(
      vault.client.importVault({ format: 'bitwarden_json', content }),
    ).rejects.toMatchObject({
      code: 'ERR_UNKNOWN_ITEM_TYPES',
      message: expect.stringContaining('a type Coffer does not know (9)'),
    });
  });
});

describe('hostile item types (issue 11)', () => {
  const fileWithType = (type: string) =>
    `{"encrypted":false,"folders":[],"items":[{"type":2,"name":"Fine","secureNote":{"type":0}},` +
    `{"type":${type},"name":"Odd"}]}`;

  it('carry an object or nested lists as a safe description, through preview and import', async () => {
    const vault = await loadTruthVault('pbkdf2', { empty: true });
    for (const [type, typeText] of [
      ['{"toString":1}', '{…}'],
      ['[[[[[[[[[[1]]]]]]]]]]', '[…]'],
      [`"${'x'.repeat(100)}"`, `"${'x'.repeat(20)}…"`],
    ] as const) {
      const content = fileWithType(type);
      const preview = await vault.client.previewImport({ format: 'bitwarden_json', content });
      expect(preview).toMatchObject({ unknownTypes: [{ index: 1, name: 'Odd', typeText }] });
      const before = await snapshotDatabase();
      await expect(
        vault.client.importVault({ format: 'bitwarden_json', content }),
      ).rejects.toMatchObject({
        code: 'ERR_UNKNOWN_ITEM_TYPES',
        message: expect.stringContaining(`"Odd": ${typeText}`),
      });
      expect(await snapshotDatabase()).toBe(before);
    }
  });

  it('nested 5,000 deep are refused before parsing, naming the bound', async () => {
    const vault = await loadTruthVault('pbkdf2', { empty: true });
    const content = fileWithType(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    const before = await snapshotDatabase();
    await expect(
      vault.client.previewImport({ format: 'bitwarden_json', content }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_FILE', message: expect.stringContaining('64') });
    expect(await snapshotDatabase()).toBe(before);
  });
});
