/**
 * HMAC-SHA256 under one key, synchronously. Short messages (a vault's tens of thousands of
 * fields) go through hmac-sha256.ts (pure TypeScript, the keyed states computed once, about 1 µs
 * a field), where WebCrypto's per-call overhead is 5–50 µs. Long data (a whole export file) goes
 * through hash-wasm's WebAssembly SHA-256, about twice the throughput.
 *
 * Many messages at once (a batch of fields) may go to a helper instead: the background lends one
 * while an export or a key rotation runs, a Worker that computes them on another core (the MACs
 * were a quarter of a 10,000-item rotation's time on the worker's one thread in Chromium). The
 * result is the same bytes either way; a helper that fails or is gone leaves the work here.
 */
import { createHMAC, createSHA256 } from 'hash-wasm';
import { hmacSha256, type HmacSha256 } from './hmac-sha256';
import { lentHelpers } from './lent-helpers';

const MAC_LENGTH = 32;

export interface MacKey {
  /** HMAC of `data` into `out` (32 bytes). Synchronous, so calls never interleave. */
  compute(data: Uint8Array, out?: Uint8Array): Uint8Array;
  /**
   * The HMACs of the messages laid end to end in `data`, message i being
   * `data[bounds[i], bounds[i + 1])`: 32 bytes each, in order. `data` must not change until the
   * answer comes (one of its messages may be MAC-ed again here to check a helper's answer).
   */
  computeAll(data: Uint8Array, bounds: Uint32Array): Promise<Uint8Array>;
  /** An HMAC under this key over long data, or data that arrives in pieces. */
  stream(): Promise<MacStream>;
}

/**
 * Computes what `MacKey.computeAll` asks, elsewhere: `key` is the raw HMAC key. Rejects if it
 * cannot (the caller then does the work itself).
 */
export type MacHelper = (
  key: Uint8Array,
  data: Uint8Array,
  bounds: Uint32Array,
) => Promise<Uint8Array>;

/** Fewer messages than this are done here: a round trip to a helper would cost more. */
const HELPER_MIN_MESSAGES = 256;
const helpers = lentHelpers<MacHelper>();

/** Lends a helper until the returned function is called. */
export const lendMacHelper = helpers.lend;

export function createMacKey(key: Uint8Array): MacKey {
  const keyed = hmacSha256(key);
  const compute = (data: Uint8Array, out: Uint8Array = new Uint8Array(MAC_LENGTH)) => {
    keyed.macInto(data, 0, data.length, out, 0);
    return out;
  };
  const computeHere = (data: Uint8Array, bounds: Uint32Array) => macsOf(keyed, data, bounds);
  return {
    stream: () => startMacStream(key),
    compute,
    async computeAll(data, bounds) {
      const helper = helpers.first();
      if (!helper || bounds.length - 1 < HELPER_MIN_MESSAGES) return computeHere(data, bounds);
      try {
        const macs = await helper(key, data, bounds);
        if (agreesHere(macs, data, bounds, compute)) return macs;
      } catch {
        // The helper is gone or failed: the work is done here instead.
      }
      return computeHere(data, bounds);
    },
  };
}

/** The HMAC-SHA256 of each message, as `MacKey.computeAll` lays them out (a helper's work). */
export function computeMacs(key: Uint8Array, data: Uint8Array, bounds: Uint32Array): Uint8Array {
  return macsOf(hmacSha256(key), data, bounds);
}

/**
 * Whether a helper's answer has the right length and, for one message picked at random, the MAC
 * computed here: these MACs are written into the vault (key rotation), so a helper's mistake must
 * not be.
 */
function agreesHere(
  macs: Uint8Array,
  data: Uint8Array,
  bounds: Uint32Array,
  compute: (data: Uint8Array) => Uint8Array,
): boolean {
  const count = bounds.length - 1;
  if (macs.length !== count * MAC_LENGTH) return false;
  const i = Math.floor(Math.random() * count);
  const expected = compute(data.subarray(bounds[i], bounds[i + 1]));
  return expected.every((byte, j) => macs[i * MAC_LENGTH + j] === byte);
}

function macsOf(keyed: HmacSha256, data: Uint8Array, bounds: Uint32Array): Uint8Array {
  const count = bounds.length - 1;
  const out = new Uint8Array(count * MAC_LENGTH);
  for (let i = 0; i < count; i++) {
    keyed.macInto(data, bounds[i]!, bounds[i + 1]!, out, i * MAC_LENGTH);
  }
  return out;
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
