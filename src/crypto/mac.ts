/**
 * HMAC-SHA256 under one key, synchronously. Short messages (a vault's tens of thousands of
 * fields) go through noble-hashes (audited, pure TypeScript): the keyed state is computed once
 * and copied for each message, about 1.5 µs, where WebCrypto's per-call overhead is 5–50 µs.
 * Long data (a whole export file) goes through hash-wasm's WebAssembly SHA-256, about twice
 * noble's throughput.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { createHMAC, createSHA256 } from 'hash-wasm';

const MAC_LENGTH = 32;

export interface MacKey {
  /** HMAC of `data` into `out` (32 bytes). Synchronous, so calls never interleave. */
  compute(data: Uint8Array, out?: Uint8Array): Uint8Array;
  /** An HMAC under this key over long data, or data that arrives in pieces. */
  stream(): Promise<MacStream>;
}

export function createMacKey(key: Uint8Array): MacKey {
  const keyed = hmac.create(sha256, key);
  // One scratch instance, reset from the keyed state for every message (noble's own PBKDF2
  // reuses HMAC state the same way).
  let scratch = keyed._cloneInto();
  return {
    stream: () => startMacStream(key),
    compute(data, out = new Uint8Array(MAC_LENGTH)) {
      scratch = keyed._cloneInto(scratch);
      scratch.update(data);
      scratch.digestInto(out);
      return out;
    },
  };
}

/** An HMAC over data given in pieces (a whole export file), under the same key. */
interface MacStream {
  update(data: Uint8Array): void;
  digest(): Uint8Array;
}

async function startMacStream(key: Uint8Array): Promise<MacStream> {
  const state = await createHMAC(createSHA256(), key);
  state.init();
  return {
    update: (data) => void state.update(data),
    digest: () => state.digest('binary'),
  };
}
