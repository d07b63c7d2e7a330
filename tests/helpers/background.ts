/**
 * A real background (store on fake-indexeddb, session and alarms on WXT's fake browser) behind
 * the loopback client, for handler and view tests: built by the browser's own
 * buildBackgroundContext, with fakes only where the browser itself would be.
 */
import { createHandlers } from '@/src/background/handlers';
import type { BackgroundContext } from '@/src/background/context';
import { buildBackgroundContext } from '@/src/background/background-context';
import type { StartMacWorker } from '@/src/background/mac-workers';
import { createFileKeyDeriver, type FileKeyDeriver } from '@/src/background/file-key-deriver';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import type { VaultClient } from '@/src/protocol/vault-api';
import { openVaultStore } from '@/src/store/vault-store';
import { loopbackClient } from './loopback';
import { createFakeClipboard, type FakeClipboard } from './fake-clipboard';
import { createFakeDownloader, type FakeDownloader } from './fake-downloader';
import type { ProgressEvent } from '@/src/protocol/envelope';

export const TEST_EMAIL = 'someone@example.com';
export const TEST_PASSWORD = 'correct horse battery staple';
export const TEST_KDF: KdfConfig = { type: 'pbkdf2', iterations: 600_000 };

export interface TestBackground {
  ctx: BackgroundContext;
  downloads: FakeDownloader;
  /** What the background's clipboard holds; its clears never run on their own (no timer). */
  clipboard: FakeClipboard;
  progress: Omit<ProgressEvent, 'tag'>[];
  /** Every "backup due" the badge was told, in order. */
  badge: boolean[];
  client: VaultClient;
  /** A new context over the same database and browser storage: a restarted service worker. */
  restart(): Promise<TestBackground>;
}

export interface TestBackgroundOptions {
  now?: () => Date;
  /** Runs password-protected files' KDFs; by default on this thread, as Node has no Worker. */
  fileKeyDeriver?: FileKeyDeriver;
  /** Starts MAC Workers; by default none (the MACs are computed here). */
  macWorker?: StartMacWorker;
}

export async function createTestBackground(
  options: TestBackgroundOptions = {},
): Promise<TestBackground> {
  const downloads = createFakeDownloader();
  const clipboard = createFakeClipboard();
  const progress: Omit<ProgressEvent, 'tag'>[] = [];
  const badge: boolean[] = [];
  const ctx = buildBackgroundContext({
    store: await openVaultStore(),
    downloader: downloads,
    fileKeyDeriver: options.fileKeyDeriver ?? createFileKeyDeriver(),
    ...(options.macWorker ? { macWorker: options.macWorker } : {}),
    clipboard,
    // No timer: a test runs the clipboard's clears itself (ctx.clipboard.run()).
    setClipboardTimer: () => () => undefined,
    badge: { showBackupDue: async (due) => void badge.push(due) },
    reportProgress: (event) => progress.push(event),
    now: options.now ?? (() => new Date()),
    newId: () => crypto.randomUUID(),
  });
  return {
    ctx,
    downloads,
    clipboard,
    progress,
    badge,
    client: loopbackClient(createHandlers(ctx)),
    restart: () => createTestBackground(options),
  };
}

/** A background with an unlocked account. */
export async function createUnlockedBackground(
  kdf: KdfConfig = TEST_KDF,
  options: TestBackgroundOptions = {},
): Promise<TestBackground> {
  const background = await createTestBackground(options);
  await background.client.createAccount({ email: TEST_EMAIL, masterPassword: TEST_PASSWORD, kdf });
  return background;
}
