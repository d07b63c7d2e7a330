/**
 * Coffer → Bitwarden (issue 13): Coffer's exports of the rich vault, imported by Bitwarden's own
 * CLI. What the CLI posts to the stand-in's /api/ciphers/import is decrypted with the account key
 * (and each item's own key, if it made one) and compared with the vault Coffer exported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CLI_TIMEOUT_MS, withLoggedInCli } from './cli-session';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARGON2ID, DEFAULT_PBKDF2 } from '@/src/crypto/kdf-config';
import type { ExportRequest } from '@/src/protocol/vault-api';
import { comparableImport, comparableVault } from './comparable-item';
import { openCofferAs } from './coffer-vault';
import { makeRichVault } from './rich-vault';
import { type BwSession } from './run-bw';
import { makeStandinAccount } from './standin-account';
import { decryptEncString, decryptEncStringBytes } from './standin-crypto';
import { startStandin, type ImportRequest, type Standin } from './standin-server';
import { asArray, asObject, type Json, type JsonObject } from './standin-vault';

/** Logging in and one import, each CLI run killed after 150 s (run-bw.ts), fit in this. */
const FILE_PASSWORD = 'file password, "ü" ✓';

describe("Coffer's exports imported by Bitwarden's CLI 2026.9.0", () => {
  const account = makeStandinAccount();
  const vault = makeRichVault();
  let standin: Standin;
  let bw: BwSession;

  withLoggedInCli(
    account,
    () =>
      startStandin(
        account,
        { encrypted: false, folders: [], items: [] },
        { featureStates: { enableCipherKeyEncryption: true } },
      ),
    (s, b) => {
      standin = s;
      bw = b;
    },
  );

  type WithoutPassword<T> = T extends unknown ? Omit<T, 'masterPassword'> : never;

  /** The file Coffer exports from the rich vault, under the stand-in's account. */
  async function exportFromCoffer(request: WithoutPassword<ExportRequest>): Promise<string> {
    const coffer = await openCofferAs(account, vault);
    await coffer.client.exportVault({
      ...request,
      masterPassword: account.masterPassword,
    } as ExportRequest);
    return coffer.downloads.files.at(-1)!.text;
  }

  /** `bw import <format> <file> [args]`, and the one request it posted. */
  async function bwImport(
    format: string,
    file: string,
    text: string,
    args: string[] = [],
  ): Promise<ImportRequest> {
    const filePath = path.join(bw.appDataDir, file);
    fs.writeFileSync(filePath, text);
    const before = standin.imports.length;
    const result = await bw.run(['import', format, filePath, ...args]);
    expect(result.code, result.stderr || result.stdout).toBe(0);
    expect(standin.imports).toHaveLength(before + 1);
    return standin.imports[before]!;
  }

  /** `--passwordfile`: the CLI reads the file password from the first line of a file. */
  function passwordFileArgs(): string[] {
    const filePath = path.join(bw.appDataDir, 'file-password.txt');
    fs.writeFileSync(filePath, `${FILE_PASSWORD}\n`);
    return ['--passwordfile', filePath];
  }

  it.each<[string, WithoutPassword<ExportRequest>]>([
    ['.json', { format: 'json' }],
    ['.json (Encrypted), account restricted', { format: 'encrypted_json', mode: 'account' }],
    [
      '.json (Encrypted), password protected with PBKDF2',
      {
        format: 'encrypted_json',
        mode: 'password',
        filePassword: FILE_PASSWORD,
        kdf: DEFAULT_PBKDF2,
      },
    ],
    [
      '.json (Encrypted), password protected with Argon2id',
      {
        format: 'encrypted_json',
        mode: 'password',
        filePassword: FILE_PASSWORD,
        kdf: DEFAULT_ARGON2ID,
      },
    ],
  ])(
    '%s: bw import bitwardenjson posts every item, field, passkey, folder and archive date',
    async (name, request) => {
      const text = await exportFromCoffer(request);
      const args = 'filePassword' in request ? passwordFileArgs() : [];
      const posted = await bwImport('bitwardenjson', `${name}.json`, text, args);

      expect(comparableImport(posted, account.userKey)).toEqual(comparableVault(vault));
      expect(postedFolderNames(posted)).toEqual(vault.folders.map((f) => f.name).sort());
      for (const cipher of posted.ciphers) {
        expect(cipher.encryptedFor).toBe(account.userId);
        // Each item under a key of its own (the flag the stand-in hands out), wrapped under the
        // account key: decryptCipher above opened it, and it is a 64-byte key.
        expect(decryptEncStringBytes(String(cipher.key), account.userKey)).toHaveLength(64);
      }
      // An import request has no creationDate: Bitwarden's server dates an imported item itself.
      // It carries the file's revisionDate as lastKnownRevisionDate, and only archived items an
      // archivedDate.
      const dates = (items: JsonObject[], revision: 'revisionDate' | 'lastKnownRevisionDate') =>
        items
          .map((item) => [
            item.type,
            item[revision],
            item.archivedDate ?? null,
            'creationDate' in item,
          ])
          .sort();
      expect(dates(posted.ciphers, 'lastKnownRevisionDate')).toEqual(
        dates(
          vault.items.map(({ creationDate: _c, ...item }) => item),
          'revisionDate',
        ),
      );
    },
    CLI_TIMEOUT_MS,
  );

  it(
    '.csv: bw import bitwardencsv posts the logins and notes with all a .csv can carry',
    async () => {
      const text = await exportFromCoffer({ format: 'csv' });
      const posted = await bwImport('bitwardencsv', 'coffer.csv', text);
      const csvItems = comparableVault(vault).filter((item) => item.type === 1 || item.type === 2);
      expect(comparableImport(posted, account.userKey)).toEqual(csvItems.map(whatCsvCarries));
      // A .csv names the folders of its rows only, so the empty folder is not in it. Bitwarden's
      // .csv reader (BaseImporter.processFolder) takes "/" for nesting: for "Arbeit / Work" it
      // also makes the parent folder "Arbeit " (trailing space and all), which holds no item.
      const rowFolders = csvItems.flatMap((item) => (item.folder === null ? [] : [item.folder]));
      expect(rowFolders).toContain('Arbeit / Work');
      expect(postedFolderNames(posted)).toEqual([...new Set(rowFolders), 'Arbeit '].sort());
    },
    CLI_TIMEOUT_MS,
  );

  function postedFolderNames(posted: ImportRequest): string[] {
    return posted.folders
      .map((folder) => decryptEncString(String(folder.name), account.userKey))
      .sort();
  }
});

/**
 * An item in normal form as a Bitwarden `.csv` brings it back (formats.md, "`.csv` (plain)"):
 * Coffer writes the SDK's eleven columns, so no archive date, password history, passkeys, URI
 * match types or field types; custom fields are "name: value" lines, which Bitwarden's reader
 * turns into text fields (a linked field's line is "name: ", whose empty value it reads as null);
 * and that reader turns every CR LF or lone CR inside a value into LF.
 */
function whatCsvCarries(item: JsonObject): JsonObject {
  const lf = (value: Json | undefined) =>
    typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : (value ?? null);
  const login = asObject(item.login);
  return {
    ...item,
    notes: lf(item.notes),
    archivedDate: null,
    passwordHistory: [],
    fields: asArray(item.fields).map((field) => {
      const f = asObject(field) ?? {};
      return {
        type: 0,
        name: lf(f.name),
        value: f.type === 3 ? null : lf(f.value),
        linkedId: null,
      };
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
