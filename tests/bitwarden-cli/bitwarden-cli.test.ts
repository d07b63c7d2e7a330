/**
 * Bitwarden's own CLI as a second judge (issue 13): it logs in to the stand-in server, syncs the
 * vault the stand-in serves, exports it in every format and imports Bitwarden files; what it
 * writes and posts is opened here with keys the test knows, and compared with what went in.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { CLI_TIMEOUT_MS, withLoggedInCli } from './cli-session';
import { describe, expect, it } from 'vitest';
import { comparableImport, comparableVault } from './comparable-item';
import { logInBw, runBw, type BwSession } from './run-bw';
import { makeSmallVault } from './small-vault';
import { makeStandinAccount } from './standin-account';
import { decryptEncString } from './standin-crypto';
import { startStandin, type ImportRequest, type Standin } from './standin-server';
import {
  asArray,
  asObject,
  decryptCipher,
  openPasswordProtectedExport,
  type JsonObject,
  type PlainExport,
} from './standin-vault';

/**
 * Started alone, the CLI answers `--version` in 1 s and `status` in 2 s; in a full test run on the
 * shared 2-core machine a command took 3–17 s and logging in (600000 PBKDF2 iterations, two syncs)
 * up to 30 s. Two commands, each killed after 150 s (run-bw.ts), fit in this.
 */

