/**
 * Reads files the extension downloaded, under the names the browser saved them with. A download
 * is finished when its file exists, is not empty and no partial file is left beside it: Chromium
 * writes "<name>.crdownload" and renames it; Firefox first creates "<name>" empty as a placeholder,
 * writes "<name>.part" and then moves it over the placeholder. No file Coffer saves is empty.
 */
import fs from 'node:fs';
import path from 'node:path';
import { escapeRegExp } from './popup-driver';

export interface DownloadedFile {
  name: string;
  path: string;
  text: string;
}

function isPartial(name: string): boolean {
  return name.endsWith('.crdownload') || name.endsWith('.part');
}

/** A file's size, 0 while it is not there (renamed between the listing and this look). */
function sizeOf(filePath: string): number {
  try {
    return fs.statSync(filePath).size;
  } catch {
    return 0;
  }
}

export function listDownloads(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => !isPartial(name));
}

export async function waitForDownload(
  dir: string,
  namePattern: RegExp,
  {
    timeoutMs = 30_000,
    ignore = [] as string[],
    /** False for files too large to hold as text (a benchmark's 1 GiB archive): text is ''. */
    readText = true,
  } = {},
): Promise<DownloadedFile> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const all = fs.readdirSync(dir);
    const pending = all.some(isPartial);
    const match = all.find((name) => namePattern.test(name) && !ignore.includes(name));
    if (match !== undefined && !pending) {
      const filePath = path.join(dir, match);
      if (sizeOf(filePath) > 0) {
        return {
          name: match,
          path: filePath,
          text: readText ? fs.readFileSync(filePath, 'utf8') : '',
        };
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `No download matching ${namePattern} in ${dir}; found: ${fs.readdirSync(dir).join(', ') || 'nothing'}`,
  );
}

/**
 * The file name in "Saved <name> (<n> items)." (a name the browser made unique has a "(1)"), which
 * a backup with attachments follows with how many it holds.
 */
export function savedFileName(status: string): string {
  const match = /^Saved (.+?) \(\d+ items?\)\.(?: Attachments in the file: \d+\.)?$/.exec(
    status.trim(),
  );
  if (!match) throw new Error(`Not a "Saved" message: ${status}`);
  return match[1]!;
}

/**
 * Coffer's export names (formats.md), allowing the " (1)" or "(1)" a browser adds when a file of
 * that name exists (two exports in the same second).
 */
export function exportName(
  prefix: 'coffer_export' | 'coffer_encrypted_export',
  extension: 'json' | 'csv' | 'zip' | 'coffer' | 'kdbx',
): RegExp {
  return new RegExp(`^${prefix}_\\d{14}( ?\\(\\d+\\))?\\.${extension}$`);
}

/** A pattern matching exactly this file name. */
export function exactly(name: string): RegExp {
  return new RegExp(`^${escapeRegExp(name)}$`);
}
