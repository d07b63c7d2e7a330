/** Keeps "downloaded" files in memory for handler tests (the real downloader is tested in e2e). */
import type { Downloader, FileDraft, FileToSave, SavedFile } from '@/src/background/downloads';
import { concatBytes, utf8 } from '@/src/crypto/bytes';
import { contentByteLength, type FileContent } from '@/src/formats/file-content';

/** A saved file (a draft's pieces joined into bytes), with its content as text too. */
type FakeFile = Omit<FileToSave, 'content'> & { content: FileContent; text: string };

export interface FakeDownloader extends Downloader {
  files: FakeFile[];
  /** Drafts started and not yet saved or discarded. */
  openDrafts: number;
  /** Makes the next save fail like an interrupted download. */
  failNext?: Error;
}

export function createFakeDownloader(): FakeDownloader {
  const downloader: FakeDownloader = {
    files: [],
    openDrafts: 0,
    prepare: async () => () => undefined,
    async startFile() {
      const pieces: Uint8Array[] = [];
      let ended = false;
      downloader.openDrafts++;
      const end = () => {
        if (!ended) downloader.openDrafts--;
        ended = true;
      };
      const draft: FileDraft & { take(): Uint8Array } = {
        write: (piece) => void pieces.push(typeof piece === 'string' ? utf8(piece) : piece.slice()),
        get bytes() {
          return pieces.reduce((sum, p) => sum + p.length, 0);
        },
        discard: end,
        take() {
          end();
          return concatBytes(...pieces);
        },
      };
      return draft;
    },
    async save(file): Promise<SavedFile> {
      const content: FileContent =
        file.content.kind === 'draft'
          ? {
              kind: 'bytes',
              bytes: (file.content.draft as FileDraft & { take(): Uint8Array }).take(),
            }
          : file.content;
      if (downloader.failNext) {
        const error = downloader.failNext;
        downloader.failNext = undefined;
        throw error;
      }
      const text = content.kind === 'text' ? content.text : new TextDecoder().decode(content.bytes);
      downloader.files.push({ ...file, content, text });
      return { fileName: file.fileName, bytes: contentByteLength(content) };
    },
  };
  return downloader;
}
