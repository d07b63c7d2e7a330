/** Keeps "downloaded" files in memory for handler tests (the real downloader is tested in e2e). */
import type { Downloader, FileToSave, SavedFile } from '@/src/background/downloads';
import { contentByteLength } from '@/src/formats/file-content';

/** A saved file, with its content as text for the tests that read it. */
type FakeFile = FileToSave & { text: string };

export interface FakeDownloader extends Downloader {
  files: FakeFile[];
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
      const { content } = file;
      const text = content.kind === 'text' ? content.text : new TextDecoder().decode(content.bytes);
      downloader.files.push({ ...file, text });
      return { fileName: file.fileName, bytes: contentByteLength(content) };
    },
  };
  return downloader;
}
