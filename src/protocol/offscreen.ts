/**
 * The little protocol between the background and Chrome's offscreen document, which does what a
 * service worker cannot: make blob: URLs for downloads, and reach the clipboard to clear a copied
 * secret. It runs over one port the document opens, so the file text is not broadcast to every
 * extension page.
 */
import type { PendingClear } from '@/src/vault/clipboard-clear';

export const OFFSCREEN_PORT = 'coffer-offscreen';

/** Text is sent in pieces well under Chrome's 64 MiB limit for one extension message. */
export const OFFSCREEN_CHUNK_CHARS = 8 * 1024 * 1024;

export type OffscreenRequest =
  | { op: 'chunk'; id: number; text: string }
  | { op: 'blob'; id: number; mimeType: string }
  | { op: 'revoke'; id: number }
  /** Clear the clipboard if it still holds the secret hashed in `pending`; the text never travels. */
  | { op: 'clipboard-clear'; id: number; pending: PendingClear };

export type OffscreenReply =
  | { op: 'blob'; id: number; url: string }
  | { op: 'clipboard-cleared'; id: number; cleared: boolean };
