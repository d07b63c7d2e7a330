/**
 * A file as bytes: text is the common case, kept as text so that a text file is never encoded
 * and decoded again on its way (import input, export sinks, files to save, the offscreen
 * document). Binary formats (.1pux) carry their bytes.
 */
import { utf8Length } from '@/src/crypto/bytes';

export type FileContent = { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array };

/** A piece of a file as a writer hands it on: text, or bytes for a binary format. */
export type FilePiece = string | Uint8Array;

/** The size of the file on disk, text being written as UTF-8. */
export function contentByteLength(content: FileContent): number {
  return content.kind === 'text' ? utf8Length(content.text) : content.bytes.length;
}
