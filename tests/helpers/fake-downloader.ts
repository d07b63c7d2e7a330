/** Keeps "downloaded" files in memory for handler tests (the real downloader is tested in e2e). */
import type { Downloader, FileToSave, SavedFile } from '@/src/background/downloads';

export interface FakeDownloader extends Downloader {
  files: FileToSave[];
  /** Makes the next save fail like an interrupted download. */
  failNext?: Error;
}

export function createFakeDownloader(): FakeDownloader {
  const downloader: FakeDownloader = {
    files: [],
    async save(file): Promise<SavedFile> {
      if (downloader.failNext) {
        const error = downloader.failNext;
        downloader.failNext = undefined;
        throw error;
      }
      downloader.files.push(file);
      return { fileName: file.fileName, bytes: new TextEncoder().encode(file.text).length };
    },
  };
  return downloader;
}
