/**
 * Saving a file through `browser.downloads` so that success is only ever reported for a file
 * that is on disk: the result comes from `downloads.onChanged` saying "complete", with the name
 * the browser really used, and an interrupted download is an error (no "export successful" with
 * nothing saved). The file travels as a blob: URL, never as a data: URL (browsers keep a
 * download's URL in their history): Firefox's background page makes it itself, Chrome's service
 * worker has an offscreen document make it (offscreen-blobs.ts). Once the download has ended,
 * its entry is erased from the browser's download history, so not even the blob: URL and the
 * file's name stay there; the file itself stays on disk.
 */
import { browser } from 'wxt/browser';
import type { Downloads } from 'webextension-polyfill';
import { CofferError } from '@/src/errors/coffer-error';
import { contentByteLength, type FileContent } from '@/src/formats/file-content';
import { blobStorageReady } from './blob-storage';
import { blobParts } from './blob-parts';
import type { BlobDraft, BlobMaker, BlobUrl } from './offscreen-blobs';

/**
 * A file written a piece at a time (a zip of attachments) and saved once complete: its pieces
 * become a blob as they come (in Chrome, in the offscreen document), so the background never
 * holds the whole file. One that is not saved must be discarded.
 */
export interface FileDraft {
  /** Bytes, or text (written as UTF-8); read after this returns, so it must not change. */
  write(piece: Uint8Array | string): void;
  /** How many bytes were written so far. */
  readonly bytes: number;
  discard(): void;
}

export interface FileToSave {
  fileName: string;
  mimeType: string;
  /** Text or bytes (text is written as UTF-8), or a draft written piece by piece. */
  content: FileContent | { kind: 'draft'; draft: FileDraft };
  /** A subfolder of the downloads folder, e.g. "Coffer" for automatic backups. */
  folder?: string;
}

export interface SavedFile {
  /** The file's name as the browser saved it (it may add " (1)" to avoid overwriting). */
  fileName: string;
  bytes: number;
}

export interface Downloader {
  save(file: FileToSave): Promise<SavedFile>;
  /** A file to write in pieces, then `save` (or discard). */
  startFile(): Promise<FileDraft>;
  /**
   * Gets ready to save while the file is still being made (Chrome's offscreen document, about
   * 90 ms to open, opens during the KDF instead of after it). Resolves to its release, which the
   * caller calls once the file is saved or given up; never rejects (saving meets the failure).
   */
  prepare(): Promise<() => void>;
}

/** A download still in progress after this long is reported as failed (a stuck "Save as"). */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/** The drafts this module made, with the blob each becomes. */
const DRAFT_BLOBS = new WeakMap<FileDraft, (mimeType: string) => Promise<BlobUrl>>();

export function createBrowserDownloader(blobMaker?: BlobMaker): Downloader {
  return {
    async prepare() {
      if (typeof URL.createObjectURL === 'function' || !blobMaker) return () => undefined;
      return blobMaker.hold().catch(() => () => undefined);
    },

    async startFile() {
      const blob = await startBlob(blobMaker);
      let bytes = 0;
      const draft: FileDraft = {
        write(piece) {
          bytes += blob.append(piece);
        },
        get bytes() {
          return bytes;
        },
        discard: () => blob.discard(),
      };
      DRAFT_BLOBS.set(draft, (mimeType) => blob.finish(mimeType));
      return draft;
    },

    async save(file) {
      const { content } = file;
      const bytes = content.kind === 'draft' ? content.draft.bytes : contentByteLength(content);
      const { url, release } = await downloadUrl(file, blobMaker);
      const tracker = trackDownloads();
      try {
        let id: number;
        try {
          id = await browser.downloads.download({
            url,
            filename: file.folder ? `${file.folder}/${file.fileName}` : file.fileName,
            saveAs: false,
            conflictAction: 'uniquify',
          });
        } catch (cause) {
          throw new CofferError('errDownloadRefused', {
            args: [describe(cause)],
            cause,
          });
        }
        try {
          const item = await tracker.finished(id);
          return { fileName: baseName(item.filename), bytes };
        } finally {
          await eraseFromHistory(id);
        }
      } finally {
        tracker.stop();
        release();
      }
    },
  };
}

