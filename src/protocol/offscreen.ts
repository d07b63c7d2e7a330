/**
 * The little protocol between the background and Chrome's offscreen document, which makes blob:
 * URLs for downloads (a service worker cannot). It runs over one port the document opens, so the
 * file text is not broadcast to every extension page.
 */

export const OFFSCREEN_PORT = 'coffer-offscreen';

/** Text is sent in pieces well under Chrome's 64 MiB limit for one extension message. */
export const OFFSCREEN_CHUNK_CHARS = 8 * 1024 * 1024;

export type OffscreenRequest =
  | { op: 'chunk'; id: number; text: string }
  | { op: 'blob'; id: number; mimeType: string }
  | { op: 'revoke'; id: number };

export type OffscreenReply = { op: 'blob'; id: number; url: string };
