/**
 * Other managers' files through the real background (issue #6): each sample, written from its
 * manager's documentation, imports what its parser reads, creates its folders once, and a second
 * import of the same file finds every item already there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { toBase64 } from '@/src/crypto/bytes';
import { parseChromeCsv } from '@/src/formats/importers/chrome-csv';
import { parseFirefoxCsv } from '@/src/formats/importers/firefox-csv';
import { parseKeePassXcCsv } from '@/src/formats/importers/keepassxc-csv';
import { parseLastPassCsv } from '@/src/formats/importers/lastpass-csv';
import { parseOnePassword1pux } from '@/src/formats/importers/onepassword-1pux';
import { parseProtonPassCsv } from '@/src/formats/importers/protonpass-csv';
import { parseSafariCsv } from '@/src/formats/importers/safari-csv';
import { createUnlockedBackground } from '../helpers/background';
import { comparable, readVault, snapshotDatabase } from '../helpers/vault-snapshot';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

const SAMPLES = path.join(import.meta.dirname, '../fixtures/other-managers');

/** The sample as the popup sends it (a .1pux, zipped here from its export.data, as base64) and
 * as its parser reads it. */
function sample(format: (typeof FORMATS)[number]) {
  const file = {
    chrome_csv: 'chrome.csv',
    firefox_csv: 'firefox.csv',
    safari_csv: 'safari.csv',
    lastpass_csv: 'lastpass.csv',
    keepassxc_csv: 'keepassxc.csv',
    protonpass_csv: 'protonpass.csv',
    onepassword_1pux: '1password-export.data.json',
  }[format];
  const text = fs.readFileSync(path.join(SAMPLES, file), 'utf8');
  if (format !== 'onepassword_1pux') {
    return { content: text, input: { kind: 'text' as const, text } };
  }
  const bytes = zipSync({ 'export.data': strToU8(text) });
  return { content: toBase64(bytes), input: { kind: 'bytes' as const, bytes } };
}

const FORMATS = [
  'chrome_csv',
  'firefox_csv',
  'safari_csv',
  'lastpass_csv',
  'keepassxc_csv',
  'protonpass_csv',
  'onepassword_1pux',
] as const;

/** The parser each format's reader uses (format-implementations.ts), for what to expect. */
const PARSERS = {
  chrome_csv: parseChromeCsv,
  firefox_csv: parseFirefoxCsv,
  safari_csv: parseSafariCsv,
  lastpass_csv: parseLastPassCsv,
  keepassxc_csv: parseKeePassXcCsv,
  protonpass_csv: parseProtonPassCsv,
  onepassword_1pux: parseOnePassword1pux,
};

describe.each(FORMATS)('importing the %s sample through the background', (format) => {
  it('adds every item its parser reads, folders once; importing it again adds nothing', async () => {
    const { client } = await createUnlockedBackground();
    const { content, input } = sample(format);
    const request = { format, content };
    const expected = PARSERS[format](input, {
      newId: () => crypto.randomUUID(),
      now: new Date().toISOString(),
    });
    expect(expected.items.length).toBeGreaterThan(1);

    const preview = await client.previewImport(request);
    expect(preview).toMatchObject({
      needsFilePassword: false,
      fileKind: 'other',
      itemCount: expected.items.length,
      folderCount: expected.folders.length,
      toAdd: expected.items.length,
    });
    const summary = await client.importVault(request);
    expect(summary).toEqual({
      added: expected.items.length,
      updated: 0,
      skipped: 0,
      failed: 0,
      foldersCreated: new Set(expected.folders.map((f) => f.name)).size,
    });

    const vault = await readVault(client);
    // Dates the file leaves out are "now" at parse time: compare everything else.
    const undated = (items: unknown[]) =>
      (items as Record<string, unknown>[]).map(
        ({ creationDate: _c, revisionDate: _r, ...rest }) => rest,
      );
    expect(undated(comparable(vault.items, vault.folders))).toEqual(
      undated(comparable(expected.items, expected.folders)),
    );

    const before = await snapshotDatabase();
    const again = await client.importVault(request);
    expect(again).toMatchObject({ added: 0, updated: 0, skipped: expected.items.length });
    expect(await snapshotDatabase()).toBe(before);
  });
});

describe('a file given as the wrong format', () => {
  it('is refused with the missing columns named, and nothing changes', async () => {
    const { client } = await createUnlockedBackground();
    const before = await snapshotDatabase();
    await expect(
      client.importVault({ format: 'keepassxc_csv', content: sample('chrome_csv').content }),
    ).rejects.toMatchObject({ code: 'ERR_CSV_INVALID', where: 'row 1' });
    await expect(
      client.importVault({ format: 'onepassword_1pux', content: toBase64(strToU8('not a zip')) }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_FILE' });
    expect(await snapshotDatabase()).toBe(before);
  });
});
