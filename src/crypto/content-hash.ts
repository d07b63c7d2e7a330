/**
 * The SHA-256 of a file's content, as hex (Verify backup compares a backup's attachments with the
 * vault's by it). WebCrypto digests a large buffer in one call, off the JavaScript thread.
 */
export async function contentSha256(bytes: Uint8Array): Promise<string> {
  // WebCrypto takes a view over an ArrayBuffer; a view over a SharedArrayBuffer is copied.
  const input =
    bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : bytes.slice();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
