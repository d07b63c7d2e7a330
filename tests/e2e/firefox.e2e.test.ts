/**
 * Coffer in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi): an account with Argon2id
 * (WebAssembly in the background page, under the extension CSP), items added through the popup,
 * both encrypted exports downloaded under their real names through Firefox's background page and
 * checked with Bitwarden's crypto, both imported back through Import Data, then lock and unlock,
 * and an import and a key rotation whose MACs the background page's own Worker computes.
 */
import nodeCrypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isEncString } from '@/src/crypto/enc-string';
import { PureCrypto } from '../helpers/sdk';
import { createAccount, lock, unlock } from './account-flow';
import { exactly, exportName, waitForDownload } from './downloads';
import { exportThroughPopup, fillExportForm, type ExportKind } from './export-flow';
import { FirefoxPopup } from './firefox-popup';
import { fileToImport, importThroughPopup } from './import-flow';
import { addItem } from './item-flow';
import { launchFirefox, type FirefoxSession } from './launch-firefox';
import { ARTIFACTS_DIR } from './launch-extension';
import { startRotation } from './settings-flow';

const PASSWORD = 'correct horse battery staple';
const EMAIL = 'firefox.user@example.com';
const ARGON2 = { argon2id: { iterations: 3, memory: 64, parallelism: 4 } } as const;

/** What the test needs of an extension page's `browser`, to reach Firefox's background page. */
interface WebExtensionPage {
  browser: { runtime: { getBackgroundPage(): Promise<Window> } };
}

