/**
 * Hostile import files (issue 11) as a test: seeded mutations of the repo's real sample files, for
 * every format Import Data offers, through the real background handlers. Each input is accepted or
 * refused with a known error code (never ERR_INTERNAL, never a throw without one), a refusal
 * leaves the store byte for byte as it was, and nothing takes 5 s.
 * COFFER_FUZZ_COUNT sets the inputs per format (default below), COFFER_FUZZ_SEED the seed; with
 * either set, the table of outcomes is printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { openDB } from 'idb';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { encryptString } from '@/src/crypto/aes-cbc-hmac';
import { deriveFileKey, makeFileSalt } from '@/src/crypto/file-key';
import type { ErrorCode } from '@/src/errors/error-codes';
import type { ImportRequest } from '@/src/protocol/vault-api';
import { DB_NAME } from '@/src/store/schema';
import {
  createUnlockedBackground,
  TEST_PASSWORD,
  type TestBackground,
} from '../helpers/background';
import { FIXTURES_DIR, readFixtureText } from '../helpers/fixtures';
import { mutateJson, mutateText, mutateZip, onePux } from '../helpers/fuzz-mutations';
import { withDeclaredSize } from '../helpers/hostile-zips';
import { mulberry32, type Random } from '../helpers/fuzz-random';
import { snapshotDatabase } from '../helpers/vault-snapshot';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

/** A few hundred per format: every mutation kind, in about 25 s on two cores. */
const DEFAULT_COUNT = 200;
const COUNT = Number(process.env.COFFER_FUZZ_COUNT ?? DEFAULT_COUNT);
const SEED = Number(process.env.COFFER_FUZZ_SEED ?? 11);
const REPORT =
  process.env.COFFER_FUZZ_COUNT !== undefined || process.env.COFFER_FUZZ_SEED !== undefined;
const MAX_MS_PER_INPUT = 5_000;
const FILE_PASSWORD = 'fuzz file password';

/** What a bad file may be refused with: every code that names a problem of the file. */
const FILE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ERR_NOT_BITWARDEN_JSON',
  'ERR_INVALID_FILE',
  'ERR_FILE_TOO_LARGE',
  'ERR_TOO_MANY_ITEMS',
  'ERR_STRING_TOO_LONG',
  'ERR_FILE_KDF_OUT_OF_BOUNDS',
  'ERR_WRONG_FILE_PASSWORD',
  'ERR_DIFFERENT_ACCOUNT_KEY',
  'ERR_CSV_INVALID',
  'ERR_DECRYPT_FAILED',
  'ERR_ENC_STRING_MALFORMED',
  'ERR_ENC_STRING_UNSUPPORTED',
]);

const otherManager = (file: string) =>
  fs.readFileSync(path.join(FIXTURES_DIR, 'other-managers', file), 'utf8');
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

interface Seeds {
  plain: string;
  account: string;
  password: string;
}

/** One format: the request its mutated inputs are sent as. */
interface FuzzFormat {
  name: string;
  input(random: Random, seeds: Seeds): Pick<ImportRequest, 'format' | 'content' | 'filePassword'>;
}

const jsonFormat = (name: string, seed: keyof Seeds, filePassword?: string): FuzzFormat => ({
  name,
  input: (random, seeds) => {
    const text = seeds[seed];
    const content = random.chance(0.7)
      ? mutateJson(JSON.parse(text), random)
      : mutateText(text, random);
    return { format: 'bitwarden_json', content, ...(filePassword ? { filePassword } : {}) };
  },
});

const csvFormat = (format: ImportRequest['format'], text: string): FuzzFormat => ({
  name: format,
  input: (random) => ({ format, content: mutateText(text, random) }),
});

/** The fixture's first item, which the zip's attachments belong to. */
const ZIP_ITEM = 'ee263103-4ebc-4da5-94fb-12b733c4ae91';

/**
 * A Bitwarden `.zip (with attachments)` around a (possibly mutated) data.json, itself mutated
 * at the byte level half of the time: flipped bytes, cut short, a size that lies.
 */
function bitwardenZip(random: Random, seeds: Seeds): Uint8Array {
  const data = random.chance(0.6) ? mutateJson(JSON.parse(seeds.plain), random) : seeds.plain;
  const zip = zipSync({
    'data.json': strToU8(data),
    attachments: {
      [ZIP_ITEM]: { 'a.txt': strToU8('attached'), 'b.bin': [new Uint8Array(300), { level: 0 }] },
    },
  });
  switch (random.int(6)) {
    case 0: {
      const out = zip.slice();
      for (let n = 1 + random.int(8); n > 0; n--) out[random.int(out.length)] = random.int(256);
      return out;
    }
    case 1:
      return zip.slice(0, random.int(zip.length));
    case 2:
      return withDeclaredSize(zip, random.int(5), random.pick([0, 1, 299, 301, 0xffffffff]));
    default:
      return zip;
  }
}

const FORMATS: FuzzFormat[] = [
  jsonFormat('bitwarden_json plain', 'plain'),
  jsonFormat('bitwarden_json account', 'account'),
  jsonFormat('bitwarden_json password', 'password', FILE_PASSWORD),
  csvFormat('bitwarden_csv', readFixtureText('pbkdf2', 'sdk.csv')),
  csvFormat('chrome_csv', otherManager('chrome.csv')),
  csvFormat('firefox_csv', otherManager('firefox.csv')),
  csvFormat('safari_csv', otherManager('safari.csv')),
  csvFormat('lastpass_csv', otherManager('lastpass.csv')),
  csvFormat('keepassxc_csv', otherManager('keepassxc.csv')),
  csvFormat('protonpass_csv', otherManager('protonpass.csv')),
  {
    name: 'onepassword_1pux',
    input: (random) => {
      const data = otherManager('1password-export.data.json');
      const bytes = random.chance(0.4)
        ? mutateZip(data, random)
        : onePux(
            random.chance(0.8) ? mutateJson(JSON.parse(data), random) : mutateText(data, random),
          );
      return { format: 'onepassword_1pux', content: base64(bytes) };
    },
  },
  {
    name: 'bitwarden_zip',
    input: (random, seeds) => ({
      format: 'bitwarden_zip',
      content: base64(bitwardenZip(random, seeds)),
    }),
  },
];

