/**
 * Stretches 32 bytes of key material into a 64-byte symmetric key: HKDF-Expand (RFC 5869 §2.3,
 * SHA-256, no Extract step) with info "enc" for the first half and "mac" for the second. For
 * L = 32 each half is one HMAC block: HMAC(prk, info || 0x01).
 */
import { concatBytes, utf8 } from './bytes';

export async function hkdfExpand(
  prk: Uint8Array<ArrayBuffer>,
  info: string | Uint8Array,
  length: number,
): Promise<Uint8Array<ArrayBuffer>> {
  // RFC 5869 §2.3: L <= 255 * HashLen.
  if (!Number.isInteger(length) || length < 1 || length > 255 * 32) {
    throw new RangeError(`hkdfExpand: length must be 1..8160, got ${length}`);
  }
  const key = await crypto.subtle.importKey('raw', prk, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const infoBytes = typeof info === 'string' ? utf8(info) : info;
  const blocks: Uint8Array[] = [];
  let previous = new Uint8Array(0);
  for (let i = 1, have = 0; have < length; i++) {
    const block = new Uint8Array(
      await crypto.subtle.sign('HMAC', key, concatBytes(previous, infoBytes, new Uint8Array([i]))),
    );
    blocks.push(block);
    previous = block;
    have += block.length;
  }
  return concatBytes(...blocks).slice(0, length);
}

/** 64 bytes = HKDF-Expand(material, "enc", 32) || HKDF-Expand(material, "mac", 32). */
export async function stretchKey(
  material: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const [enc, mac] = await Promise.all([
    hkdfExpand(material, 'enc', 32),
    hkdfExpand(material, 'mac', 32),
  ]);
  return concatBytes(enc, mac);
}
