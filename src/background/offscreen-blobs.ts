/**
 * blob: URLs for downloads from Chrome's service worker, which cannot make them itself: the
 * offscreen document makes them from the file the worker sends over its port (text as it is,
 * bytes as base64, since ports carry JSON). A data: URL is never
 * used: Chrome keeps a download's URL in the profile's History database, so a data: URL would
 * leave the whole file there in plain text. (It was also slow: a 16 MB backup took ~2.2 s as a
 * data: URL against ~0.15 s as a blob, measured in Chromium 156.)
 */
import type { Runtime } from 'webextension-polyfill';
import { toBase64 } from '@/src/crypto/bytes';
import type { FileContent } from '@/src/formats/file-content';
import {
  OFFSCREEN_CHUNK_BYTES,
  OFFSCREEN_CHUNK_CHARS,
  type OffscreenReply,
  type OffscreenRequest,
} from '@/src/protocol/offscreen';
import type { OffscreenDocument } from './offscreen-document';

export interface BlobUrl {
  url: string;
  release(): void;
}

/**
 * A file sent to the offscreen document while it is being written (a zip of attachments), so the
 * worker never holds all of it: each piece leaves as soon as it is appended, and the document
 * keeps the pieces until `finish` makes them one blob. `discard` drops them unused.
 */
export interface BlobDraft {
  /** Bytes, or text (sent as it is, and made UTF-8 by the blob: no base64 either way). */
  append(piece: Uint8Array | string): void;
  finish(mimeType: string): Promise<BlobUrl>;
  discard(): void;
}

export interface BlobMaker {
  make(content: FileContent, mimeType: string): Promise<BlobUrl>;
  begin(): Promise<BlobDraft>;
  /** Keeps the document open (opening it now) until the returned release is called. */
  hold(): Promise<() => void>;
}

export function createOffscreenBlobMaker(document: OffscreenDocument): BlobMaker {
  let nextId = 1;
  const waiting = new Map<number, (url: string) => void>();
  const listening = new WeakSet<Runtime.Port>();

  const listen = (port: Runtime.Port) => {
    if (listening.has(port)) return;
    listening.add(port);
    port.onMessage.addListener((message: unknown) => {
      const reply = message as OffscreenReply;
      if (reply.op !== 'blob') return;
      waiting.get(reply.id)?.(reply.url);
      waiting.delete(reply.id);
    });
  };

  /** A blob in the making: its pieces go out as they come. */
  const begin = async (): Promise<BlobDraft> => {
    const port = await document.acquire();
    listen(port);
    const id = nextId++;
    let ended = false;
    const end = () => {
      ended = true;
      try {
        port.postMessage({ op: 'revoke', id } satisfies OffscreenRequest);
      } catch {
        // The document is gone already, and its blobs with it.
      }
      document.release();
    };
    const draft: BlobDraft = {
      append(piece) {
        const pieces = typeof piece === 'string' ? textChunks(piece, id) : byteChunks(piece, id);
        for (const chunk of pieces) port.postMessage(chunk);
      },
      async finish(mimeType) {
        try {
          const url = new Promise<string>((resolve, reject) => {
            waiting.set(id, resolve);
            port.onDisconnect.addListener(() => reject(new Error('offscreen document closed')));
          });
          port.postMessage({ op: 'blob', id, mimeType } satisfies OffscreenRequest);
          const made = await url;
          return { url: made, release: () => ended || end() };
        } catch (error) {
          draft.discard();
          throw error;
        }
      },
      discard() {
        if (!ended) end();
      },
    };
    return draft;
  };

  return {
    begin,
    async hold() {
      await document.acquire();
      let held = true;
      return () => {
        if (held) document.release();
        held = false;
      };
    },
    async make(content, mimeType) {
      const draft = await begin();
      try {
        draft.append(content.kind === 'text' ? content.text : content.bytes);
      } catch (error) {
        draft.discard();
        throw error;
      }
      return draft.finish(mimeType);
    },
  };
}

/**
 * Text in pieces, in order; at least one, so an empty file is a blob too. A piece never ends
 * between the two halves of a surrogate pair: each piece becomes UTF-8 on its own, and half a
 * pair would become U+FFFD.
 */
function* textChunks(text: string, id: number): Generator<OffscreenRequest> {
  let offset = 0;
  do {
    let end = Math.min(offset + OFFSCREEN_CHUNK_CHARS, text.length);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
    yield { op: 'chunk', id, text: text.slice(offset, end) };
    offset = end;
  } while (offset < text.length);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Bytes as base64 pieces, in order; at least one, so an empty file is a blob too. */
function* byteChunks(bytes: Uint8Array, id: number): Generator<OffscreenRequest> {
  let offset = 0;
  do {
    const base64 = toBase64(bytes.subarray(offset, offset + OFFSCREEN_CHUNK_BYTES));
    yield { op: 'chunk-bytes', id, base64 };
    offset += OFFSCREEN_CHUNK_BYTES;
  } while (offset < bytes.length);
}