describe('Coffer in Firefox', () => {
  let session: FirefoxSession;
  let popup: FirefoxPopup;
  /** The exports' paths on disk, by export type, for importing them back. */
  const exported: Record<string, string> = {};

  beforeAll(async () => {
    session = await launchFirefox();
    popup = new FirefoxPopup(session.popup);
  });
  beforeEach((context) => {
    context.onTestFailed(async ({ task }) => {
      if (session.popup.isClosed()) return;
      fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
      const name = `firefox-${task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
      // Best effort: a page the test closed itself (puppeteer's BiDi page may not say it is
      // closed) must not add a second failure hiding the first.
      await session.popup.screenshot({ path: path.join(ARTIFACTS_DIR, name) }).catch(() => {});
    });
  });
  afterAll(async () => {
    await session?.close();
  });

  async function exportFile(kind: Extract<ExportKind, { type: string }>) {
    const name = await exportThroughPopup(popup, kind, PASSWORD);
    expect(name).toMatch(exportName('coffer_encrypted_export', 'json'));
    const file = await waitForDownload(session.downloadsDir, exactly(name));
    exported[kind.type] = file.path;
    return JSON.parse(file.text);
  }

  /** Deletes every item through the popup, so that an import has everything to bring back. */
  async function deleteItems(names: string[]) {
    for (const name of names) {
      await popup.click('Vault', { role: 'tab' });
      await popup.openItem(name);
      await popup.click('Delete');
      await popup.click('Delete', { within: 'dialog' });
      await popup.waitForText(/New item/);
    }
    await popup.waitForText(/0 items|No items|Your vault is empty/);
  }

  async function importFile(filePath: string, filePassword?: string) {
    const { preview, status } = await importThroughPopup(popup, {
      path: filePath,
      format: 'Bitwarden (json)',
      filePassword,
    });
    expect(preview).toBe('2 items, 0 folders');
    return status;
  }

  it('creates an account with Argon2id and adds items', async () => {
    await popup.waitFor('Create your Coffer account', { role: 'heading' });
    await createAccount(popup, EMAIL, { kdf: { algorithm: 'Argon2id' }, password: PASSWORD });
    for (const [name, username, password] of [
      ['Mail', 'alice', 'mail-pw-1'],
      ['Bank', 'bob', 'bank-pw-2'],
    ] as const) {
      await addItem(popup, {
        type: 'Login',
        name,
        fields: { Username: username, Password: password },
      });
      await popup.waitForText(new RegExp(`${name}`));
    }
    await popup.waitForText(/2 items/);
  });

  it('downloads a password-protected export that Bitwarden’s crypto opens', async () => {
    const file = await exportFile({
      format: '.json (Encrypted)',
      type: 'Password protected',
      filePassword: 'firefox file password',
    });
    expect(file).toMatchObject({
      encrypted: true,
      passwordProtected: true,
      kdfType: 1,
      kdfMemory: 64,
    });
    const material = PureCrypto.derive_kdf_material(
      Buffer.from('firefox file password'),
      Buffer.from(file.salt),
      ARGON2,
    );
    const expand = (info: string) =>
      nodeCrypto.createHmac('sha256', material).update(`${info}\x01`).digest();
    const key = new Uint8Array(Buffer.concat([expand('enc'), expand('mac')]));
    const plain = JSON.parse(PureCrypto.symmetric_decrypt_string(file.data, key));
    expect(plain.items.map((i: { name: string }) => i.name).sort()).toEqual(['Bank', 'Mail']);
  });

  it('downloads an account-restricted export that decrypts with the account key', async () => {
    const file = await exportFile({ format: '.json (Encrypted)', type: 'Account restricted' });
    expect(file.encrypted).toBe(true);
    // The account key exists only in the browser: read its protected form from the extension's
    // database (same origin as the popup tab) and unwrap it with Bitwarden's SDK.
    const protectedKey = await session.popup.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('coffer');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('account').objectStore('account').get('account');
            get.onsuccess = () => resolve(get.result.protectedUserKey);
          };
        }),
    );
    const userKey = PureCrypto.decrypt_user_key_with_master_password(
      protectedKey,
      PASSWORD,
      EMAIL,
      ARGON2,
    );
    expect(PureCrypto.symmetric_decrypt_string(file.encKeyValidation_DO_NOT_EDIT, userKey)).toMatch(
      /^[0-9a-f-]{36}$/,
    );
    const logins = file.items.map((i: { name: string; login: { username: string } }) => [
      PureCrypto.symmetric_decrypt_string(i.name, userKey),
      PureCrypto.symmetric_decrypt_string(i.login.username, userKey),
    ]);
    expect(logins.sort()).toEqual([
      ['Bank', 'bob'],
      ['Mail', 'alice'],
    ]);
    expect(file.items.every((i: { name: string }) => isEncString(i.name))).toBe(true);
  });

  it('imports its password-protected export back, with the file password', async () => {
    await deleteItems(['Bank', 'Mail']);
    expect(await importFile(exported['Password protected']!, 'firefox file password')).toBe(
      'Imported 2 items.',
    );
    await popup.click('Back');
    await popup.click('Vault', { role: 'tab' });
    await popup.waitForText(/2 items/);
  });

  it('imports its account-restricted export back', async () => {
    await deleteItems(['Bank', 'Mail']);
    expect(await importFile(exported['Account restricted']!)).toBe('Imported 2 items.');
    await popup.click('Back');
    await popup.click('Vault', { role: 'tab' });
    await popup.waitForText(/2 items/);
  });

  it('exports a .kdbx and imports it back, its Argon2 derived in the KDF Worker both ways', async () => {
    const filePassword = 'firefox kdbx password';
    const name = await exportThroughPopup(
      popup,
      { format: '.kdbx (Encrypted)', filePassword },
      PASSWORD,
    );
    const file = await waitForDownload(session.downloadsDir, exactly(name));
    await deleteItems(['Bank', 'Mail']);
    const { preview, status } = await importThroughPopup(popup, {
      path: file.path,
      format: 'KeePass (kdbx)',
      filePassword,
    });
    expect(preview).toBe('2 items, 0 folders');
    expect(status).toBe('Imported 2 items.');
    await popup.click('Back');
    await popup.click('Vault', { role: 'tab' });
    await popup.waitForText(/2 items/);
  });

  it('locks, refuses a wrong password and unlocks', async () => {
    await lock(popup);
    await unlock(popup, 'not the right one');
    expect(await popup.waitForText(/Invalid master password/, 'alert')).toBe(
      'Invalid master password',
    );
    await unlock(popup, PASSWORD);
    await popup.waitForText(/2 items/);
  });

  it('imports and rotates the key with their MACs computed in a Worker spoken to directly', async () => {
    // Enough fields (1,800) for a batch's MACs to go to the MAC Worker (256 at least).
    const items = Array.from({ length: 300 }, (_, i) => ({
      type: 1,
      name: `Worker login ${i}`,
      notes: `note ${i}`,
      login: {
        username: `user${i}`,
        password: `password-${i}`,
        uris: [{ uri: `https://site${i}.example`, match: null }],
      },
    }));
    // Counted in the background page, from now on: MAC jobs posted to a Worker and answered by
    // it, and any posted on a MessagePort instead (the IPC detour protocol/mac-worker.ts avoids).
    // The import's are counted too: its preview starts the Worker and keeps it for the import,
    // which sends it its batches at once. The rotation starts its own, whose one batch (300
    // items) may be done before that Worker is ready, and then is done in the page.
    await session.popup.evaluate(async () => {
      const page = (await (
        globalThis as unknown as WebExtensionPage
      ).browser.runtime.getBackgroundPage()) as unknown as typeof globalThis & {
        macJobs: { posted: number; answered: number; onPorts: number };
      };
      const counts = { posted: 0, answered: 0, onPorts: 0 };
      page.macJobs = counts;
      const isJob = (message: unknown) =>
        typeof message === 'object' && message !== null && 'bounds' in message;
      const isAnswer = (message: unknown) =>
        typeof message === 'object' && message !== null && 'macs' in message;
      const post = page.Worker.prototype.postMessage;
      page.Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
        if (isJob(args[0])) counts.posted++;
        return (post as (...a: unknown[]) => void).apply(this, args);
      };
      const portPost = page.MessagePort.prototype.postMessage;
      page.MessagePort.prototype.postMessage = function (this: MessagePort, ...args: unknown[]) {
        if (isJob(args[0])) counts.onPorts++;
        return (portPost as (...a: unknown[]) => void).apply(this, args);
      };
      const handler = Object.getOwnPropertyDescriptor(page.Worker.prototype, 'onmessage')!;
      Object.defineProperty(page.Worker.prototype, 'onmessage', {
        configurable: true,
        get(this: Worker) {
          return handler.get!.call(this) as unknown;
        },
        set(this: Worker, listener: ((event: MessageEvent) => void) | null) {
          handler.set!.call(
            this,
            listener &&
              ((event: MessageEvent) => {
                if (isAnswer(event.data)) counts.answered++;
                listener.call(this, event);
              }),
          );
        },
      });
    });
    const { preview, status } = await importThroughPopup(popup, {
      path: fileToImport('many.json', JSON.stringify({ encrypted: false, folders: [], items })),
      format: 'Bitwarden (json)',
    });
    expect(preview).toBe('300 items, 0 folders');
    expect(status).toBe('Imported 300 items.');
    await popup.click('Back');
    await startRotation(popup, PASSWORD);
    await popup.waitForText(/^Account encryption key rotated/);
    const counts = await session.popup.evaluate(async () => {
      const page = (await (
        globalThis as unknown as WebExtensionPage
      ).browser.runtime.getBackgroundPage()) as unknown as {
        macJobs: { posted: number; answered: number; onPorts: number };
      };
      return { ...page.macJobs };
    });
    // A job left unanswered for 2 s (a machine too busy) is computed in the page instead.
    expect(counts.answered).toBeGreaterThan(0);
    expect(counts.answered).toBeLessThanOrEqual(counts.posted);
    expect(counts.onPorts).toBe(0);
    await popup.click('Vault', { role: 'tab' });
    await popup.waitForText(/302 items/);
  });

  it('finishes the download when the popup closes right after the export starts', async () => {
    await fillExportForm(popup, { format: '.json' }, PASSWORD);
    await popup.click('Export Vault', { within: 'dialog' });
    await session.browser.newPage(); // keeps the browser open without the popup tab
    await session.popup.close();
    const file = await waitForDownload(session.downloadsDir, exportName('coffer_export', 'json'));
    expect(JSON.parse(file.text).items).toHaveLength(302);
  });
});
