/**
 * The little protocol between the background and Chrome's offscreen document, which makes blob:
 * URLs for downloads and runs a file's Argon2id in a Worker (a service worker can do neither). It
 * runs over one port the document opens, so the file text is not broadcast to every extension
 * page.
 */
import type { KdfConfig } from '@/src/crypto/kdf-config';
import type { KdfJobError } from './kdf-worker';

export const OFFSCREEN_PORT = 'coffer-offscreen';

/** Text is sent in pieces well under Chrome's 64 MiB limit for one extension message. */
export const OFFSCREEN_CHUNK_CHARS = 8 * 1024 * 1024;

export type OffscreenRequest =
  | { op: 'chunk'; id: number; text: string }
  | { op: 'blob'; id: number; mimeType: string }
  | { op: 'revoke'; id: number }
  | OffscreenKdfRequest;

export type OffscreenReply = { op: 'blob'; id: number; url: string } | OffscreenKdfReply;

/** A KDF job (bytes as base64: ports carry JSON), or the end of one nobody waits for any more. */
type OffscreenKdfRequest =
  | { op: 'kdf'; id: number; password: string; salt: string; kdf: KdfConfig }
  | { op: 'kdf-cancel'; id: number };

export type OffscreenKdfReply =
  | { op: 'kdf'; id: number; ok: true; material: string }
  | { op: 'kdf'; id: number; ok: false; error: KdfJobError };
