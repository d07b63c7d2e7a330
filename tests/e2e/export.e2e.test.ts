/**
 * Issue #5 end to end: the fixture vaults exported through the popup, each file read from the
 * downloads folder under the name Coffer gave it and checked against Bitwarden's files and
 * Bitwarden's own crypto.
 */
import nodeCrypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isEncString } from '@/src/crypto/enc-string';
import { readFixtureText, type SdkKdf } from '../helpers/fixtures';
import { PureCrypto } from '../helpers/sdk';
import { unlockVault } from './account-flow';
import { exactly, exportName, listDownloads, waitForDownload } from './downloads';
import { confirmExport, fillExportForm } from './export-flow';
import { launchExtension, screenshotOnFailure, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';
import { seedTruthVault } from './seed-vault';
import type { Truth } from '../helpers/fixtures';

function fileKey(password: string, salt: string, kdf: SdkKdf): Uint8Array {
  const material = PureCrypto.derive_kdf_material(Buffer.from(password), Buffer.from(salt), kdf);
  const expand = (info: string) =>
    nodeCrypto.createHmac('sha256', material).update(`${info}\x01`).digest();
  return new Uint8Array(Buffer.concat([expand('enc'), expand('mac')]));
}

describe.each(['pbkdf2', 'argon2id'] as const)(
  'Export Vault in Chromium (%s account)',
  (kdfName) => {
    let session: ExtensionSession;
    let truth: Truth;
    let popup: PopupPage;

    beforeAll(async () => {
      session = await launchExtension();
      truth = await seedTruthVault(session, kdfName);
      popup = new PopupPage(await session.openPopup());
      await unlockVault(popup, truth.account.masterPassword);
    });
    beforeEach((context) => screenshotOnFailure(popup.page, context));
    afterAll(async () => {
      await session?.close();
    });

    it('.json: the downloaded file is Bitwarden’s sdk-plain.json, byte for byte', async () => {
      await fillExportForm(popup, { format: '.json' }, truth.account.masterPassword);
      const name = await confirmExport(popup);
      expect(name).toMatch(exportName('coffer_export', 'json'));
      const file = await waitForDownload(session.downloadsDir, exactly(name));
      expect(file.text).toBe(readFixtureText(kdfName, 'sdk-plain.json'));
    });

    it('.csv: the downloaded file is Bitwarden’s sdk.csv, byte for byte', async () => {
      await fillExportForm(popup, { format: '.csv' }, truth.account.masterPassword);
      expect(
        await popup.page.getByText(/CSV files hold only logins and secure notes/).count(),
      ).toBe(1);
      const name = await confirmExport(popup);
      expect(name).toMatch(exportName('coffer_export', 'csv'));
      const file = await waitForDownload(session.downloadsDir, exactly(name));
      expect(file.text).toBe(readFixtureText(kdfName, 'sdk.csv'));
    });

    it('.json (Encrypted), password protected: Bitwarden’s crypto opens it to the plain export', async () => {
      await fillExportForm(
        popup,
        {
          format: '.json (Encrypted)',
          type: 'Password protected',
          filePassword: 'a long file password 42',
        },
        truth.account.masterPassword,
      );
      const name = await confirmExport(popup);
      expect(name).toMatch(exportName('coffer_encrypted_export', 'json'));
      const file = JSON.parse((await waitForDownload(session.downloadsDir, exactly(name))).text);
      expect(file).toMatchObject({ encrypted: true, passwordProtected: true });
      const key = fileKey('a long file password 42', file.salt, truth.account.kdf);
      expect(PureCrypto.symmetric_decrypt_string(file.data, key)).toBe(
        readFixtureText(kdfName, 'sdk-plain.json'),
      );
    });

    it('.json (Encrypted), account restricted: every field decrypts with the account key', async () => {
      await fillExportForm(
        popup,
        { format: '.json (Encrypted)', type: 'Account restricted' },
        truth.account.masterPassword,
      );
      expect(
        await popup.page
          .getByText(/rotating the account encryption key makes this file impossible to decrypt/)
          .count(),
      ).toBe(1);
      const name = await confirmExport(popup);
      expect(name).toMatch(exportName('coffer_encrypted_export', 'json'));
      const file = JSON.parse((await waitForDownload(session.downloadsDir, exactly(name))).text);
      const plain = JSON.parse(readFixtureText(kdfName, 'sdk-plain.json'));
      const userKey = Buffer.from(truth.account.userKeyB64, 'base64');
      const decryptAll = (value: unknown): unknown => {
        if (typeof value === 'string' && isEncString(value))
          return PureCrypto.symmetric_decrypt_string(value, userKey);
        if (Array.isArray(value)) return value.map(decryptAll);
        if (value && typeof value === 'object') {
          return Object.fromEntries(
            Object.entries(value)
              .filter(([k]) => k !== 'uriChecksum')
              .map(([k, v]) => [k, decryptAll(v)]),
          );
        }
        return value;
      };
      expect(decryptAll(file.items)).toEqual(plain.items);
      expect(decryptAll(file.folders)).toEqual(plain.folders);
    });

    it('a wrong master password shows an alert and downloads nothing', async () => {
      const before = listDownloads(session.downloadsDir);
      await fillExportForm(popup, { format: '.json' }, 'certainly not it');
      await popup.click('Export Vault', { within: 'dialog' });
      expect(await popup.waitForText(/./, 'alert')).toBe('Invalid master password');
      // The alert is the background's answer: the export has ended, so a download it started
      // would be in the browser's list (Coffer erases an entry only once its file is on disk)
      // or, already erased, in the folder.
      const worker = await session.serviceWorker();
      type DownloadsApi = { downloads: { search(query: object): Promise<unknown[]> } };
      const entries = await worker.evaluate(() =>
        (globalThis as unknown as { chrome: DownloadsApi }).chrome.downloads.search({}),
      );
      expect(entries).toEqual([]);
      expect(listDownloads(session.downloadsDir)).toEqual(before);
    });
  },
);
