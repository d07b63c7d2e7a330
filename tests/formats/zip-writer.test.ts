/**
 * The streaming ZIP writer: what it writes is a sound archive by fflate's reader, Coffer's own zip
 * guard and the system's unzip; each chunk reaches the sink as soon as it is made, one at a time;
 * and a failing sink or an archive past what a ZIP without zip64 holds stops it with an error.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { concatBytes } from '@/src/crypto/bytes';
import { startZipWriter, type ZipSink } from '@/src/formats/zip-writer';
import { readZipDirectory, readZipEntry } from '@/src/formats/zip-guard';

/** A sink that keeps what it is given, as a download built from pieces would. */
function collecting() {
  const chunks: Uint8Array[] = [];
  const sink: ZipSink = async (chunk) => {
    chunks.push(chunk.slice());
  };
  return { sink, chunks, bytes: () => concatBytes(...chunks) };
}

/** Byte arrays compared at once (toEqual walks a large array element by element, slowly). */
function same(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.from(a).equals(Buffer.from(b));
}

/** Bytes that do not compress, like a photo or a PDF. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 48_271) % 2_147_483_647;
    out[i] = x & 0xff;
  }
  return out;
}

const JSON_PIECES = ['{\n  "encrypted": false,\n  "folders": [],\n', '  "items": []\n}'];
const ITEM = 'ee263103-4ebc-4da5-94fb-12b733c4ae91';
const ATTACHMENTS = {
  [`attachments/${ITEM}/photo.jpg`]: noise(300_000, 1),
  [`attachments/${ITEM}/a3/photo.jpg`]: noise(1000, 2),
  [`attachments/${ITEM}/empty.txt`]: new Uint8Array(0),
  [`attachments/${ITEM}/Ünïcode – naïve 🔑.txt`]: new TextEncoder().encode('hello'),
};
const MTIME = new Date(2026, 0, 2, 3, 4, 6);

async function writeSample(sink: ZipSink): Promise<void> {
  const zip = startZipWriter(sink, { mtime: MTIME });
  const data = zip.startEntry('data.json', { compress: true });
  for (const piece of JSON_PIECES) await data.write(piece);
  await data.end();
  for (const [name, bytes] of Object.entries(ATTACHMENTS)) await zip.addEntry(name, bytes);
  await zip.end();
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** The archive tested by the system's unzip, or Python's zipfile where there is none. */
function systemTest(bytes: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-zip-'));
  tempDirs.push(dir);
  const file = path.join(dir, 'export.zip');
  fs.writeFileSync(file, bytes);
  return hasUnzip()
    ? execFileSync('unzip', ['-t', file], { encoding: 'utf8' })
    : execFileSync('python3', ['-m', 'zipfile', '-t', file], { encoding: 'utf8' });
}

function hasUnzip(): boolean {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('startZipWriter', () => {
  it('writes an archive that fflate, the zip guard and the system unzip read back whole', async () => {
    const out = collecting();
    await writeSample(out.sink);
    const zip = out.bytes();

    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(['data.json', ...Object.keys(ATTACHMENTS)]);
    expect(strFromU8(files['data.json']!)).toBe(JSON_PIECES.join(''));
    for (const [name, bytes] of Object.entries(ATTACHMENTS))
      expect(same(files[name], bytes)).toBe(true);

    // The guard checks every size and CRC-32 against the directory.
    const entries = readZipDirectory(zip);
    expect(entries.map((e) => [e.name, e.method])).toEqual([
      ['data.json', 8],
      ...Object.keys(ATTACHMENTS).map((name) => [name, 0]),
    ]);
    entries.forEach((entry) =>
      expect(readZipEntry(zip, entry).length).toBe(entry.uncompressedSize),
    );

    const report = systemTest(zip);
    expect(report).toMatch(/No errors detected|Done testing/);
    expect(report).not.toMatch(/bad CRC|corrupted|error:/i);
  });

  it('writes the same bytes for the same entries and time', async () => {
    const first = collecting();
    const second = collecting();
    await writeSample(first.sink);
    await writeSample(second.sink);
    expect(same(second.bytes(), first.bytes())).toBe(true);
  });

  it('hands each chunk to the sink as it is made, one at a time, never the whole archive', async () => {
    const attachment = noise(6 * 1024 * 1024, 3);
    const pieces = Array.from(
      { length: 200 },
      (_, i) => `{"n":${i},"text":"${'x'.repeat(9000)}"},`,
    );
    let received = 0;
    let largest = 0;
    let inFlight = 0;
    let overlapped = false;
    const sink: ZipSink = async (chunk) => {
      if (inFlight++ > 0) overlapped = true;
      received += chunk.length;
      largest = Math.max(largest, chunk.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
      inFlight--;
    };
    const zip = startZipWriter(sink, { mtime: MTIME });

    const data = zip.startEntry('data.json', { compress: true });
    for (const piece of pieces) await data.write(piece);
    const beforeJsonEnd = received;
    await data.end();
    const afterJson = received;
    await zip.addEntry(`attachments/${ITEM}/big.bin`, attachment);
    const afterAttachment = received;
    await zip.end();

    expect(beforeJsonEnd).toBeGreaterThan(0);
    expect(afterJson).toBeGreaterThan(beforeJsonEnd);
    expect(afterAttachment - afterJson).toBeGreaterThanOrEqual(attachment.length);
    expect(received - afterAttachment).toBeLessThan(1000); // the directory alone
    expect(largest).toBeLessThanOrEqual(1024 * 1024 + 100);
    expect(overlapped).toBe(false);
  });

  it("stops at the sink's failure, and refuses everything after it", async () => {
    const failure = new Error('disk full');
    let calls = 0;
    const zip = startZipWriter(async () => {
      if (++calls === 2) throw failure;
    });
    await expect(zip.addEntry('a.bin', noise(3 * 1024 * 1024, 4))).rejects.toBe(failure);
    expect(calls).toBe(2);
    await expect(zip.end()).rejects.toBe(failure);
    expect(() => zip.startEntry('b.bin', { compress: false })).toThrow(failure);
    expect(calls).toBe(2);
  });

  it('refuses an archive past its size limit before a byte beyond it reaches the sink', async () => {
    const out = collecting();
    const zip = startZipWriter(out.sink, { maxArchiveBytes: 5000 });
    await zip.addEntry('small.bin', noise(1000, 5));
    await expect(zip.addEntry('big.bin', noise(8000, 6))).rejects.toMatchObject({
      code: 'ERR_FILE_TOO_LARGE',
      key: 'errZipWriteTooLarge',
      args: [65_535],
    });
    expect(out.bytes().length).toBeLessThanOrEqual(5000);
  });

  it('refuses a second entry while the first is open, and entries after the end', async () => {
    const zip = startZipWriter(collecting().sink);
    const first = zip.startEntry('data.json', { compress: true });
    expect(() => zip.startEntry('other', { compress: false })).toThrow(
      expect.objectContaining({ code: 'ERR_INTERNAL' }),
    );
    await expect(zip.end()).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
    await first.end();
    await expect(first.write('late')).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
    await zip.end();
    expect(() => zip.startEntry('after', { compress: false })).toThrow(
      expect.objectContaining({ code: 'ERR_INTERNAL' }),
    );
  });
});
