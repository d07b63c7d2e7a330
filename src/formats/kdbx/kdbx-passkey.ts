/**
 * A passkey between Bitwarden's `fido2Credentials` and KeePassXC's `KPEX_PASSKEY_*` attributes
 * (KeePassXC's src/browser/BrowserPasskeys.h). Bitwarden writes the credential id as a GUID (or
 * `b64.` and base64url when it is not 16 bytes) and the private key as base64url PKCS #8;
 * KeePassXC writes the id as base64url and the key as PEM. A value in neither form is carried as
 * it is, never dropped.
 */
import { fromBase64, toBase64 } from '@/src/crypto/bytes';
import type { Fido2Credential } from '@/src/vault/item';

export interface KeePassXcPasskey {
  userName: string | null;
  credentialId: string | null;
  privateKeyPem: string | null;
  relyingParty: string | null;
  userHandle: string | null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const B64_PREFIX = 'b64.';
const PEM_HEAD = '-----BEGIN PRIVATE KEY-----';
const PEM_TAIL = '-----END PRIVATE KEY-----';
/** RFC 7468 §2: PEM's base64 lines are 64 characters. */
const PEM_LINE = 64;

export function passkeyToKeePassXc(credential: Fido2Credential): KeePassXcPasskey {
  return {
    userName: credential.userName,
    credentialId:
      credential.credentialId === null ? null : credentialIdToBase64Url(credential.credentialId),
    privateKeyPem: credential.keyValue === null ? null : keyToPem(credential.keyValue),
    relyingParty: credential.rpId,
    userHandle: credential.userHandle,
  };
}

/**
 * KeePassXC keeps only these five: the rest are what KeePassXC itself creates passkeys with
 * (ES256, discoverable, a counter it does not keep).
 */
export function passkeyFromKeePassXc(
  passkey: KeePassXcPasskey,
  creationDate: string,
): Fido2Credential {
  return {
    credentialId:
      passkey.credentialId === null ? null : credentialIdFromBase64Url(passkey.credentialId),
    keyType: 'public-key',
    keyAlgorithm: 'ECDSA',
    keyCurve: 'P-256',
    keyValue: passkey.privateKeyPem === null ? null : keyFromPem(passkey.privateKeyPem),
    rpId: passkey.relyingParty,
    userHandle: passkey.userHandle,
    userName: passkey.userName,
    counter: '0',
    rpName: passkey.relyingParty,
    userDisplayName: passkey.userName,
    discoverable: 'true',
    creationDate,
  };
}

function credentialIdToBase64Url(id: string): string {
  if (GUID.test(id)) {
    const hex = id.replace(/-/g, '');
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    return toBase64Url(bytes);
  }
  return id.startsWith(B64_PREFIX) ? id.slice(B64_PREFIX.length) : id;
}

function credentialIdFromBase64Url(id: string): string {
  const bytes = fromBase64Url(id);
  if (bytes === null) return id;
  if (bytes.length !== 16) return B64_PREFIX + id;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function keyToPem(keyValue: string): string {
  const bytes = fromBase64Url(keyValue);
  if (bytes === null) return keyValue;
  const base64 = toBase64(bytes);
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += PEM_LINE) lines.push(base64.slice(i, i + PEM_LINE));
  return [PEM_HEAD, ...lines, PEM_TAIL].join('\n');
}

function keyFromPem(pem: string): string {
  const text = pem.trim();
  if (!text.startsWith(PEM_HEAD) || !text.endsWith(PEM_TAIL)) return pem;
  const body = text.slice(PEM_HEAD.length, text.length - PEM_TAIL.length).replace(/\s+/g, '');
  try {
    return toBase64Url(fromBase64(body));
  } catch {
    return pem;
  }
}

function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Unpadded base64url (RFC 4648 §5) as bytes; null when it is not. */
function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const padded =
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const bytes = fromBase64(padded);
    // Only the canonical form goes back to the same text.
    return toBase64Url(bytes) === text ? bytes : null;
  } catch {
    return null;
  }
}
