/**
 * Bitwarden → Coffer (issue 13): the stand-in serves the rich vault (some items under keys of
 * their own), Bitwarden's own CLI exports it in each of its formats, and a fresh Coffer imports
 * each file; what Coffer then holds is compared with the vault that was served. Coffer's `.csv` of
 * the same vault is also compared with the CLI's, cell for cell.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { CLI_TIMEOUT_MS, withLoggedInCli } from './cli-session';
import { describe, expect, it } from 'vitest';
import type { ImportRequest } from '@/src/protocol/vault-api';
import { comparable, readVault } from '../helpers/vault-snapshot';
import { comparableVault } from './comparable-item';
import { cofferFolders, cofferItems, openCofferAs } from './coffer-vault';
import { ITEMS_WITH_OWN_KEY, makeRichVault } from './rich-vault';
import { type BwSession } from './run-bw';
import { makeStandinAccount } from './standin-account';
import { startStandin } from './standin-server';
import { asArray, asObject, type Json, type JsonObject, type PlainExport } from './standin-vault';

/** Logging in and one export, each CLI run killed after 150 s (run-bw.ts), fit in this. */
const FILE_PASSWORD = 'file password, "ü" ✓';

describe("Bitwarden's CLI 2026.9.0 exports imported by Coffer", () => {
  const account = makeStandinAccount();
  const vault = makeRichVault();
  let bw: BwSession;
  /** Each export made once: the CSV comparison reads the same file as the CSV import. */
  const exported = new Map<string, Promise<string>>();

  withLoggedInCli(
    account,
    () =>
      startStandin(account, vault, {
        itemKeys: (item) => ITEMS_WITH_OWN_KEY.has(String(item.id)),
      }),
    (_standin, b) => {
      bw = b;
    },
  );

  /** `bw export <args> --output <file>`: the file's text. */
  function bwExport(file: string, args: string[]): Promise<string> {
    let pending = exported.get(file);
    if (pending === undefined) {
      pending = (async () => {
        const output = path.join(bw.appDataDir, file);
        const result = await bw.run(['export', ...args, '--output', output]);
        expect(result.code, result.stderr || result.stdout).toBe(0);
        return fs.readFileSync(output, 'utf8');
      })();
      exported.set(file, pending);
    }
    return pending;
  }

  /** Imports `content` into a fresh Coffer with the stand-in's account, and reads it back. */
  async function importIntoCoffer(request: Omit<ImportRequest, 'content'>, content: string) {
    const coffer = await openCofferAs(account, null);
    const preview = await coffer.client.previewImport({ ...request, content });
    expect(preview).toMatchObject({ needsFilePassword: false, unknownTypes: [] });
    const summary = await coffer.client.importVault({ ...request, content });
    expect(summary).toMatchObject({ updated: 0, skipped: 0, failed: 0 });
    return readVault(coffer.client, account.masterPassword);
  }

  /**
   * Coffer holds every item of the served vault with every field and date, and every folder.
   * `emptyHistory` is what an item served without password history (null) comes back with.
   */
  function expectServedVault(
    imported: Awaited<ReturnType<typeof importIntoCoffer>>,
    emptyHistory: null | [],
  ): void {
    const served = cofferItems(vault).map((item) =>
      item.passwordHistory === null ? { ...item, passwordHistory: emptyHistory } : item,
    );
    expect(comparable(imported.items, imported.folders)).toEqual(
      comparable(served, cofferFolders(vault)),
    );
    expect(imported.folders.map((f) => f.name).sort()).toEqual(folderNames(vault.folders));
  }

  it(
    '.json: the CLI writes the served vault, and Coffer imports it without loss',
    async () => {
      const text = await bwExport('plain.json', ['--format', 'json']);
      const file = JSON.parse(text) as PlainExport;
      // The CLI writes the folders in name order.
      expect(sortById(file.folders)).toEqual(sortById(vault.folders));
      expect(comparableVault(file)).toEqual(comparableVault(vault));
      expect(datesOf(file.items)).toEqual(datesOf(vault.items));
      // Archived items carry their archivedDate; the others have no such key, as in Coffer's.
      expect(idsWith(file.items, 'archivedDate')).toEqual(idsWith(vault.items, 'archivedDate'));
      // Bitwarden's CLI decrypts a cipher without password history (null on the server) to an
      // empty list, and its .json says `"passwordHistory": []`; Coffer keeps what the file says.
      const withoutHistory = new Set(
        vault.items.filter((item) => item.passwordHistory === null).map((item) => item.id),
      );
      expect(withoutHistory.size).toBeGreaterThan(0);
      for (const item of file.items.filter((i) => withoutHistory.has(i.id))) {
        expect(item.passwordHistory).toEqual([]);
      }

      expectServedVault(await importIntoCoffer({ format: 'bitwarden_json' }, text), []);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    '.json (Encrypted), password protected (bw export --password): Coffer imports it without loss',
    async () => {
      const text = await bwExport('protected.json', [
        '--format',
        'encrypted_json',
        '--password',
        FILE_PASSWORD,
      ]);
      expect(JSON.parse(text)).toMatchObject({ encrypted: true, passwordProtected: true });
      // Inside is the CLI's .json, with its `[]` for no password history (see the .json test).
      expectServedVault(
        await importIntoCoffer({ format: 'bitwarden_json', filePassword: FILE_PASSWORD }, text),
        [],
      );
    },
    CLI_TIMEOUT_MS,
  );

  it(
    '.json (Encrypted), account restricted, with item keys: Coffer with the same account key imports it without loss',
    async () => {
      const text = await bwExport('account.json', ['--format', 'encrypted_json']);
      const file = JSON.parse(text) as { encrypted: boolean; items: JsonObject[] };
      expect(file.encrypted).toBe(true);
      expect(file).not.toHaveProperty('passwordProtected');
      // The CLI writes each item's own key, wrapped under the account key, with the item.
      expect(
        file.items.filter((item) => typeof item.key === 'string').map((item) => item.id),
      ).toEqual([...ITEMS_WITH_OWN_KEY]);
      // This file is written from the encrypted ciphers as served, so no history stays null.
      expectServedVault(await importIntoCoffer({ format: 'bitwarden_json' }, text), null);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    '.csv: Coffer imports the logins and notes with all the CLI wrote of them',
    async () => {
      const text = await bwExport('vault.csv', ['--format', 'csv']);
      const imported = await importIntoCoffer({ format: 'bitwarden_csv' }, text);
      const csvItems = comparableVault(vault).filter((item) => item.type === 1 || item.type === 2);
      expect(comparableVault({ folders: imported.folders, items: asJson(imported.items) })).toEqual(
        csvItems.map(whatTheCliCsvCarries),
      );
      expect(imported.folders.map((f) => f.name).sort()).toEqual(
        [
          ...new Set(csvItems.flatMap((item) => (item.folder === null ? [] : [item.folder]))),
        ].sort(),
      );
    },
    CLI_TIMEOUT_MS,
  );

  it(
    ".csv: Coffer's export of the same vault equals the CLI's, cell for cell",
    async () => {
      const cliText = await bwExport('vault.csv', ['--format', 'csv']);
      const coffer = await openCofferAs(account, vault);
      await coffer.client.exportVault({ format: 'csv', masterPassword: account.masterPassword });
      const cofferText = coffer.downloads.files.at(-1)!.text;

      const [cliHeader = [], ...cliRows] = parseCsv(cliText);
      const [cofferHeader = [], ...cofferRows] = parseCsv(cofferText);

      // Coffer writes what Bitwarden's SDK writes (tests/fixtures/bitwarden-sdk/*/sdk.csv, byte
      // for byte). The CLI's TypeScript exporter differs from it in two cells and in bytes:
      // 1. It adds an `archivedDate` column after `reprompt`: the archive date, or empty.
      const archivedColumn = cofferHeader.indexOf('reprompt') + 1;
      expect(cliHeader).toEqual(cofferHeader.toSpliced(archivedColumn, 0, 'archivedDate'));
      // 2. It writes a linked custom field (which has no value) as "name: undefined", where the
      //    SDK and Coffer write "name: ".
      const byName = new Map(vault.items.map((item) => [item.name, item]));
      const nameColumn = cofferHeader.indexOf('name');
      const fieldsColumn = cofferHeader.indexOf('fields');
      const asTheCliWritesIt = cofferRows.map((row) => {
        const item = byName.get(row[nameColumn]!)!;
        const linked = new Set(
          asArray(item.fields).flatMap((field) => {
            const f = asObject(field);
            return f?.type === 3 ? [`${String(f.name)}: `] : [];
          }),
        );
        const fields = row[fieldsColumn]!.split('\n')
          .map((line) => (linked.has(line) ? `${line}undefined` : line))
          .join('\n');
        return row
          .with(fieldsColumn, fields)
          .toSpliced(archivedColumn, 0, String(item.archivedDate ?? ''));
      });
      expect(asTheCliWritesIt.some((row) => row[archivedColumn] !== '')).toBe(true);
      expect(cliRows).toEqual(asTheCliWritesIt);

      // In bytes, the CLI (papaparse) ends each row but the last with CR LF, the last with
      // nothing, and quotes a value with a leading or trailing space; Coffer (like the SDK) ends
      // every row with LF and leaves such a value unquoted. Line breaks inside values are kept
      // as they are by both.
      expect(cliText.startsWith(`${cliHeader.join(',')}\r\n`)).toBe(true);
      expect(cliText.endsWith('\n')).toBe(false);
      expect(cliText).toContain(',old.user," forum pass ",');
      expect(cofferText.startsWith(`${cofferHeader.join(',')}\n`)).toBe(true);
      expect(cofferText.endsWith('\n')).toBe(true);
      expect(cofferText).toContain(',old.user, forum pass ,');
    },
    CLI_TIMEOUT_MS,
  );
});

function parseCsv(text: string): string[][] {
  const result = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

function folderNames(folders: { name: Json }[]): string[] {
  return [...new Set(folders.map((f) => String(f.name)))].sort();
}

function sortById<T extends { id: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => a.id.localeCompare(b.id));
}

function idsWith(items: JsonObject[], key: string): Json[] {
  return items.filter((item) => key in item).map((item) => item.id ?? null);
}

function datesOf(items: JsonObject[]) {
  return Object.fromEntries(
    items.map((item) => [
      item.id,
      [item.creationDate, item.revisionDate, item.archivedDate ?? null],
    ]),
  );
}

function asJson(items: unknown[]): JsonObject[] {
  return JSON.parse(JSON.stringify(items)) as JsonObject[];
}

/**
 * An item in normal form as Coffer reads it back from the CLI's `.csv`: no password history,
 * passkeys, URI match types or field types (custom fields are "name: value" lines, read as text
 * fields; a linked field's line is "name: undefined", so its value is the text "undefined", for
 * Bitwarden's own reader too). The archive date is kept: the CLI writes an `archivedDate` column.
 */
function whatTheCliCsvCarries(item: JsonObject): JsonObject {
  const login = asObject(item.login);
  return {
    ...item,
    passwordHistory: [],
    fields: asArray(item.fields).map((field) => {
      const f = asObject(field) ?? {};
      const value = f.type === 3 ? 'undefined' : (f.value ?? null);
      return { type: 0, name: f.name ?? null, value, linkedId: null };
    }),
    login:
      login === null
        ? null
        : {
            ...login,
            uris: asArray(login.uris).map((uri) => ({
              uri: asObject(uri)?.uri ?? null,
              match: null,
            })),
            fido2Credentials: [],
          },
  };
}
