/** A file piece a writer or sink hands on (text, or its UTF-8) as text, for tests to join. */
export function pieceText(piece: string | Uint8Array): string {
  return typeof piece === 'string' ? piece : decoder.decode(piece);
}

const decoder = new TextDecoder('utf-8', { fatal: true });
