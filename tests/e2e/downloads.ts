/**
 * Reads files the extension downloaded, under the names Chromium saved them with. A download
 * is finished when its file exists and no partial ".crdownload" file is left beside it.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface DownloadedFile {
  name: string;
  path: string;
  text: string;
}

export function listDownloads(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => !name.endsWith('.crdownload'));
}

export async function waitForDownload(
  dir: string,
  namePattern: RegExp,
  { timeoutMs = 30_000, ignore = [] as string[] } = {},
): Promise<DownloadedFile> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const all = fs.readdirSync(dir);
    const pending = all.some((name) => name.endsWith('.crdownload'));
    const match = all.find((name) => namePattern.test(name) && !ignore.includes(name));
    if (match && !pending) {
      const filePath = path.join(dir, match);
      return { name: match, path: filePath, text: fs.readFileSync(filePath, 'utf8') };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `No download matching ${namePattern} in ${dir}; found: ${fs.readdirSync(dir).join(', ') || 'nothing'}`,
  );
}
