/**
 * Chrome's one offscreen document, shared by everything the service worker cannot do itself
 * (making blob: URLs for downloads, running a file's Argon2id in a Worker, clearing a copied
 * secret from the clipboard). Chrome allows a single offscreen document per extension, with its
 * reasons fixed when it is created, so this module owns it: users `acquire` a port to it and
 * `release` it when done, and the document is closed when nobody uses it, so nothing it holds (a
 * backup's blob, a derivation) outlives the operation. (A MAC Worker kept for the next work, by
 * an import's preview for the import or by the Export Vault form for the export, is a user until
 * it is taken, its 60 s are up or the vault is locked; it holds no reference to anything between
 * jobs.)
 */
import type { Runtime } from 'webextension-polyfill';

/** The offscreen document's page (entrypoints/offscreen). */
export const OFFSCREEN_DOCUMENT_PATH = '/offscreen.html';

/** Every reason Coffer's offscreen document serves; Chrome fixes them at creation. */
const OFFSCREEN_REASONS = ['BLOBS', 'WORKERS', 'CLIPBOARD'];
const OFFSCREEN_JUSTIFICATION =
  'Turns a backup file into a blob: URL so that the downloads API can save it without ever putting its content in a URL. ' +
  "Runs a password-protected file's Argon2id key derivation in a Worker, which a service worker cannot create. " +
  'Clears a copied password from the clipboard after the delay the user chose, unless something else was copied since.';

export interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  /** Whether a document exists already (one left by a worker that was stopped meanwhile). */
  hasDocument(): Promise<boolean>;
}

export interface OffscreenDocument {
  /** A port to the document, created if needed; every acquire is matched by one release. */
  acquire(): Promise<Runtime.Port>;
  release(): void;
  /** Called by the background when the document's port connects. */
  connect(port: Runtime.Port): void;
}

interface ChromeRuntimeContexts {
  getContexts?(filter: { contextTypes: string[] }): Promise<unknown[]>;
}

/** Chrome's offscreen API, or undefined where there is none (Firefox, Node tests). */
export function chromeOffscreenApi(): OffscreenApi | undefined {
  const chrome = (
    globalThis as {
      chrome?: {
        offscreen?: Omit<OffscreenApi, 'hasDocument'>;
        runtime?: ChromeRuntimeContexts;
      };
    }
  ).chrome;
  const offscreen = chrome?.offscreen;
  if (!offscreen) return undefined;
  return {
    createDocument: (options) => offscreen.createDocument(options),
    closeDocument: () => offscreen.closeDocument(),
    async hasDocument() {
      const contexts = await chrome.runtime?.getContexts?.({
        contextTypes: ['OFFSCREEN_DOCUMENT'],
      });
      return (contexts?.length ?? 0) > 0;
    },
  };
}

export function createOffscreenDocument(api: OffscreenApi): OffscreenDocument {
  let port: Runtime.Port | undefined;
  let waitingForPort: ((port: Runtime.Port) => void) | undefined;
  let opening: Promise<Runtime.Port> | undefined;
  let users = 0;
  /** Serialises creating and closing, which Chrome refuses to overlap. */
  let lifecycle: Promise<unknown> = Promise.resolve();

  const open = (): Promise<Runtime.Port> => {
    if (port) return Promise.resolve(port);
    opening ??= new Promise<Runtime.Port>((resolve, reject) => {
      waitingForPort = resolve;
      lifecycle = lifecycle
        .then(async () => {
          // A document left by a stopped worker has lost its port: it is replaced, not reused.
          if (await api.hasDocument()) await api.closeDocument().catch(() => undefined);
          await api.createDocument({
            url: OFFSCREEN_DOCUMENT_PATH,
            reasons: OFFSCREEN_REASONS,
            justification: OFFSCREEN_JUSTIFICATION,
          });
        })
        .catch((error: unknown) => {
          waitingForPort = undefined;
          reject(error);
        });
    }).finally(() => {
      opening = undefined;
    });
    return opening;
  };

  return {
    async acquire() {
      users++;
      try {
        return await open();
      } catch (error) {
        users--;
        throw error;
      }
    },
    release() {
      if (--users > 0) return;
      users = 0;
      port = undefined;
      lifecycle = lifecycle.then(() => api.closeDocument()).catch(() => undefined);
    },
    connect(connected) {
      if (!waitingForPort) {
        // Nobody asked for this document (it outlived the worker that did): let it go.
        connected.disconnect();
        return;
      }
      port = connected;
      connected.onDisconnect.addListener(() => {
        if (port === connected) port = undefined;
      });
      waitingForPort(connected);
      waitingForPort = undefined;
    },
  };
}
