/** Attachments for background tests: files of known bytes, sent the way the popup sends them. */
import { expect } from 'vitest';
import { toBase64 } from '@/src/crypto/bytes';
import type { BackgroundContext } from '@/src/background/context';
import type { UploadPurpose, VaultClient } from '@/src/protocol/vault-api';
import { UPLOAD_CHUNK_BYTES } from '@/src/vault/policy';

/** `length` bytes that are not text: every byte value, in a pattern that does not repeat soon. */
export function fileBytes(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

/** Sends `bytes` as an upload in pieces of `piece` bytes, for `purpose`; its id. */
export async function upload(
  client: VaultClient,
  bytes: Uint8Array,
  piece = UPLOAD_CHUNK_BYTES,
  purpose: UploadPurpose = 'attachment',
) {
  const { uploadId } = await client.beginUpload({ size: bytes.length, purpose });
  for (let offset = 0; offset < bytes.length; offset += piece) {
    const base64 = toBase64(bytes.subarray(offset, offset + piece));
    await client.uploadChunk({ uploadId, offset, base64 });
  }
  return uploadId;
}

export async function attach(
  client: VaultClient,
  itemId: string,
  fileName: string,
  bytes: Uint8Array,
) {
  return client.addAttachment({ itemId, fileName, uploadId: await upload(client, bytes) });
}

/** Damages the stored copy of one attachment: its MAC no longer matches. */
export async function damageAttachment(ctx: BackgroundContext, attachmentId: string) {
  const data = (await ctx.store.getAttachmentData(attachmentId))!.slice();
  data[data.length - 1]! ^= 1;
  await ctx.store.write({ putAttachmentData: [{ id: attachmentId, data }] });
}

/**
 * The same bytes, compared at once: toEqual walks a typed array value by value, which takes
 * seconds per megabyte.
 */
export function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.length).toBe(expected.length);
  const differsAt = actual.findIndex((byte, i) => byte !== expected[i]);
  expect(differsAt, 'the first byte that differs').toBe(-1);
}