describe('Bitwarden CLI 2026.9.0 against the stand-in server', () => {
  const account = makeStandinAccount();
  const vault: PlainExport = makeSmallVault();
  let standin: Standin;
  let bw: BwSession;

  withLoggedInCli(
    account,
    () => startStandin(account, vault, { itemKeys: true }),
    (s, b) => {
      standin = s;
      bw = b;
    },
  );

  function outputPath(name: string): string {
    return path.join(bw.appDataDir, name);
  }

  async function bwExport(args: string[], file: string): Promise<string> {
    const result = await bw.run(['export', ...args, '--output', outputPath(file)]);
    expect(result.code, result.stderr).toBe(0);
    return fs.readFileSync(outputPath(file), 'utf8');
  }

  async function bwImport(format: string, file: string, text: string): Promise<ImportRequest> {
    fs.writeFileSync(outputPath(file), text);
    const before = standin.imports.length;
    const result = await bw.run(['import', format, outputPath(file)]);
    expect(result.code, result.stderr).toBe(0);
    expect(standin.imports).toHaveLength(before + 1);
    return standin.imports[before]!;
  }

  it(
    'runs the pinned CLI, the version the stand-in answers for',
    async () => {
      const result = await runBw(['--version'], { BITWARDENCLI_APPDATA_DIR: bw.appDataDir });
      expect(result.stdout.trim()).toBe('2026.9.0');
    },
    CLI_TIMEOUT_MS,
  );

  it('logs in with the master password through prelogin, the token endpoint and a sync', () => {
    expect(standin.requests).toEqual(
      expect.arrayContaining([
        'POST /identity/accounts/prelogin/password',
        'POST /identity/connect/token',
        'GET /api/sync',
      ]),
    );
  });

  it(
    'exports the served vault as plain .json with every item and folder intact',
    async () => {
      const exported = JSON.parse(
        await bwExport(['--format', 'json'], 'plain.json'),
      ) as PlainExport;
      expect(exported.encrypted).toBe(false);
      expect(exported.folders).toEqual(vault.folders);
      expect(comparableVault(exported)).toEqual(comparableVault(vault));
      const datesOf = (items: JsonObject[]) =>
        Object.fromEntries(items.map((item) => [item.id, [item.creationDate, item.revisionDate]]));
      expect(datesOf(exported.items)).toEqual(datesOf(vault.items));
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'exports a password-protected .json that opens with the file password to the same vault',
    async () => {
      const fileText = await bwExport(
        ['--format', 'encrypted_json', '--password', 'file password ✓'],
        'protected.json',
      );
      const file = JSON.parse(fileText) as JsonObject;
      expect(file).toMatchObject({ encrypted: true, passwordProtected: true, kdfType: 0 });
      expect(file.kdfIterations).toBe(account.kdfIterations);
      expect(() => openPasswordProtectedExport(fileText, 'wrong password')).toThrow();
      const inner = JSON.parse(
        openPasswordProtectedExport(fileText, 'file password ✓'),
      ) as PlainExport;
      expect(comparableVault(inner)).toEqual(comparableVault(vault));
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'exports an account-restricted .json whose EncStrings open with the account key',
    async () => {
      const file = JSON.parse(
        await bwExport(['--format', 'encrypted_json'], 'account.json'),
      ) as JsonObject;
      expect(file.encrypted).toBe(true);
      expect(file.passwordProtected).toBeUndefined();
      expect(() =>
        decryptEncString(String(file.encKeyValidation_DO_NOT_EDIT), account.userKey),
      ).not.toThrow();
      const folders = asArray(file.folders).map((folder) => {
        const { id, name } = asObject(folder) ?? {};
        return { id: String(id), name: decryptEncString(String(name), account.userKey) };
      });
      const items = asArray(file.items).map((item) =>
        decryptCipher(asObject(item) ?? {}, account.userKey),
      );
      expect(folders).toEqual(vault.folders);
      expect(comparableVault({ folders, items })).toEqual(comparableVault(vault));
    },
    CLI_TIMEOUT_MS,
  );

  it(
    "exports a .csv holding the logins and the notes, as Bitwarden's csv does",
    async () => {
      const rows = Papa.parse<Record<string, string>>(
        await bwExport(['--format', 'csv'], 'vault.csv'),
        {
          header: true,
          skipEmptyLines: true,
        },
      ).data;
      const login = vault.items.find((item) => item.type === 1)!;
      expect(rows.map((row) => [row.type, row.name]).sort()).toEqual([
        ['login', login.name],
        ['note', vault.items.find((item) => item.type === 2)!.name],
      ]);
      expect(rows.find((row) => row.type === 'login')).toMatchObject({
        folder: vault.folders[0]!.name,
        login_username: asObject(login.login)!.username,
        login_password: asObject(login.login)!.password,
      });
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'imports a Bitwarden .json file and posts every item encrypted under the account key',
    async () => {
      const source = makeSmallVault();
      const posted = await bwImport(
        'bitwardenjson',
        'import.json',
        JSON.stringify(source, null, 2),
      );
      for (const cipher of posted.ciphers) expect(cipher.encryptedFor).toBe(account.userId);
      expect(comparableImport(posted, account.userKey)).toEqual(comparableVault(source));
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'imports a Bitwarden .csv file and posts its login and note',
    async () => {
      const csv = [
        'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
        'Imported,1,login,"Bank, ""main""","two\nlines","PIN: 1234",0,"https://bank.example/,https://bank.example/alt",me@example.com,"s3cret, ""quoted""",',
        ',,note,Plain note,note body,,1,,,,',
        '',
      ].join('\r\n');
      const [login, note] = comparableImport(
        await bwImport('bitwardencsv', 'import.csv', csv),
        account.userKey,
      );
      expect(login).toMatchObject({
        type: 1,
        name: 'Bank, "main"',
        notes: 'two\nlines',
        favorite: true,
        folder: 'Imported',
        fields: [{ type: 0, name: 'PIN', value: '1234' }],
        login: {
          username: 'me@example.com',
          password: 's3cret, "quoted"',
          uris: [
            { uri: 'https://bank.example/', match: null },
            { uri: 'https://bank.example/alt', match: null },
          ],
        },
      });
      expect(note).toMatchObject({
        type: 2,
        name: 'Plain note',
        notes: 'note body',
        reprompt: 1,
        folder: null,
      });
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'serves the imported items at the next sync',
    async () => {
      const synced = await bw.run(['sync', '--force']);
      expect(synced.code, synced.stderr).toBe(0);
      const listed = await bw.run(['list', 'items']);
      expect(listed.code, listed.stderr).toBe(0);
      const names = (JSON.parse(listed.stdout) as JsonObject[]).map((item) => item.name);
      expect(names).toHaveLength(2 * vault.items.length + 2);
      expect(names).toEqual(expect.arrayContaining(['Bank, "main"', 'Plain note']));
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'is refused by the stand-in with a wrong master password',
    async () => {
      await expect(
        logInBw(standin, { ...account, masterPassword: 'not the password' }),
      ).rejects.toThrow(/bw login failed/);
    },
    CLI_TIMEOUT_MS,
  );
});
