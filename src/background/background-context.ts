/**
 * Builds the background's context from what differs between a browser and a test: the browser
 * passes its store, downloader, KDF runner, clipboard and badge (start-background.ts), a test
 * passes fakes (tests/helpers/background.ts). Everything else (session, re-prompt grants, unlock
 * throttle, vault timeout, clipboard clearer, one-at-a-time lock) is made here, the same way for
 * both, so the tests run the background the browser runs.
 */
import { CofferError } from '@/src/errors/coffer-error';
import type { ProgressEvent } from '@/src/protocol/envelope';
import type { UploadPurpose } from '@/src/protocol/vault-api';
import type { VaultStore } from '@/src/store/vault-store';
import { MAX_ATTACHMENT_BYTES, MAX_IMPORT_UPLOAD_BYTES } from '@/src/vault/policy';
import { attachmentTooLarge } from './attachment-limits';
import { createClipboardClearer, type ClipboardAccess } from './clipboard-clearer';
import type { BackgroundContext, Badge } from './context';
import type { Downloader } from './downloads';
import { createVaultTurns } from './exclusive';
import { createItemListCache } from './item-list-cache';
import type { FileKeyDeriver } from './file-key-deriver';
import { endKeptMacWorker, type StartMacWorker } from './mac-workers';
import { OPENED_FILE_TTL_MS } from './opened-files';
import { createRepromptGrants } from './reprompt-grants';
import { createSession } from './session';
import { createUnlockThrottle } from './unlock-throttle';
import { createUploads, type Uploads } from './uploads';
import { createVaultTimeout } from './vault-timeout';

export interface BackgroundDeps {
  store: VaultStore;
  downloader: Downloader;
  fileKeyDeriver: FileKeyDeriver;
  macWorker?: StartMacWorker;
  /** Undefined where the background has no way to the clipboard: no clear is scheduled. */
  clipboard: ClipboardAccess | undefined;
  /** Runs a scheduled clipboard clear; setTimeout by default (see clipboard-clearer.ts). */
  setClipboardTimer?: (run: () => void, ms: number) => () => void;
  badge: Badge;
  reportProgress(event: Omit<ProgressEvent, 'tag'>): void;
  /** The clock of every part: vault timeout, unlock throttle, clipboard clears, dates written. */
  now(): Date;
  newId(): string;
}

export function buildBackgroundContext(deps: BackgroundDeps): BackgroundContext {
  // Every part writes through this store, so the vault list's cache sees every change.
  const { store, cache: itemList } = createItemListCache(deps.store);
  const nowMs = (): number => deps.now().getTime();
  const getSettings = () => store.getSettings();
  const session = createSession(async () => (await store.getAccount())?.keyGeneration ?? null);
  const uploads = createUploadAreas(nowMs, deps.newId);
  // A file on its way is vault content: it does not outlive the session.
  session.onLock(() => Object.values(uploads).forEach((area) => area.dropAll()));
  session.onLock(() => itemList.clear());
  // A MAC Worker kept for the next work (mac-workers.ts) is not left running past the session.
  session.onLock(() => endKeptMacWorker(deps.macWorker));
  return {
    store,
    itemList,
    session,
    grants: createRepromptGrants(nowMs),
    throttle: createUnlockThrottle(nowMs),
    timeout: createVaultTimeout({
      getSettings,
      isUnlocked: async () => (await session.getKey()) !== null,
      lock: () => session.lock(),
      now: nowMs,
    }),
    downloader: deps.downloader,
    clipboard: createClipboardClearer({
      clipboard: deps.clipboard,
      getSettings,
      now: nowMs,
      setTimer: deps.setClipboardTimer,
    }),
    ...createVaultTurns(),
    uploads,
    fileKeyDeriver: deps.fileKeyDeriver,
    ...(deps.macWorker ? { macWorker: deps.macWorker } : {}),
    badge: deps.badge,
    reportProgress: deps.reportProgress,
    now: deps.now,
    newId: deps.newId,
  };
}

/**
 * One staging area per purpose. An import file is an archive that may hold a vault's worth of
 * attachments, and only the latest matters (a popup imports one file at a time): a new one
 * replaces the one before, and it is kept as long as its preview's opened file, for the
 * confirmation that follows.
 */
function createUploadAreas(now: () => number, newId: () => string): Record<UploadPurpose, Uploads> {
  return {
    attachment: createUploads({
      maxBytes: MAX_ATTACHMENT_BYTES,
      tooLarge: attachmentTooLarge,
      now,
      newId,
    }),
    import: createUploads({
      maxBytes: MAX_IMPORT_UPLOAD_BYTES,
      tooLarge: (maxBytes) =>
        new CofferError('errFileTooLargeToImport', { args: [Math.floor(maxBytes / 1024 / 1024)] }),
      now,
      newId,
      maxUploads: 1,
      whenFull: 'dropOldest',
      idleMs: OPENED_FILE_TTL_MS,
    }),
  };
}
