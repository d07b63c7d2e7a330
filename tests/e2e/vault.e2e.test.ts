/**
 * Issue #4 end to end: accounts with each KDF, one item of every type added through the popup,
 * lock and unlock, a service worker restart, a browser restart, and nothing secret on disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MASTER_PASSWORD, createAccount, lock, unlock, unlockVault } from './account-flow';
import { addItem, type ItemInput } from './item-flow';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';

const MARK = 'Zq7Marker';

const ITEMS: ItemInput[] = [
  {
    type: 'Login',
    name: `${MARK} login`,
    fields: {
      Username: `${MARK}-user`,
      Password: `${MARK}-password`,
      'Authenticator key (TOTP)': `${MARK}TOTP`,
      URI: `https://${MARK.toLowerCase()}.example/login`,
    },
    notes: `${MARK}-login-note`,
  },
  { type: 'Secure note', name: `${MARK} note`, fields: {}, notes: `${MARK}-secure-note-text` },
  {
    type: 'Card',
    name: `${MARK} card`,
    fields: {
      'Cardholder name': `${MARK} Holder`,
      Number: '4111111111111111',
      Brand: 'Visa',
      'Expiration month': '7',
      'Expiration year': '2031',
      'Security code': '987',
    },
  },
  {
    type: 'Identity',
    name: `${MARK} identity`,
    fields: {
      'First name': `${MARK}First`,
      'Last name': `${MARK}Last`,
      'Passport number': `${MARK}-passport`,
      Email: `${MARK.toLowerCase()}@example.com`,
    },
  },
  {
    type: 'SSH key',
    name: `${MARK} ssh`,
    fields: {
      'Private key': `-----BEGIN OPENSSH PRIVATE KEY-----\n${MARK}PRIVATEKEY\n-----END OPENSSH PRIVATE KEY-----`,
      'Public key': `ssh-ed25519 AAAA${MARK}`,
      Fingerprint: `SHA256:${MARK}fp`,
    },
  },
];

/** The strings that must never reach the profile on disk. */
function markers(): string[] {
  return [
    MARK,
    MARK.toLowerCase(),
    '4111111111111111',
    MASTER_PASSWORD,
    ...ITEMS.flatMap((i) => [
      i.name,
      ...Object.values(i.fields).filter((v) => v.length > 6),
      ...(i.notes ? [i.notes] : []),
    ]),
  ];
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
  });
}

/** Every file of the profile, searched as bytes for the needle in UTF-8 and in UTF-16LE. */
function findInProfile(dir: string, needles: string[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = fs.readFileSync(file);
    for (const needle of needles) {
      if (
        bytes.includes(Buffer.from(needle, 'utf8')) ||
        bytes.includes(Buffer.from(needle, 'utf16le'))
      ) {
        found.push(`${path.relative(dir, file)}: ${needle}`);
      }
    }
  }
  return found;
}

/** The account key as the worker keeps it in storage.session (base64, with its generation). */
async function sessionKey(session: ExtensionSession): Promise<string> {
  const worker = await session.serviceWorker();
  return worker.evaluate(async () => {
    const chrome = (
      globalThis as unknown as {
        chrome: {
          storage: { session: { get(key: string): Promise<Record<string, { key: string }>> } };
        };
      }
    ).chrome;
    return (await chrome.storage.session.get('coffer.accountKey'))['coffer.accountKey']!.key;
  });
}

describe('the vault in Chromium', () => {
  const sessions: ExtensionSession[] = [];
  afterAll(async () => {
    for (const s of sessions) await s.close().catch(() => undefined);
  });

  it('keeps every item type through lock, worker restart and browser restart, with nothing secret on disk', async () => {
    const session = await launchExtension();
    sessions.push(session);
    let popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'vault.user@example.com');
    for (const item of ITEMS) await addItem(popup, item);
    expect((await popup.itemNames()).sort()).toEqual(ITEMS.map((i) => i.name).sort());
    const accountKey = await sessionKey(session);
    expect(accountKey).toMatch(/^[A-Za-z0-9+/]{86}==$/);

    await lock(popup);
    await unlock(popup, 'not the master password');
    expect(await popup.waitForText(/./, 'alert')).toBe('Invalid master password');
    await unlockVault(popup);

    // A real service-worker stop: the vault stays unlocked (storage.session) and intact.
    await session.stopServiceWorker(popup.page);
    const reopened = new PopupPage(await session.openPopup());
    await reopened.waitFor('New item');
    expect((await reopened.itemNames()).sort()).toEqual(ITEMS.map((i) => i.name).sort());
    const login = await reopened.readItem(`${MARK} login`);
    expect(login).toMatchObject({
      Username: `${MARK}-user`,
      Password: `${MARK}-password`,
      Notes: `${MARK}-login-note`,
    });

    // Quitting the browser locks the vault; every item is intact after unlocking.
    await session.relaunch();
    popup = new PopupPage(await session.openPopup());
    await popup.waitFor('Unlock');
    await unlockVault(popup);
    const card = await popup.readItem(`${MARK} card`);
    expect(card).toMatchObject({
      'Cardholder name': `${MARK} Holder`,
      Number: '4111111111111111',
      'Security code': '987',
    });
    const identity = await popup.readItem(`${MARK} identity`);
    expect(identity).toMatchObject({
      'First name': `${MARK}First`,
      'Passport number': `${MARK}-passport`,
    });
    const ssh = await popup.readItem(`${MARK} ssh`);
    expect(ssh['Private key']).toContain(`${MARK}PRIVATEKEY`);
    const note = await popup.readItem(`${MARK} note`);
    expect(note.Notes).toBe(`${MARK}-secure-note-text`);

    await session.close();
    const leaks = findInProfile(session.userDataDir, [...markers(), accountKey]);
    expect(leaks).toEqual([]);
    // The control: the account email is stored in the clear (it is the KDF salt), so the same
    // search must find it, proving it reads what the vault wrote.
    expect(findInProfile(session.userDataDir, ['vault.user@example.com']).length).toBeGreaterThan(
      0,
    );
  });

  it('creates an account with Argon2id (WebAssembly under the extension CSP) and unlocks it', async () => {
    const session = await launchExtension();
    sessions.push(session);
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'argon.user@example.com', {
      kdf: { algorithm: 'Argon2id', iterations: '3', memory: '64', parallelism: '4' },
    });
    await addItem(popup, { type: 'Secure note', name: 'argon note', fields: {}, notes: 'kept' });
    await lock(popup);
    await unlock(popup);
    expect(await popup.itemNames()).toEqual(['argon note']);
    const worker = await session.serviceWorker();
    const stored = await worker.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const request = indexedDB.open('coffer');
          request.onsuccess = () => {
            const get = request.result.transaction('account').objectStore('account').get('account');
            get.onsuccess = () => resolve(get.result.kdf);
          };
        }),
    );
    expect(stored).toEqual({ type: 'argon2id', iterations: 3, memoryMiB: 64, parallelism: 4 });
  });
});