async function downloadUrl(file: FileToSave, blobMaker: BlobMaker | undefined): Promise<BlobUrl> {
  const { content } = file;
  if (content.kind === 'draft') {
    const finish = DRAFT_BLOBS.get(content.draft);
    if (!finish) throw new CofferError('errDownloadNoBlobUrl');
    return finish(file.mimeType);
  }
  if (typeof URL.createObjectURL === 'function') {
    const url = URL.createObjectURL(new Blob([blobPart(content)], { type: file.mimeType }));
    return { url, release: () => URL.revokeObjectURL(url) };
  }
  if (blobMaker) return blobMaker.make(content, file.mimeType);
  throw new CofferError('errDownloadNoBlobUrl');
}

/**
 * Where a draft's pieces go: Firefox's background page makes blobs itself (each piece a blob of
 * its own, which the browser may keep out of the page's heap); Chrome's worker sends them to
 * the offscreen document.
 */
async function startBlob(blobMaker: BlobMaker | undefined): Promise<BlobDraft> {
  // A draft can grow past what Chromium keeps before it has settled its limits.
  await blobStorageReady();
  if (typeof URL.createObjectURL === 'function') {
    const parts = blobParts();
    return {
      append: (piece) => parts.append(piece),
      async finish(mimeType) {
        const url = URL.createObjectURL(await parts.whole(mimeType));
        return { url, release: () => URL.revokeObjectURL(url) };
      },
      discard: () => parts.clear(),
    };
  }
  if (blobMaker) return blobMaker.begin();
  throw new CofferError('errDownloadNoBlobUrl');
}

function blobPart(content: FileContent): BlobPart {
  // A Blob copies its parts; the cast only narrows the buffer type TypeScript cannot see.
  return content.kind === 'text' ? content.text : (content.bytes as Uint8Array<ArrayBuffer>);
}

/**
 * Forgets the download in the browser's history (the file stays on disk). A download still in
 * progress (a stuck "Save as" that timed out) is cancelled first, since only ended downloads can
 * be erased.
 */
async function eraseFromHistory(id: number): Promise<void> {
  try {
    const [item] = await browser.downloads.search({ id });
    if (item?.state === 'in_progress') await browser.downloads.cancel(id);
    await browser.downloads.erase({ id });
  } catch {
    // The entry is already gone (a person cleared the list meanwhile).
  }
}

/**
 * Listens before the download starts, so a download that finishes before `download()` returns
 * its id is not missed; then waits for that id to complete or be interrupted.
 */
function trackDownloads() {
  const finalStates = new Map<number, string>();
  let waiter: { id: number; settle(): void } | null = null;
  const listener = (delta: Downloads.OnChangedDownloadDeltaType) => {
    const state = delta.state?.current;
    if (state === 'complete' || state === 'interrupted') {
      finalStates.set(delta.id, state);
      if (waiter?.id === delta.id) waiter.settle();
    }
  };
  browser.downloads.onChanged.addListener(listener);

  return {
    async finished(id: number): Promise<Downloads.DownloadItem> {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new CofferError('errDownloadUnfinished')),
          DOWNLOAD_TIMEOUT_MS,
        );
        const settle = () => {
          clearTimeout(timer);
          resolve();
        };
        waiter = { id, settle };
        if (finalStates.has(id)) settle();
        // Covers a state change that happened before the listener existed.
        void browser.downloads.search({ id }).then(([item]) => {
          if (item && item.state !== 'in_progress') settle();
        });
      });
      const [item] = await browser.downloads.search({ id });
      if (!item || item.state !== 'complete') {
        throw item?.error
          ? new CofferError('errDownloadInterruptedBecause', {
              args: [item.error],
            })
          : new CofferError('errDownloadInterrupted');
      }
      return item;
    },
    stop() {
      browser.downloads.onChanged.removeListener(listener);
    },
  };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
