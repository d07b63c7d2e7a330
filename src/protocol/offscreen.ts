/**
 * The little protocol between the background and Chrome's offscreen document, which does what a
 * service worker cannot: make blob: URLs for downloads, run a file's Argon2id in a Worker, and
 * reach the clipboard to clear a copied secret. It runs over one port the document opens, so the
 * file text is not broadcast to every extension page.
 */
import type { FileKdf } from '@/src/crypto/keepass-argon2';
import type { PendingClear } from '@/src/vault/clipboard-clear';
import type { KdfJobError } from './kdf-worker';

export const OFFSCREEN_PORT = 'coffer-offscreen';

/**
 * A finished file for a download: posted by the worker to the document as its client (structured
 * clone carries a Blob as a reference; a port would carry JSON), answered over the port with
 * the blob: URL.
 */
export interface OffscreenBlobDelivery {
  op: 'blob';
  id: number;
  blob: Blob;
}

export type OffscreenRequest =
  /** The download of blob `id` is over (or given up): its URL goes. */
  | { op: 'revoke'; id: number }
  /** Clear the clipboard if it still holds the secret hashed in `pending`; the text never travels. */
  | { op: 'clipboard-clear'; id: number; pending: PendingClear }
  /** The MAC Worker `id` (protocol/mac-worker.ts) is not needed any more. */
  | { op: 'mac-worker-end'; id: number }
  | OffscreenKdfRequest;

export type OffscreenReply =
  | { op: 'blob'; id: number; url: string }
  | { op: 'clipboard-cleared'; id: number; cleared: boolean }
  | OffscreenKdfReply;

/** A KDF job (bytes as base64: ports carry JSON), or the end of one nobody waits for any more. */
type OffscreenKdfRequest =
  | { op: 'kdf'; id: number; password: string; salt: string; kdf: FileKdf }
  | { op: 'kdf-cancel'; id: number };

export type OffscreenKdfReply =
  | { op: 'kdf'; id: number; ok: true; material: string }
  | { op: 'kdf'; id: number; ok: false; error: KdfJobError };
