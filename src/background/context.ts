/** Everything the handlers need, passed in explicitly so tests can build it around fakes. */
import type { ProgressEvent } from '@/src/protocol/envelope';
import type { UploadPurpose } from '@/src/protocol/vault-api';
import type { VaultStore } from '@/src/store/vault-store';
import type { ClipboardClearer } from './clipboard-clearer';
import type { Downloader } from './downloads';
import type { Exclusive } from './exclusive';
import type { FileKeyDeriver } from './file-key-deriver';
import type { ItemListCache } from './item-list-cache';
import type { StartMacWorker } from './mac-workers';
import type { RepromptGrants } from './reprompt-grants';
import type { Session } from './session';
import type { UnlockThrottle } from './unlock-throttle';
import type { Uploads } from './uploads';
import type { VaultTimeout } from './vault-timeout';

export interface BackgroundContext {
  store: VaultStore;
  /** The vault list's summaries, kept between popups while the vault is unlocked and unchanged. */
  itemList: ItemListCache;
  session: Session;
  /**
   * Which re-prompt items were confirmed: shared by every handler that hands out or changes what
   * such an item holds (its secrets, its attachments).
   */
  grants: RepromptGrants;
  throttle: UnlockThrottle;
  timeout: VaultTimeout;
  downloader: Downloader;
  /** Clears copied secrets from the clipboard after the chosen delay. */
  clipboard: ClipboardClearer;
  /** Runs an operation that changes the vault, the key or the session alone (exclusive.ts). */
  exclusive: Exclusive;
  /** Runs an operation that only reads the vault beside other readers, never beside a change. */
  shared: Exclusive;
  /** Runs a password-protected file's KDF, off this thread where it can (file-key-deriver.ts). */
  fileKeyDeriver: FileKeyDeriver;
  /**
   * Starts a Worker that computes field MACs on another core during exports, imports and key
   * rotation (mac-workers.ts); undefined where there is none (Node tests): they are done here.
   */
  macWorker?: StartMacWorker;
  /**
   * Files on their way in from the popup (uploads.ts), by what they are for: each purpose has
   * its own limit. Dropped at every lock.
   */
  uploads: Record<UploadPurpose, Uploads>;
  /** The toolbar badge: whether a backup is due. */
  badge: Badge;
  /** Tells open popups how far a long operation is; never throws, never waits for them. */
  reportProgress(event: Omit<ProgressEvent, 'tag'>): void;
  now(): Date;
  newId(): string;
}

export interface Badge {
  showBackupDue(due: boolean): Promise<void>;
}
