import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createOffscreenBlobMaker } from '@/src/background/offscreen-blobs';
import { createOffscreenDocument, type OffscreenApi } from '@/src/background/offscreen-document';
import { concatBytes, fromBase64 } from '@/src/crypto/bytes';
import {
  OFFSCREEN_CHUNK_BYTES,
  OFFSCREEN_CHUNK_CHARS,
  type OffscreenReply,
  type OffscreenRequest,
} from '@/src/protocol/offscreen';

/**
 * A fake of Chrome's offscreen API whose "document" answers over a port as
 * src/offscreen/blob-urls.ts does, and records what happened.
 */
function fakeChrome(options: { staleDocument?: boolean } = {}) {
  const log: string[] = [];
  let exists = options.staleDocument ?? false;
  let connect: (port: Runtime.Port) => void = () => undefined;
  const received: OffscreenRequest[] = [];
  const api: OffscreenApi = {
    async hasDocument() {
      return exists;
    },
    async closeDocument() {
      log.push('close');
      exists = false;
    },
    async createDocument() {
      log.push('create');
      exists = true;
      // The document connects once it has loaded.
      setTimeout(() => connect(documentPort()), 0);
    },
  };
  function documentPort(): Runtime.Port {
    const onMessage: ((m: unknown) => void)[] = [];
    const onDisconnect: (() => void)[] = [];
    const port = {
      name: 'coffer-offscreen',
      postMessage(message: OffscreenRequest) {
        received.push(message);
        if (message.op === 'blob') {
          const reply: OffscreenReply = { op: 'blob', id: message.id, url: `blob:${message.id}` };
          setTimeout(() => onMessage.forEach((l) => l(reply)), 0);
        }
      },
      disconnect() {
        log.push('disconnect');
        onDisconnect.forEach((l) => l());
      },
      onMessage: { addListener: (l: (m: unknown) => void) => onMessage.push(l) },
      onDisconnect: { addListener: (l: () => void) => onDisconnect.push(l) },
    };
    return port as unknown as Runtime.Port;
  }
  return {
    api,
    log,
    received,
    documentPort,
    wire(document: { connect(port: Runtime.Port): void }) {
      connect = (port) => document.connect(port);
    },
  };
}

const text = (value: string) => ({ kind: 'text' as const, text: value });

describe('the offscreen document', () => {
  it('is created for a blob, sent the text in pieces, and closed when the download is over', async () => {
    const chrome = fakeChrome();
    const document = createOffscreenDocument(chrome.api);
    chrome.wire(document);
    const blobs = createOffscreenBlobMaker(document);
    const blob = await blobs.make(text('{"items":[]}'), 'application/json');
    expect(blob.url).toBe('blob:1');
    expect(chrome.received.map((r) => r.op)).toEqual(['chunk', 'blob']);
    blob.release();
    await vi.waitFor(() => expect(chrome.log).toEqual(['create', 'close']));
    expect(chrome.received.map((r) => r.op)).toEqual(['chunk', 'blob', 'revoke']);
  });

  it('stays open while another download still uses it', async () => {
    const chrome = fakeChrome();
    const document = createOffscreenDocument(chrome.api);
    chrome.wire(document);
    const blobs = createOffscreenBlobMaker(document);
    const [first, second] = await Promise.all([
      blobs.make(text('a'), 'text/csv'),
      blobs.make(text('b'), 'text/csv'),
    ]);
    first.release();
    // Creating and closing are queued one after the other, so a document closed by that release
    // would have to be created again for this blob: once it is made, either would be logged.
    const third = await blobs.make(text('c'), 'text/csv');
    expect(chrome.log).toEqual(['create']);
    third.release();
    second.release();
    await vi.waitFor(() => expect(chrome.log).toEqual(['create', 'close']));
  });

  it('replaces a document left behind by a stopped worker instead of waiting on it', async () => {
    const chrome = fakeChrome({ staleDocument: true });
    const document = createOffscreenDocument(chrome.api);
    chrome.wire(document);
    const blob = await createOffscreenBlobMaker(document).make(text('x'), 'text/plain');
    expect(blob.url).toBe('blob:1');
    expect(chrome.log).toEqual(['close', 'create']);
  });

  it('turns away a document that connects when nobody asked for one', () => {
    const chrome = fakeChrome();
    const document = createOffscreenDocument(chrome.api);
    document.connect(chrome.documentPort());
    expect(chrome.log).toEqual(['disconnect']);
  });
});

