import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createOffscreenBlobMaker, serviceWorkerCourier } from '@/src/background/offscreen-blobs';
import { isMacWorkerDelivery } from '@/src/protocol/mac-worker';
import { createOffscreenDocument, type OffscreenApi } from '@/src/background/offscreen-document';
import { createBlobUrls, isBlobDelivery } from '@/src/offscreen/blob-urls';
import type {
  OffscreenBlobDelivery,
  OffscreenReply,
  OffscreenRequest,
} from '@/src/protocol/offscreen';

/**
 * A fake of Chrome's offscreen API whose "document" takes files from the worker as
 * src/offscreen/blob-urls.ts does (a Blob posted to it as a client, its URL answered over the
 * port), and records what happened.
 */
function fakeChrome(options: { staleDocument?: boolean } = {}) {
  const log: string[] = [];
  let exists = options.staleDocument ?? false;
  let connect: (port: Runtime.Port) => void = () => undefined;
  const received: OffscreenRequest[] = [];
  const delivered: OffscreenBlobDelivery[] = [];
  let answer: (reply: OffscreenReply) => void = () => undefined;
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
    answer = (reply) => setTimeout(() => onMessage.forEach((l) => l(reply)), 0);
    const port = {
      name: 'coffer-offscreen',
      postMessage(message: OffscreenRequest) {
        received.push(message);
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
  /** The worker's way to the document: the Blob arrives, its URL goes back over the port. */
  async function courier(delivery: OffscreenBlobDelivery): Promise<void> {
    delivered.push(delivery);
    answer({ op: 'blob', id: delivery.id, url: `blob:${delivery.id}` });
  }
  return {
    api,
    log,
    received,
    delivered,
    courier,
    documentPort,
    wire(document: { connect(port: Runtime.Port): void }) {
      connect = (port) => document.connect(port);
    },
  };
}

function blobMaker(chrome: ReturnType<typeof fakeChrome>) {
  const document = createOffscreenDocument(chrome.api);
  chrome.wire(document);
  return createOffscreenBlobMaker(document, chrome.courier);
}

const text = (value: string) => ({ kind: 'text' as const, text: value });

describe('the offscreen document', () => {
  it('is created for a blob, handed the file as one Blob, and closed when the download is over', async () => {
    const chrome = fakeChrome();
    const blob = await blobMaker(chrome).make(text('{"items":[]}'), 'application/json');
    expect(blob.url).toBe('blob:1');
    expect(chrome.delivered).toHaveLength(1);
    expect(chrome.delivered[0]!.blob.type).toBe('application/json');
    expect(await chrome.delivered[0]!.blob.text()).toBe('{"items":[]}');
    // The file itself never goes over the port (JSON, parsed again in the document's heap).
    expect(chrome.received).toEqual([]);
    blob.release();
    await vi.waitFor(() => expect(chrome.log).toEqual(['create', 'close']));
    expect(chrome.received).toEqual([{ op: 'revoke', id: 1 }]);
  });

  it('stays open while another download still uses it', async () => {
    const chrome = fakeChrome();
    const blobs = blobMaker(chrome);
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
    const blob = await blobMaker(chrome).make(text('x'), 'text/plain');
    expect(blob.url).toBe('blob:1');
    expect(chrome.log).toEqual(['close', 'create']);
  });

  it('turns away a document that connects when nobody asked for one', () => {
    const chrome = fakeChrome();
    const document = createOffscreenDocument(chrome.api);
    document.connect(chrome.documentPort());
    expect(chrome.log).toEqual(['disconnect']);
  });

  it('gives up the blob, and closes, when the file cannot reach the document', async () => {
    const chrome = fakeChrome();
    const document = createOffscreenDocument(chrome.api);
    chrome.wire(document);
    const blobs = createOffscreenBlobMaker(document, () => Promise.reject(new Error('gone')));
    await expect(blobs.make(text('x'), 'text/plain')).rejects.toThrow('gone');
    await vi.waitFor(() => expect(chrome.log).toEqual(['create', 'close']));
    expect(chrome.received).toEqual([{ op: 'revoke', id: 1 }]);
  });
});

describe('a file written in pieces', () => {
  it('becomes one Blob of its pieces in order, bytes and text alike, sent only once finished', async () => {
    const chrome = fakeChrome();
    const draft = await blobMaker(chrome).begin();
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
    draft.append(bytes);
    // Text becomes UTF-8, a character outside the BMP included.
    draft.append('{"name": "😀 é"}');
    draft.append(new Uint8Array([4]));
    expect(chrome.delivered).toEqual([]);
    const blob = await draft.finish('application/zip');
    expect(blob.url).toBe('blob:1');
    const made = new Uint8Array(await chrome.delivered[0]!.blob.arrayBuffer());
    const expected = new Uint8Array([...bytes, ...new TextEncoder().encode('{"name": "😀 é"}'), 4]);
    expect(Buffer.compare(made, expected)).toBe(0);
    blob.release();
    await vi.waitFor(() => expect(chrome.log).toEqual(['create', 'close']));
  });

  it('is dropped when given up, and the document closes', async () => {
    const chrome = fakeChrome();
    const draft = await blobMaker(chrome).begin();
    draft.append(new Uint8Array([9]));
    draft.discard();
    draft.discard();
    expect(chrome.delivered).toEqual([]);
    await vi.waitFor(() => expect(chrome.log).toEqual(['create', 'close']));
    expect(chrome.received.map((r) => r.op)).toEqual(['revoke']);
  });

  it('is written while the document is still opening: only its URL waits for it', async () => {
    const chrome = fakeChrome();
    const document = createOffscreenDocument(chrome.api);
    let connect: () => void = () => undefined;
    // The document loads only when the test says so.
    document.connect = ((real) => (port: Runtime.Port) => {
      connect = () => real(port);
    })(document.connect.bind(document));
    chrome.wire(document);
    const draft = await createOffscreenBlobMaker(document, chrome.courier).begin();
    draft.append('made before the document opened');
    const finished = draft.finish('text/plain');
    await vi.waitFor(() => expect(chrome.log).toEqual(['create']));
    expect(chrome.delivered).toEqual([]);
    connect();
    const blob = await finished;
    expect(blob.url).toBe('blob:1');
    expect(await chrome.delivered[0]!.blob.text()).toBe('made before the document opened');
  });
});

describe('the worker’s courier', () => {
  it('posts the Blob to the offscreen document among the clients, and only to it', async () => {
    const posted: string[] = [];
    const client = (url: string) => ({ url, postMessage: () => void posted.push(url) });
    const clients = {
      matchAll: async () => [
        client('chrome-extension://x/popup.html'),
        client('chrome-extension://x/offscreen.html'),
      ],
    };
    const courier = serviceWorkerCourier(clients, 'chrome-extension://x/offscreen.html');
    await courier({ op: 'blob', id: 1, blob: new Blob(['a']) });
    expect(posted).toEqual(['chrome-extension://x/offscreen.html']);
    const none = serviceWorkerCourier(
      { matchAll: async () => [] },
      'chrome-extension://x/offscreen.html',
    );
    await expect(none({ op: 'blob', id: 2, blob: new Blob(['a']) })).rejects.toThrow();
  });

  it('moves a MAC Worker’s port to the document, which alone can tell it is one', async () => {
    const sent: { message: unknown; transfer?: Transferable[] }[] = [];
    const courier = serviceWorkerCourier(
      {
        matchAll: async () => [
          {
            url: 'chrome-extension://x/offscreen.html',
            postMessage: (message: unknown, transfer?: Transferable[]) =>
              void sent.push({ message, transfer }),
          },
        ],
      },
      'chrome-extension://x/offscreen.html',
    );
    const { port1, port2 } = new MessageChannel();
    await courier({ op: 'mac-worker', id: 4, port: port2 }, [port2]);
    expect(sent).toEqual([
      { message: { op: 'mac-worker', id: 4, port: port2 }, transfer: [port2] },
    ]);
    expect(isMacWorkerDelivery(sent[0]!.message)).toBe(true);
    expect(isMacWorkerDelivery({ op: 'mac-worker', id: 4, port: {} })).toBe(false);
    expect(isBlobDelivery(sent[0]!.message)).toBe(false);
    port1.close();
  });
});

describe('the document’s blob URLs', () => {
  it('make a URL of a delivered Blob, answer it over the port, and revoke it when told', async () => {
    const replies: unknown[] = [];
    const urls = createBlobUrls({
      postMessage: (m: unknown) => replies.push(m),
    } as unknown as Runtime.Port);
    const blob = new Blob(['file'], { type: 'text/plain' });
    expect(isBlobDelivery({ op: 'blob', id: 3, blob })).toBe(true);
    expect(isBlobDelivery({ op: 'blob', id: 3, blob: 'file' })).toBe(false);
    expect(isBlobDelivery({ op: 'revoke', id: 3 })).toBe(false);
    expect(isBlobDelivery(null)).toBe(false);
    urls.deliver({ op: 'blob', id: 3, blob });
    const url = (replies[0] as { url: string }).url;
    expect(replies[0]).toMatchObject({ op: 'blob', id: 3 });
    expect(await (await fetch(url)).text()).toBe('file');
    urls.revoke({ op: 'revoke', id: 3 });
    await expect(fetch(url)).rejects.toThrow();
  });
});
