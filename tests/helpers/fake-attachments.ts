/**
 * The attachment half of the background, in memory, for popup tests: it keeps the protocol's
 * rules (pieces in order, an upload used once) and records every call and piece, so a test can
 * check what the popup sent. Laid over a real test background's client with `withAttachments`.
 */
import type { CofferError } from '@/src/errors/coffer-error';
import type { AttachmentInfo, VaultClient } from '@/src/protocol/vault-api';

type AttachmentMethod =
  | 'listAttachments'
  | 'beginUpload'
  | 'uploadChunk'
  | 'cancelUpload'
  | 'addAttachment'
  | 'renameAttachment'
  | 'deleteAttachment'
  | 'saveAttachment';

interface Chunk {
  uploadId: string;
  offset: number;
  base64: string;
}

export interface FakeAttachments {
  methods: Pick<VaultClient, AttachmentMethod>;
  /** Every method called, in order. */
  calls: AttachmentMethod[];
  chunks: Chunk[];
  /** The uploads cancelled, by id. */
  cancelled: string[];
  /** The attachments as stored, with their bytes. */
  stored: (AttachmentInfo & { bytes: Uint8Array })[];
  /** Makes the piece at this index (0 for the first) fail with the error. */
  failChunk: { index: number; error: CofferError } | null;
  /** Awaited before each piece is taken: a test holds an upload mid-way with it. */
  beforeChunk: (() => Promise<void>) | null;
  /** The name the browser gives a saved file (Downloads may hold one of that name already). */
  savedAs: ((fileName: string) => string) | null;
}

interface Upload {
  size: number;
  pieces: Uint8Array[];
  received: number;
}

const bytesOf = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'));

export function createFakeAttachments(
  initial: { itemId: string; fileName: string; bytes: Uint8Array }[] = [],
): FakeAttachments {
  let nextId = 0;
  const uploads = new Map<string, Upload>();
  const info = ({ bytes: _bytes, ...shown }: AttachmentInfo & { bytes: Uint8Array }) => shown;
  const find = (itemId: string, attachmentId: string) => {
    const found = fake.stored.find((a) => a.itemId === itemId && a.id === attachmentId);
    if (!found) throw new Error(`no attachment ${attachmentId} on ${itemId}`);
    return found;
  };

  const fake: FakeAttachments = {
    calls: [],
    chunks: [],
    cancelled: [],
    stored: initial.map((a) => ({ id: `att-${++nextId}`, size: a.bytes.length, ...a })),
    failChunk: null,
    beforeChunk: null,
    savedAs: null,
    methods: {
      async listAttachments({ itemId }) {
        fake.calls.push('listAttachments');
        return fake.stored.filter((a) => a.itemId === itemId).map(info);
      },
      async beginUpload({ size }) {
        fake.calls.push('beginUpload');
        const uploadId = `upload-${++nextId}`;
        uploads.set(uploadId, { size, pieces: [], received: 0 });
        return { uploadId };
      },
      async uploadChunk(chunk) {
        fake.calls.push('uploadChunk');
        const index = fake.chunks.length;
        fake.chunks.push(chunk);
        await fake.beforeChunk?.();
        if (fake.failChunk?.index === index) throw fake.failChunk.error;
        const upload = uploads.get(chunk.uploadId);
        if (!upload) throw new Error(`no upload ${chunk.uploadId}`);
        if (chunk.offset !== upload.received)
          throw new Error(`piece out of order at ${chunk.offset}`);
        const bytes = bytesOf(chunk.base64);
        upload.pieces.push(bytes);
        upload.received += bytes.length;
        return null;
      },
      async cancelUpload({ uploadId }) {
        fake.calls.push('cancelUpload');
        fake.cancelled.push(uploadId);
        uploads.delete(uploadId);
        return null;
      },
      async addAttachment({ itemId, fileName, uploadId }) {
        fake.calls.push('addAttachment');
        const upload = uploads.get(uploadId);
        if (!upload || upload.received !== upload.size)
          throw new Error(`upload ${uploadId} unfinished`);
        uploads.delete(uploadId);
        const bytes = new Uint8Array(upload.size);
        let at = 0;
        for (const piece of upload.pieces) {
          bytes.set(piece, at);
          at += piece.length;
        }
        const added = { id: `att-${++nextId}`, itemId, fileName, size: bytes.length, bytes };
        fake.stored.push(added);
        return info(added);
      },
      async renameAttachment({ itemId, attachmentId, fileName }) {
        fake.calls.push('renameAttachment');
        const found = find(itemId, attachmentId);
        found.fileName = fileName;
        return info(found);
      },
      async deleteAttachment({ itemId, attachmentId }) {
        fake.calls.push('deleteAttachment');
        const found = find(itemId, attachmentId);
        fake.stored.splice(fake.stored.indexOf(found), 1);
        return null;
      },
      async saveAttachment({ itemId, attachmentId }) {
        fake.calls.push('saveAttachment');
        const found = find(itemId, attachmentId);
        const fileName = fake.savedAs ? fake.savedAs(found.fileName) : found.fileName;
        return { fileName, bytes: found.bytes.length };
      },
    },
  };
  return fake;
}

/** `client` with its attachment methods answered by `fake`. */
export function withAttachments(client: VaultClient, fake: FakeAttachments): VaultClient {
  return { ...client, ...fake.methods };
}