describe('a binary file sent to the offscreen document', () => {
  it('travels as base64 pieces that decode to its bytes, in order', async () => {
    const chrome = fakeChrome();
    const document = createOffscreenDocument(chrome.api);
    chrome.wire(document);
    const bytes = new Uint8Array(OFFSCREEN_CHUNK_BYTES + 5).map((_, i) => i % 251);
    const blob = await createOffscreenBlobMaker(document).make(
      { kind: 'bytes', bytes },
      'application/octet-stream',
    );
    expect(blob.url).toBe('blob:1');
    const pieces = chrome.received.filter((r) => r.op === 'chunk-bytes');
    expect(pieces).toHaveLength(2);
    // Compared as one buffer: an element-by-element diff of 6 MiB takes vitest about a minute.
    const received = concatBytes(...pieces.map((p) => fromBase64(p.base64)));
    expect(Buffer.compare(received, bytes)).toBe(0);
    expect(chrome.received.at(-1)?.op).toBe('blob');
  });
});

describe('a file written in pieces (a zip of attachments)', () => {
  it('sends each piece as it is written, before the file is finished', async () => {
    const chrome = fakeChrome();
    const document = createOffscreenDocument(chrome.api);
    chrome.wire(document);
    const draft = await createOffscreenBlobMaker(document).begin();
    draft.append(new Uint8Array([1, 2, 3]));
    expect(chrome.received.map((r) => r.op)).toEqual(['chunk-bytes']);
    draft.append(new Uint8Array([4]));
    const blob = await draft.finish('application/zip');
    expect(blob.url).toBe('blob:1');
    const pieces = chrome.received.filter((r) => r.op === 'chunk-bytes');
    expect([...concatBytes(...pieces.map((p) => fromBase64(p.base64)))]).toEqual([1, 2, 3, 4]);
    blob.release();
    await vi.waitFor(() => expect(chrome.log).toEqual(['create', 'close']));
  });

  it('sends text as text, in pieces that never split a surrogate pair', async () => {
    const chrome = fakeChrome();
    const document = createOffscreenDocument(chrome.api);
    chrome.wire(document);
    const draft = await createOffscreenBlobMaker(document).begin();
    // The emoji's two halves sit across the first cut.
    const text = `${'a'.repeat(OFFSCREEN_CHUNK_CHARS - 1)}😀${'b'.repeat(10)}`;
    draft.append(text);
    draft.append('{"end": true}');
    await draft.finish('application/json');
    const pieces = chrome.received.filter((r) => r.op === 'chunk');
    expect(pieces.map((p) => p.text.length)).toEqual([OFFSCREEN_CHUNK_CHARS - 1, 12, 13]);
    expect(pieces.map((p) => p.text).join('')).toBe(`${text}{"end": true}`);
    expect(chrome.received.some((r) => r.op === 'chunk-bytes')).toBe(false);
  });

  it('is dropped by the document when given up, and the document closes', async () => {
    const chrome = fakeChrome();
    const document = createOffscreenDocument(chrome.api);
    chrome.wire(document);
    const draft = await createOffscreenBlobMaker(document).begin();
    draft.append(new Uint8Array([9]));
    draft.discard();
    draft.discard();
    expect(chrome.received.map((r) => r.op)).toEqual(['chunk-bytes', 'revoke']);
    await vi.waitFor(() => expect(chrome.log).toEqual(['create', 'close']));
  });
});
