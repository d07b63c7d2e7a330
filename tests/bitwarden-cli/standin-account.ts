/**
 * A Bitwarden account whose every key the test knows: the master key from email and password
 * (PBKDF2), a random 64-byte user key wrapped under the stretched master key (the "protected
 * symmetric key"), and an RSA-2048 key pair whose PKCS#8 private key is wrapped under the user key,
 * as Bitwarden's server hands them to a client logging in.
 */
import crypto from 'node:crypto';
import {
  deriveMasterKey,
  encryptToEncString,
  hashMasterPasswordForServer,
  randomKey,
  stretchKey,
} from './standin-crypto';

/** Bitwarden's default; the CLI refuses fewer than 5000 at prelogin. */
const DEFAULT_PBKDF2_ITERATIONS = 600_000;

export interface StandinAccount {
  userId: string;
  email: string;
  masterPassword: string;
  kdfIterations: number;
  /** The 64-byte account encryption key everything in the vault is encrypted under. */
  userKey: Buffer;
  /** The user key as an EncString under the stretched master key. */
  protectedUserKey: string;
  /** What the CLI must send as `password` to /identity/connect/token. */
  serverPasswordHash: string;
  /** SPKI DER, base64. */
  publicKey: string;
  /** PKCS#8 DER as an EncString under the user key. */
  wrappedPrivateKey: string;
  securityStamp: string;
}

export interface StandinAccountOptions {
  email?: string;
  masterPassword?: string;
  kdfIterations?: number;
}

export function makeStandinAccount(options: StandinAccountOptions = {}): StandinAccount {
  const email = options.email ?? 'cli.judge@example.com';
  const masterPassword = options.masterPassword ?? 'correct horse battery staple 7!';
  const kdfIterations = options.kdfIterations ?? DEFAULT_PBKDF2_ITERATIONS;
  const masterKey = deriveMasterKey(masterPassword, email, { iterations: kdfIterations });
  const userKey = randomKey();
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  return {
    userId: crypto.randomUUID(),
    email,
    masterPassword,
    kdfIterations,
    userKey,
    protectedUserKey: encryptToEncString(userKey, stretchKey(masterKey)),
    serverPasswordHash: hashMasterPasswordForServer(masterKey, masterPassword),
    publicKey: publicKey.toString('base64'),
    wrappedPrivateKey: encryptToEncString(privateKey, userKey),
    securityStamp: crypto.randomUUID(),
  };
}
