/**
 * Puts a fixture's vault (truth.json) into the real extension's IndexedDB, encrypted in Node
 * under the fixture's account key exactly as Coffer's store keeps it, so an end-to-end test can
 * unlock it with the fixture's master password and export it through the popup.
 */
import { encryptFolders, encryptItems } from '@/src/formats/encrypted-item';
import type { Folder, Item } from '@/src/vault/item';
import { DB_VERSION } from '@/src/store/schema';
import { directoryOf, paginate } from '@/src/store/item-pages';
import { readTruth, type KdfFixture, type Truth } from '../helpers/fixtures';
import { truthAccount, truthAccountKey, truthFolders, truthItems } from '../helpers/truth-items';
import { unlockVault } from './account-flow';
import type { ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';

export async function seedTruthVault(session: ExtensionSession, kdf: KdfFixture): Promise<Truth> {
  const truth = readTruth(kdf);
  await seedVault(session, truth, truthItems(truth), truthFolders(truth));
  return truth;
}

/**
 * Seeds the account and the given items and folders (none by default), opens a popup and unlocks
 * it with the fixture's master password: the vault list is shown.
 */
export async function openSeededVault(
  session: ExtensionSession,
  truth: Truth,
  items: Item[] = [],
  folders: Folder[] = [],
): Promise<PopupPage> {
  await seedVault(session, truth, items, folders);
  const popup = new PopupPage(await session.openPopup());
  await unlockVault(popup, truth.account.masterPassword);
  return popup;
}

/**
 * Writes an account (the fixture's: email, KDF, protected key) and the given items and folders,
 * encrypted under that account's key, into the extension's database.
 */
export async function seedVault(
  session: ExtensionSession,
  truth: Truth,
  items: Item[],
  folders: Folder[],
): Promise<void> {
  const key = await truthAccountKey(truth);
  const account = truthAccount(truth);
  const pages = paginate(await encryptItems(items, key)).map((page) => ({
    items: page.items,
    // Maps as their entries: the arguments of an evaluate travel as JSON.
    directory: (({ types, folders, ...rest }) => ({
      ...rest,
      types: [...types],
      folders: [...folders],
    }))(directoryOf(page)),
  }));
  const folderRecords = (await encryptFolders(folders, key)).map((r, i) => ({ ...r, seq: i + 1 }));
  // Wait until the background has answered (and so created its database) before writing to it.
  const first = new PopupPage(await session.openPopup());
  await first.waitFor('Create your Coffer account', { role: 'heading' });
  await first.page.close();
  const worker = await session.serviceWorker();
  // In pieces: one evaluate of a 50,000-item vault (65 MB of JSON) crashed Chromium.
  await putRecords(worker, { account, pages: [], folders: folderRecords });
  for (let start = 0; start < pages.length; start += SEED_PAGES) {
    await putRecords(worker, { pages: pages.slice(start, start + SEED_PAGES), folders: [] });
  }
}

/** Pages of items written into the extension's database per round trip (5,000 items). */
const SEED_PAGES = 50;

/** Writes records into the extension's database, from its service worker, in one transaction. */
function putRecords(
  worker: Awaited<ReturnType<ExtensionSession['serviceWorker']>>,
  records: {
    account?: unknown;
    pages: {
      items: unknown[];
      directory: { page: number; types: [number, number][]; folders: [string, number][] };
    }[];
    folders: unknown[];
  },
): Promise<void> {
  return worker.evaluate(
    ({ account, pages, folders, version }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('coffer', version);
        open.onupgradeneeded = () => {
          open.transaction?.abort();
          reject(new Error('The extension has not created its database yet'));
        };
        open.onerror = () => reject(open.error);
        // The extension holds its database open at another version (a build older than the tests).
        open.onblocked = () =>
          reject(new Error(`The extension's database is not at version ${version}`));
        open.onsuccess = () => {
          const stores = ['account', 'itemPages', 'itemDirectory', 'folders'];
          const tx = open.result.transaction(stores, 'readwrite');
          if (account) tx.objectStore('account').put(account, 'account');
          for (const { items, directory } of pages) {
            tx.objectStore('itemPages').put(items, directory.page);
            tx.objectStore('itemDirectory').put({
              ...directory,
              types: new Map(directory.types),
              folders: new Map(directory.folders),
            });
          }
          for (const folder of folders) tx.objectStore('folders').put(folder);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { ...records, version: DB_VERSION },
  );
}
