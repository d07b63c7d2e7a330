/**
 * The little protocol between the background and Chrome's offscreen document, which does what a
 * service worker cannot: make blob: URLs for downloads, run a file's Argon2id in a Worker, and
 * reach the clipboard to clear a copied secret. It runs over one port the document opens, so the
 * file text is not broadcast to every extension page.
 */
import type { KdfConfig } from '@/src/crypto/kdf-config';
import type { PendingClear } from '@/src/vault/clipboard-clear';
import type { KdfJobError } from './kdf-worker';

export const OFFSCREEN_PORT = 'coffer-offscreen';

/** Text is sent in pieces well under Chrome's 64 MiB limit for one extension message. */
export const OFFSCREEN_CHUNK_CHARS = 8 * 1024 * 1024;
/** Bytes go as base64 (ports carry JSON): 6 MiB, a multiple of 3, is 8 Mi characters of it. */
export const OFFSCREEN_CHUNK_BYTES = (OFFSCREEN_CHUNK_CHARS / 4) * 3;

export type OffscreenRequest =
  /** A piece of a file, in order: text as it is, bytes as base64. */
  | { op: 'chunk'; id: number; text: string }
  | { op: 'chunk-bytes'; id: number; base64: string }
  | { op: 'blob'; id: number; mimeType: string }
  | { op: 'revoke'; id: number }
  /** Clear the clipboard if it still holds the secret hashed in `pending`; the text never travels. */
  | { op: 'clipboard-clear'; id: number; pending: PendingClear }
  | OffscreenKdfRequest;

export type OffscreenReply =
  | { op: 'blob'; id: number; url: string }
  | { op: 'clipboard-cleared'; id: number; cleared: boolean }
  | OffscreenKdfReply;

/** A KDF job (bytes as base64: ports carry JSON), or the end of one nobody waits for any more. */
type OffscreenKdfRequest =
  | { op: 'kdf'; id: number; password: string; salt: string; kdf: KdfConfig }
  | { op: 'kdf-cancel'; id: number };

export type OffscreenKdfReply =
  | { op: 'kdf'; id: number; ok: true; material: string }
  | { op: 'kdf'; id: number; ok: false; error: KdfJobError };
