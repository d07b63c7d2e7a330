/**
 * The upload staging area on its own: its size limit is its factory's, so whatever else needs a
 * large file from the popup can use it with a limit and words of its own.
 */
import { describe, expect, it } from 'vitest';
import { toBase64 } from '@/src/crypto/bytes';
import { CofferError } from '@/src/errors/coffer-error';
import { createUploads } from '@/src/background/uploads';

function uploads(maxBytes: number, clock = { now: 0 }) {
  let n = 0;
  return createUploads({
    maxBytes,
    tooLarge: (max) => new CofferError('errFileTooLargeToImport', { args: [max] }),
    now: () => clock.now,
    newId: () => `upload-${++n}`,
  });
}

describe('uploads', () => {
  it('refuse a file over the limit they were made with, in the words they were given', () => {
    const staging = uploads(10);
    expect(() => staging.begin(11)).toThrow(
      expect.objectContaining({ key: 'errFileTooLargeToImport', args: [10] }),
    );
    const id = staging.begin(10);
    staging.append(id, 0, toBase64(new Uint8Array([1, 2, 3, 4])));
    staging.append(id, 4, toBase64(new Uint8Array([5, 6, 7, 8, 9, 10])));
    expect(staging.complete(id)).toEqual(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    // Complete stays complete until it is dropped.
    expect(staging.complete(id)).toEqual(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    staging.drop(id);
    expect(() => staging.complete(id)).toThrow(
      expect.objectContaining({ key: 'errUploadUnknown' }),
    );
  });

  it('forget an upload idle for three minutes, and count only live ones toward the few at once', () => {
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
    expect(staging.complete(ids[0]!)).toEqual(new Uint8Array([1]));
    staging.dropAll();
    expect(() => staging.complete(ids[0]!)).toThrow(
      expect.objectContaining({ key: 'errUploadUnknown' }),
    );
  });
});
