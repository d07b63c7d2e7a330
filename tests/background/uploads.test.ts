/**
 * The upload staging area on its own: its size limit is its factory's, so whatever else needs a
 * large file from the popup can use it with a limit and words of its own.
 */
import { describe, expect, it } from 'vitest';
import { toBase64 } from '@/src/crypto/bytes';
import { CofferError } from '@/src/errors/coffer-error';
import { createUploads } from '@/src/background/uploads';

function uploads(
  maxBytes: number,
  clock = { now: 0 },
  more: Partial<Parameters<typeof createUploads>[0]> = {},
) {
  let n = 0;
  return createUploads({
    maxBytes,
    tooLarge: (max) => new CofferError('errFileTooLargeToImport', { args: [max] }),
    now: () => clock.now,
    newId: () => `upload-${++n}`,
    ...more,
  });
}

/** The bytes of a completed upload, which the staging area keeps as a Blob. */
async function bytesOf(file: Blob): Promise<Uint8Array> {
  expect(file).toBeInstanceOf(Blob);
  return new Uint8Array(await file.arrayBuffer());
}

describe('uploads', () => {
  it('refuse a file over the limit they were made with, in the words they were given', async () => {
    const staging = uploads(10);
    expect(() => staging.begin(11)).toThrow(
      expect.objectContaining({ key: 'errFileTooLargeToImport', args: [10] }),
    );
    const id = staging.begin(10);
    staging.append(id, 0, toBase64(new Uint8Array([1, 2, 3, 4])));
    staging.append(id, 4, toBase64(new Uint8Array([5, 6, 7, 8, 9, 10])));
    expect(await bytesOf(staging.complete(id))).toEqual(
      new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    );
    // Complete stays complete until it is dropped.
    expect(await bytesOf(staging.complete(id))).toEqual(
      new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    );
    staging.drop(id);
    expect(() => staging.complete(id)).toThrow(
      expect.objectContaining({ key: 'errUploadUnknown' }),
    );
  });

  it('forget an upload idle for three minutes, and count only live ones toward the few at once', async () => {
    const clock = { now: 0 };
    const staging = uploads(100, clock);
    const ids = [1, 2, 3, 4].map(() => staging.begin(1));
    expect(() => staging.begin(1)).toThrow(expect.objectContaining({ key: 'errTooManyUploads' }));
    clock.now += 3 * 60_000 - 1;
    staging.append(ids[0]!, 0, toBase64(new Uint8Array([1])));
    clock.now += 1;
    expect(() => staging.complete(ids[1]!)).toThrow(
      expect.objectContaining({ key: 'errUploadUnknown' }),
    );
    // Three have expired: their places are free again, the one that got a piece is kept.
    expect(staging.begin(1)).toBe('upload-5');
    expect(await bytesOf(staging.complete(ids[0]!))).toEqual(new Uint8Array([1]));
    staging.dropAll();
    expect(() => staging.complete(ids[0]!)).toThrow(
      expect.objectContaining({ key: 'errUploadUnknown' }),
    );
  });

  it('keep a file in use: completing it starts its idle time again', async () => {
    const clock = { now: 0 };
    const staging = uploads(10, clock, { idleMs: 1000 });
    const id = staging.begin(2);
    staging.append(id, 0, toBase64(new Uint8Array([1, 2])));
    clock.now += 999;
    expect(await bytesOf(staging.complete(id))).toEqual(new Uint8Array([1, 2]));
    clock.now += 999;
    expect(staging.has(id)).toBe(true);
    clock.now += 1;
    expect(staging.has(id)).toBe(false);
    expect(() => staging.complete(id)).toThrow(
      expect.objectContaining({ key: 'errUploadUnknown' }),
    );
  });

  it('can keep only the latest file, forgetting the oldest for a new one', () => {
    const staging = uploads(10, { now: 0 }, { maxUploads: 1, whenFull: 'dropOldest' });
    const first = staging.begin(1);
    staging.append(first, 0, toBase64(new Uint8Array([1])));
    const second = staging.begin(1);
    expect(staging.has(first)).toBe(false);
    expect(staging.has(second)).toBe(true);
    // Refusing stays the default.
    const strict = uploads(10, { now: 0 }, { maxUploads: 1 });
    strict.begin(1);
    expect(() => strict.begin(1)).toThrow(
      expect.objectContaining({ key: 'errTooManyUploads', args: [1] }),
    );
  });

  it('refuse a piece that is not base64 without moving on, so it can be sent again', async () => {
    const staging = uploads(10);
    const id = staging.begin(3);
    expect(() => staging.append(id, 0, 'AQ!D')).toThrow(
      expect.objectContaining({ key: 'errNotBase64' }),
    );
    staging.append(id, 0, toBase64(new Uint8Array([1, 2, 3])));
    expect(await bytesOf(staging.complete(id))).toEqual(new Uint8Array([1, 2, 3]));
    expect(() => staging.append(id, 3, toBase64(new Uint8Array([4])))).toThrow(
      expect.objectContaining({ key: 'errUploadBeyondSize' }),
    );
  });

  it('keep the pieces out of the heap as Blobs, the file a Blob of them read where it is wanted', async () => {
    const staging = uploads(10);
    const id = staging.begin(6);
    staging.append(id, 0, toBase64(new Uint8Array([1, 2, 3])));
    staging.append(id, 3, toBase64(new Uint8Array([4, 5, 6])));
    const file = staging.complete(id);
    expect(file.size).toBe(6);
    // A reader takes a part of the file without the rest.
    expect(new Uint8Array(await file.slice(2, 5).arrayBuffer())).toEqual(new Uint8Array([3, 4, 5]));
    // Completing again hands over the same file, not another copy of it.
    expect(staging.complete(id)).toBe(file);
    const empty = staging.begin(0);
    expect(await bytesOf(staging.complete(empty))).toEqual(new Uint8Array(0));
  });
});
