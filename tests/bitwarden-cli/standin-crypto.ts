/**
 * The Bitwarden key schedule and EncStrings (crypto.md) once more, on node:crypto: the stand-in
 * server must make and read what Bitwarden's CLI expects without leaning on Coffer's src/crypto,
 * so that a bug there cannot hide behind a matching bug here.
 */
import crypto from 'node:crypto';

/** crypto.md "EncString": 16-byte IV, 32-byte MAC, a 64-byte key split into enc and mac halves. */
const IV_LENGTH = 16;
const KEY_LENGTH = 64;

export interface Pbkdf2Kdf {
  iterations: number;
}

/** PBKDF2-HMAC-SHA256 of the password over the salt, 32 bytes. */
export function deriveKdfMaterial(password: string, salt: string, kdf: Pbkdf2Kdf): Buffer {
  return crypto.pbkdf2Sync(
    Buffer.from(password, 'utf8'),
    Buffer.from(salt, 'utf8'),
    kdf.iterations,
    32,
    'sha256',
  );
}

/** crypto.md "Account keys": the salt is the email, trimmed and lower-cased. */
export function deriveMasterKey(password: string, email: string, kdf: Pbkdf2Kdf): Buffer {
  return deriveKdfMaterial(password, email.trim().toLowerCase(), kdf);
}

/** HKDF-Expand (RFC 5869 §2.3) with info "enc" and "mac", one HMAC block each. */
export function stretchKey(material: Buffer): Buffer {
  const expand = (info: string) =>
    crypto
      .createHmac('sha256', material)
      .update(Buffer.concat([Buffer.from(info, 'utf8'), Buffer.from([1])]))
      .digest();
  return Buffer.concat([expand('enc'), expand('mac')]);
}

/** What Bitwarden's clients send their server instead of the password: one PBKDF2 iteration. */
export function hashMasterPasswordForServer(masterKey: Buffer, password: string): string {
  return crypto
    .pbkdf2Sync(masterKey, Buffer.from(password, 'utf8'), 1, 32, 'sha256')
    .toString('base64');
}

export function randomKey(): Buffer {
  return crypto.randomBytes(KEY_LENGTH);
}

/** A type-2 EncString of text (UTF-8) or bytes under a 64-byte key. */
export function encryptToEncString(plain: string | Buffer, key: Buffer): string {
  assertKey(key);
  const iv = crypto.randomBytes(IV_LENGTH);
  const cipher = crypto.createCipheriv('aes-256-cbc', key.subarray(0, 32), iv);
  const ct = Buffer.concat([
    cipher.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain),
    cipher.final(),
  ]);
  const mac = crypto.createHmac('sha256', key.subarray(32)).update(iv).update(ct).digest();
  return `2.${iv.toString('base64')}|${ct.toString('base64')}|${mac.toString('base64')}`;
}

/** Reverses `encryptToEncString`; the MAC is checked first and any failure throws. */
export function decryptEncStringBytes(text: string, key: Buffer): Buffer {
  assertKey(key);
  const match = /^2\.([^|]+)\|([^|]+)\|([^|]+)$/.exec(text);
  if (match === null) throw new Error(`not a type-2 EncString: ${text.slice(0, 20)}…`);
  const [iv, ct, mac] = match.slice(1).map((part) => Buffer.from(part, 'base64')) as [
    Buffer,
    Buffer,
    Buffer,
  ];
  const expected = crypto.createHmac('sha256', key.subarray(32)).update(iv).update(ct).digest();
  if (mac.length !== expected.length || !crypto.timingSafeEqual(mac, expected)) {
    throw new Error('EncString MAC mismatch');
  }
  const decipher = crypto.createDecipheriv('aes-256-cbc', key.subarray(0, 32), iv);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

export function decryptEncString(text: string, key: Buffer): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(decryptEncStringBytes(text, key));
}

export function isEncString(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^2\.[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+$/.test(value)
  );
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_LENGTH) throw new RangeError(`expected a 64-byte key, got ${key.length}`);
}
