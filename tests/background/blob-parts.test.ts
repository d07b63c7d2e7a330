/**
 * A download's pieces as Blobs (blob-parts.ts): made here, or by a lent helper (the MAC Worker)
 * for large pieces, in order, the same bytes either way, and here again when the helper fails.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blobParts, lendBlobHelper, type BlobHelper } from '@/src/background/blob-parts';
import { randomBytes } from '@/src/crypto/random';

const lent: (() => void)[] = [];
afterEach(() => {
  for (const takeBack of lent.splice(0)) takeBack();
});

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/** Pieces of the sizes given, and what the file holds once they are joined. */
function pieces(...sizes: number[]) {
  const made = sizes.map((size) => randomBytes(size));
  const joined = new Uint8Array(sizes.reduce((sum, size) => sum + size, 0));
  let at = 0;
  for (const piece of made) {
    joined.set(piece, at);
    at += piece.length;
  }
  return { made, joined };
}

describe('a file made of Blobs, piece by piece', () => {
  it('joins text (as UTF-8) and bytes in order, and answers each size in bytes', async () => {
    const parts = blobParts();
    expect(parts.append('é|')).toBe(3);
    expect(parts.append(new Uint8Array([1, 2]))).toBe(2);
    const whole = await parts.whole('application/json');
    expect(whole.type).toBe('application/json');
    expect([...(await bytesOf(whole))]).toEqual([0xc3, 0xa9, 0x7c, 1, 2]);
  });

  it('hands large pieces to a lent helper and keeps small ones here, in order', async () => {
    const helper = vi.fn<BlobHelper>(async (bytes) => {
      // Answered later than the small piece after it is made here.
      await new Promise((resolve) => setTimeout(resolve, 5));
      return new Blob([bytes.slice()]);
    });
    lent.push(lendBlobHelper(helper));
    const { made, joined } = pieces(100_000, 10, 70_000);
    const parts = blobParts();
    for (const piece of made) parts.append(piece);
    expect(helper).toHaveBeenCalledTimes(2);
    expect(await bytesOf(await parts.whole('text/plain'))).toEqual(joined);
  });

  it('makes a piece here when the helper fails, from the piece itself', async () => {
    lent.push(lendBlobHelper(() => Promise.reject(new Error('the Worker has ended'))));
    const { made, joined } = pieces(80_000, 90_000);
    const parts = blobParts();
    for (const piece of made) parts.append(piece);
    expect(await bytesOf(await parts.whole('text/plain'))).toEqual(joined);
  });

  it('is used no more once taken back, and forgets its parts when cleared', async () => {
    const helper = vi.fn<BlobHelper>(async (bytes) => new Blob([bytes.slice()]));
    const takeBack = lendBlobHelper(helper);
    takeBack();
    const parts = blobParts();
    parts.append(randomBytes(100_000));
    expect(helper).not.toHaveBeenCalled();
    parts.clear();
    expect((await parts.whole('text/plain')).size).toBe(0);
  });
});
