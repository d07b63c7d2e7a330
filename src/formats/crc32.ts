/**
 * The CRC-32 every ZIP entry carries (APPNOTE.TXT §4.4.7: the reflected polynomial 0xEDB88320,
 * as in gzip and PNG). fflate computes it while writing but does not export it, and the zip guard
 * needs it to tell a damaged stored entry (which has no deflate stream to break) from a sound one.
 */

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** A running CRC-32: `update` with the bytes in order, then `value`. */
export function startCrc32() {
  let crc = 0xffffffff;
  return {
    update(bytes: Uint8Array): void {
      let c = crc;
      for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
      crc = c;
    },
    value(): number {
      return (crc ^ 0xffffffff) >>> 0;
    },
  };
}
