/**
 * Issue 16 end to end in Chromium: Bitwarden's SDK vault exported as `.kdbx (Encrypted)` through
 * the popup opens in KeePassXC's own command line with every item, and imports back into an
 * empty account; a database KeePassXC made with a key file alone imports with that key file.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccount, unlockVault } from './account-flow';
import { exactly, exportName, waitForDownload } from './downloads';
import { confirmExport, fillExportForm } from './export-flow';
import { confirmImport, giveFilePassword, openImportData, submitImportFile } from './import-flow';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';
import { seedTruthVault } from './seed-vault';
import { makeTempDir } from '../helpers/temp-dirs';

const FILE_PASSWORD = 'kdbx e2e file password';
const sessions: ExtensionSession[] = [];
afterAll(async () => {
  for (const session of sessions) await session.close();
});

function keepassxc(args: string[], input: string): string {
  return execFileSync('keepassxc-cli', args, { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
}

describe('.kdbx through the popup in Chromium', () => {
  let exported = '';
  let itemCount = 0;

  it('exports the SDK vault as a .kdbx that keepassxc-cli opens with every item', async () => {
    const session = await launchExtension();
    sessions.push(session);
    const truth = await seedTruthVault(session, 'pbkdf2');
    const popup = new PopupPage(await session.openPopup());
    await unlockVault(popup, truth.account.masterPassword);
    await fillExportForm(
      popup,
      { format: '.kdbx (Encrypted)', filePassword: FILE_PASSWORD, encryption: 'ChaCha20' },
      truth.account.masterPassword,
    );
    expect(await popup.page.getByText(/KeePassXC, KeePass, KeePassDX/).count()).toBe(1);
    const name = await confirmExport(popup);
    expect(name).toMatch(exportName('coffer_encrypted_export', 'kdbx'));
    exported = (await waitForDownload(session.downloadsDir, exactly(name))).path;

    const info = keepassxc(['db-info', '-q', exported], `${FILE_PASSWORD}\n`);
    expect(info).toContain('Cipher: ChaCha20 256-bit');
    expect(info).toContain('KDF: Argon2id (3 rounds, 65536 KB)');
    const xml = keepassxc(['export', '-q', '-f', 'xml', exported], `${FILE_PASSWORD}\n`);
    const items = truth.items as { name: string }[];
    itemCount = items.length;
    // Top-level entries only (history versions sit inside their entry).
    const titles = [...xml.matchAll(/<Key>Title<\/Key>\s*<Value>([^<]*)<\/Value>/g)].map(
      (m) => m[1],
    );
    for (const item of items) {
      const escaped = item.name
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
      expect(titles, item.name).toContain(escaped);
    }
  });

  it('imports that .kdbx back into an empty account', async () => {
    expect(exported).not.toBe('');
    const session = await launchExtension();
    sessions.push(session);
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'kdbx@example.com');
    await openImportData(popup);
    await submitImportFile(popup, { path: exported, format: 'KeePass (kdbx)' });
    await giveFilePassword(popup, FILE_PASSWORD);
    expect(await popup.waitForText(/^\d+ items, \d+ folders$/)).toMatch(
      new RegExp(`^${itemCount} items`),
    );
    expect(await confirmImport(popup)).toMatch(new RegExp(`^Imported ${itemCount} items`));
  });

  it('imports a database KeePassXC made with a key file alone, choosing that key file', async () => {
    const dir = makeTempDir('kdbx-e2e');
    const db = path.join(dir, 'keyfile-only.kdbx');
    const key = path.join(dir, 'keyfile-only.keyx');
    keepassxc(['db-create', '-q', '--set-key-file', key, '-t', '100', db], '');
    keepassxc(
      [
        'add',
        '-q',
        '--no-password',
        '-k',
        key,
        '-u',
        'ann',
        '--url',
        'https://k.example',
        db,
        'Key only',
      ],
      '',
    );

    const session = await launchExtension();
    sessions.push(session);
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'keyfile@example.com');
    await openImportData(popup);
    await submitImportFile(popup, { path: db, format: 'KeePass (kdbx)', keyFile: key });
    // The password is asked for, and left empty: the key file opens it.
    await popup.waitForText(/leave it empty if it is opened with the key file alone/);
    await giveFilePassword(popup, '');
    expect(await popup.waitForText(/^\d+ items?, \d+ folders$/)).toMatch(/^1 items?, 0 folders$/);
    expect(await confirmImport(popup)).toMatch(/^Imported 1 item/);
  });
});
