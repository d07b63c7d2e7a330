/**
 * HMAC-SHA256 (RFC 2104 over SHA-256, FIPS 180-4 §6.2) of many short messages under one key,
 * and plain SHA-256 of short messages (URI checksums, sha256.ts) by the same compression.
 *
 * Why not noble's `hmac` for each field: a vault's fields are a few dozen bytes, so each MAC is
 * about three SHA-256 compressions, and noble's per-message work (copying the keyed state's
 * objects, views, the padding buffer) cost as much as the compressions. Here the key's inner and
 * outer states are computed once (RFC 2104 §4's precomputation), each message is compressed
 * straight from the caller's buffer with its padding written into the schedule, and nothing is
 * allocated per message: about half noble's time on a batch of export fields (Node 20 and
 * Chromium). Checked against node:crypto and noble on RFC 4231's vectors and random messages.
 */
import { sha256 } from '@noble/hashes/sha2.js';

/** SHA-256's block (64 bytes) and digest (32 bytes) sizes, FIPS 180-4 §1. */
const BLOCK = 64;
const DIGEST = 32;

/**
 * FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64
 * primes.
 */
// prettier-ignore
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** FIPS 180-4 §5.3.3: the initial hash value. */
// prettier-ignore
const H0 = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/** RFC 2104 §2: the inner and outer pads. */
const IPAD = 0x36;
const OPAD = 0x5c;

/** The message schedule, words 0–15 being the block (shared: every call runs to its end). */
const W = new Int32Array(64);

/** FIPS 180-4 §6.2.2: one block (already in W[0..15]) into `state`, in place. */
function compress(state: Int32Array): void {
  for (let t = 16; t < 64; t++) {
    const w15 = W[t - 15]!;
    const w2 = W[t - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let t = 0; t < 64; t++) {
    const sigma1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + sigma1 + ((e & f) ^ (~e & g)) + K[t]! + W[t]!) | 0;
    const sigma0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (sigma0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/** Big-endian word at `at` (FIPS 180-4 §3.1: SHA-256 reads its blocks big-endian). */
function wordAt(data: Uint8Array, at: number): number {
  return (data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!;
}

/** The state after one block of the key XOR `pad` (the key already at most a block long). */
function padState(key: Uint8Array, pad: number): Int32Array {
  const block = new Uint8Array(BLOCK).fill(pad);
  for (let i = 0; i < key.length; i++) block[i] = key[i]! ^ pad;
  for (let i = 0; i < 16; i++) W[i] = wordAt(block, i * 4);
  const state = new Int32Array(H0);
  compress(state);
  block.fill(0);
  return state;
}

/**
 * Hashes `data[start, end)` on from `state` (which has hashed `before` bytes already), padding
 * included, leaving the digest's words in `state`.
 */
function hashOn(state: Int32Array, before: number, data: Uint8Array, start: number, end: number) {
  let at = start;
  for (; end - at >= BLOCK; at += BLOCK) {
    for (let i = 0; i < 16; i++) W[i] = wordAt(data, at + i * 4);
    compress(state);
  }
  // FIPS 180-4 §5.1.1: the rest, a 1 bit, zeros, then the length in bits (of everything hashed)
  // as the last 64 bits, in a block of its own if it has no room.
  const rest = end - at;
  W.fill(0, 0, 16);
  let i = 0;
  for (; i * 4 + 4 <= rest; i++) W[i] = wordAt(data, at + i * 4);
  let last = 0;
  for (let j = 0; j < 4; j++) {
    const k = i * 4 + j;
    last = (last << 8) | (k < rest ? data[at + k]! : k === rest ? 0x80 : 0);
  }
  W[i] = last;
  if (rest + 9 > BLOCK) {
    compress(state);
    W.fill(0, 0, 16);
  }
  const bits = (before + end - start) * 8;
  W[14] = (bits / 0x1_0000_0000) | 0;
  W[15] = bits | 0;
  compress(state);
}

/** The state's words as 32 big-endian bytes into `out` at `outAt`. */
function writeDigest(state: Int32Array, out: Uint8Array, outAt: number): void {
  for (let j = 0; j < 8; j++) {
    const word = state[j]!;
    const o = outAt + j * 4;
    out[o] = word >>> 24;
    out[o + 1] = word >>> 16;
    out[o + 2] = word >>> 8;
    out[o + 3] = word;
  }
}

const hashState = new Int32Array(8);

/** The SHA-256 of `data[start, end)`, written as 32 bytes into `out` at `outAt`. */
export function sha256Into(
  data: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  outAt: number,
): void {
  hashState.set(H0);
  hashOn(hashState, 0, data, start, end);
  writeDigest(hashState, out, outAt);
  // A plain hash's input may be secret (a URI): neither its last block nor its state stays here.
  W.fill(0);
  hashState.fill(0);
}

export interface HmacSha256 {
  /** The HMAC of `data[start, end)`, written as 32 bytes into `out` at `outAt`. */
  macInto(data: Uint8Array, start: number, end: number, out: Uint8Array, outAt: number): void;
}

/** An HMAC-SHA256 under `key` (any length: RFC 2104 §2 hashes one longer than a block). */
export function hmacSha256(key: Uint8Array): HmacSha256 {
  const shortKey = key.length > BLOCK ? sha256(key) : key;
  const inner = padState(shortKey, IPAD);
  const outer = padState(shortKey, OPAD);
  const state = new Int32Array(8);
  return {
    macInto(data, start, end, out, outAt) {
      // The inner hash covers the key's block too.
      state.set(inner);
      hashOn(state, BLOCK, data, start, end);
      // The outer hash: the key's outer block, then the inner digest, padded (768 bits in all).
      for (let j = 0; j < 8; j++) W[j] = state[j]!;
      W[8] = 0x80000000 | 0;
      W.fill(0, 9, 15);
      W[15] = (BLOCK + DIGEST) * 8;
      state.set(outer);
      compress(state);
      writeDigest(state, out, outAt);
    },
  };
}
