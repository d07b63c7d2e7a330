/**
 * Starts the background: opens the store, wires the session, the vault timeout and the handlers,
 * and answers protocol requests from Coffer's own pages. Every listener is registered
 * synchronously, so a service worker woken by a message or an alarm receives it.
 */
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { dispatch } from '@/src/protocol/dispatch';
import { KDF_WORKER_PATH } from '@/src/protocol/kdf-worker';
import { MAC_WORKER_PATH } from '@/src/protocol/mac-worker';
import { OFFSCREEN_PORT } from '@/src/protocol/offscreen';
import {
  POPUP_PORT,
  PROGRESS_TAG,
  isRequest,
  type Reply,
  type Request,
} from '@/src/protocol/envelope';
import { openVaultStore } from '@/src/store/vault-store';
import { runKdfJob } from '@/src/workers/run-kdf-job';
import type { BackgroundContext } from './context';
import { browserBadge } from './badge';
import { refreshBackupBadge } from './backup-handlers';
import { buildBackgroundContext } from './background-context';
import { CLIPBOARD_ALARM, type ClipboardAccess } from './clipboard-clearer';
import { createBrowserDownloader } from './downloads';
import { createFileKeyDeriver, type FileKeyDeriver } from './file-key-deriver';
import { createHandlers } from './handlers';
import { startMacWorkerHere, startOffscreenMacWorker, type StartMacWorker } from './mac-workers';
import {
  createOffscreenBlobMaker,
  serviceWorkerCourier,
  type BlobMaker,
  type WorkerClients,
} from './offscreen-blobs';
import { createOffscreenClipboard } from './offscreen-clipboard';
import {
  OFFSCREEN_DOCUMENT_PATH,
  chromeOffscreenApi,
  createOffscreenDocument,
} from './offscreen-document';
import { createOffscreenKdfRunner } from './offscreen-kdf';
import { pageClipboard } from './page-clipboard';
import { paceProgress } from './progress-pace';
import { restrictSessionStorage } from './session';
import { VAULT_TIMEOUT_ALARM } from './vault-timeout';

const BACKUP_REMINDER_ALARM = 'coffer.backupReminder';

/** Requests that do not count as interaction (the popup polls status when it opens). */
const PASSIVE_METHODS = new Set(['getStatus']);

export function startBackground(): void {
  // Chrome's service worker makes blob: URLs and Workers and reaches the clipboard through the
  // offscreen document; Firefox's background page does all three itself.
  const offscreenApi = chromeOffscreenApi();
  const offscreen = offscreenApi ? createOffscreenDocument(offscreenApi) : undefined;
  const courier = offscreen
    ? serviceWorkerCourier(
        (globalThis as unknown as { clients: WorkerClients }).clients,
        browser.runtime.getURL(OFFSCREEN_DOCUMENT_PATH),
      )
    : undefined;
  const blobMaker = offscreen && courier ? createOffscreenBlobMaker(offscreen, courier) : undefined;
  const macWorker: StartMacWorker =
    offscreen && courier
      ? startOffscreenMacWorker(offscreen, courier)
      : startMacWorkerHere(() => new Worker(browser.runtime.getURL(MAC_WORKER_PATH)));
  const fileKeyDeriver = createFileKeyDeriver(
    offscreen
      ? createOffscreenKdfRunner(offscreen)
      : (job, signal) =>
          runKdfJob(() => new Worker(browser.runtime.getURL(KDF_WORKER_PATH)), job, signal),
  );
  const clipboard = offscreen ? createOffscreenClipboard(offscreen) : pageClipboard();
  const ready = createBackgroundContext({ fileKeyDeriver, blobMaker, clipboard, macWorker });
  const handlers = ready.then(createHandlers);

  browser.runtime.onMessage.addListener(
    (message: unknown, sender: Runtime.MessageSender): Promise<Reply> | undefined => {
      if (!isRequest(message) || !isFromOwnPage(sender)) return undefined;
      return answer(message);
    },
  );

  async function answer(request: Request): Promise<Reply> {
    const [ctx, table] = await Promise.all([ready, handlers]);
    const reply = await dispatch(table, request);
    // Moving the timeout's alarm reads the settings and sets an alarm: the answer does not wait
    // for it (tens of milliseconds on every request, the popup's first list among them).
    if (!PASSIVE_METHODS.has(request.method)) void ctx.timeout.touch().catch(() => undefined);
    return reply;
  }

  // The Firefox end-to-end build opens the popup in a tab on install (WebDriver BiDi cannot
  // navigate to extension pages); production builds leave this branch out entirely.
  if (import.meta.env.VITE_E2E_OPEN_POPUP) {
    browser.runtime.onInstalled.addListener(({ reason }) => {
      if (reason === 'install')
        void browser.tabs.create({ url: browser.runtime.getURL('/popup.html?tab') });
    });
  }

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === VAULT_TIMEOUT_ALARM) void ready.then((ctx) => ctx.timeout.expire());
    if (alarm.name === BACKUP_REMINDER_ALARM) void ready.then(refreshBackupBadge);
    if (alarm.name === CLIPBOARD_ALARM) void ready.then((ctx) => ctx.clipboard.run());
  });
  // A backup falls due with time alone: the badge is looked at again a few times a day.
  void browser.alarms.get(BACKUP_REMINDER_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(BACKUP_REMINDER_ALARM, { periodInMinutes: 6 * 60 });
  });
  void ready.then(refreshBackupBadge).catch(() => undefined);

  let openPopups = 0;
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === OFFSCREEN_PORT && offscreen && isFromOwnPage(port.sender)) {
      offscreen.connect(port);
      return;
    }
    if (port.name !== POPUP_PORT || !isFromOwnPage(port.sender)) return;
    openPopups++;
    port.onDisconnect.addListener(() => {
      openPopups--;
      void ready.then((ctx) => ctx.timeout.popupClosed(openPopups));
    });
  });
  void ready.then((ctx) => ctx.timeout.started(() => openPopups));
  void ready.then((ctx) => ctx.clipboard.started()).catch(() => undefined);
}

/** The browser's store, downloads, clipboard and badge, under the shared context builder. */
async function createBackgroundContext(browserParts: {
  fileKeyDeriver: FileKeyDeriver;
  blobMaker: BlobMaker | undefined;
  clipboard: ClipboardAccess | undefined;
  macWorker: StartMacWorker;
}): Promise<BackgroundContext> {
  const { fileKeyDeriver, blobMaker, clipboard, macWorker } = browserParts;
  await restrictSessionStorage();
  return buildBackgroundContext({
    store: await openVaultStore(),
    downloader: createBrowserDownloader(blobMaker),
    fileKeyDeriver,
    macWorker,
    clipboard,
    badge: browserBadge,
    reportProgress: paceProgress((event) => {
      // No popup listening (it was closed) is fine: the export goes on without an audience.
      browser.runtime.sendMessage({ tag: PROGRESS_TAG, ...event }).catch(() => undefined);
    }),
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
  });
}

/** Only Coffer's own extension pages may talk to the vault (no other extension, no web page). */
function isFromOwnPage(sender: Runtime.MessageSender | undefined): boolean {
  return (
    sender?.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL('/'))
  );
}