interface Outcome {
  inputs: number;
  accepted: number;
  refused: Map<string, number>;
  crashes: string[];
  slowestMs: number;
}
const outcomes = new Map<string, Outcome>();

/**
 * The account-restricted seed is exported by this account from the plain one; the
 * password-protected one is sealed here with PBKDF2's file minimum (5,000 iterations, below what
 * Coffer's own exports use) so the KDF does not dominate the run.
 */
async function makeSeeds(background: TestBackground): Promise<Seeds> {
  const plain = readFixtureText('pbkdf2', 'sdk-plain.json');
  const { client, downloads } = background;
  await client.importVault({ format: 'bitwarden_json', content: plain });
  await client.exportVault({
    format: 'encrypted_json',
    mode: 'account',
    masterPassword: TEST_PASSWORD,
  });
  const account = downloads.files.at(-1)!.text;
  await emptyVault();
  const salt = makeFileSalt();
  const kdf = { type: 'pbkdf2', iterations: 5_000 } as const;
  const key = await deriveFileKey(FILE_PASSWORD, salt, kdf);
  const password = JSON.stringify({
    encrypted: true,
    passwordProtected: true,
    salt,
    kdfType: 0,
    kdfIterations: kdf.iterations,
    kdfMemory: null,
    kdfParallelism: null,
    encKeyValidation_DO_NOT_EDIT: await encryptString(crypto.randomUUID(), key),
    data: await encryptString(plain, key),
  });
  return { plain, account, password };
}

/** Back to an empty vault after an accepted import, so every input meets the same store. */
async function emptyVault(): Promise<void> {
  const db = await openDB(DB_NAME);
  const stores = ['itemPages', 'itemDirectory', 'folders', 'attachments', 'attachmentData'];
  const tx = db.transaction(stores, 'readwrite');
  await Promise.all([...stores.map((name) => tx.objectStore(name).clear()), tx.done]);
  db.close();
}

/** The outcome of one call: accepted, or the code it was refused with (else a crash). */
async function attempt(call: () => Promise<unknown>): Promise<{ code?: string; crash?: string }> {
  try {
    const value = await call();
    // The reply crossed the loopback's JSON: what arrived must be what was sent.
    JSON.stringify(value);
    return {};
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string') return { crash: `thrown: ${(error as Error).name}` };
    if (!FILE_CODES.has(code as ErrorCode)) return { code, crash: code };
    return { code };
  }
}

describe('import fuzzing: hostile files never crash, stall or change the vault', () => {
  it.each(FORMATS.map((f, i) => [f.name, f, i] as const))(
    '%s',
    async (name, format, index) => {
      const background = await createUnlockedBackground();
      const seeds = await makeSeeds(background);
      const random = mulberry32(SEED * 1_000 + index);
      const outcome: Outcome = {
        inputs: 0,
        accepted: 0,
        refused: new Map(),
        crashes: [],
        slowestMs: 0,
      };
      outcomes.set(name, outcome);
      for (let n = 0; n < COUNT; n++) {
        const request = format.input(random, seeds);
        const before = await snapshotDatabase();
        const started = performance.now();
        const preview = await attempt(() => background.client.previewImport(request));
        const imported = await attempt(() =>
          background.client.importVault({
            ...request,
            skipUnknownTypes: true,
            skipUnplacedAttachments: true,
          }),
        );
        const ms = performance.now() - started;
        outcome.inputs++;
        outcome.slowestMs = Math.max(outcome.slowestMs, ms);
        for (const crash of [preview.crash, imported.crash]) {
          if (crash) outcome.crashes.push(`input ${n} (seed ${SEED}): ${crash}`);
        }
        if (imported.code === undefined) {
          outcome.accepted++;
          await emptyVault();
        } else {
          outcome.refused.set(imported.code, (outcome.refused.get(imported.code) ?? 0) + 1);
          expect(await snapshotDatabase(), `input ${n} changed the vault`).toBe(before);
        }
        expect(ms, `input ${n} took ${Math.round(ms)} ms`).toBeLessThan(MAX_MS_PER_INPUT);
      }
      expect(outcome.crashes).toEqual([]);
      // The mutations reach past the first check: some inputs are still accepted.
      expect(outcome.accepted + outcome.refused.size).toBeGreaterThan(1);
    },
    600_000,
  );

  afterAll(() => {
    if (!REPORT) return;
    const rows = [...outcomes].map(([name, o]) => {
      const refused = [...o.refused].map(([code, n]) => `${code} ${n}`).join(', ');
      return `| ${name} | ${o.inputs} | ${o.accepted} | ${refused} | ${o.crashes.length} | ${Math.round(o.slowestMs)} ms |`;
    });
    console.warn(
      [
        `seed ${SEED}, ${COUNT} inputs per format`,
        '| format | inputs | accepted | refused by code | crashes | slowest |',
        '|---|---|---|---|---|---|',
        ...rows,
      ].join('\n'),
    );
  });
});
