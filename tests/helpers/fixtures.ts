/**
 * Loads the Bitwarden-made fixtures (copied from ../shared/fixtures so that a clean checkout
 * carries them) and the crypto vectors.
 */
import fs from 'node:fs';
import path from 'node:path';

export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../fixtures');
export const KDF_FIXTURES = ['pbkdf2', 'argon2id'] as const;
export type KdfFixture = (typeof KDF_FIXTURES)[number];

export type SdkKdf =
  | { pBKDF2: { iterations: number } }
  | { argon2id: { iterations: number; memory: number; parallelism: number } };

interface TruthAccount {
  email: string;
  masterPassword: string;
  kdf: SdkKdf;
  userId: string;
  userKeyB64: string;
  masterKeyWrappedUserKey: string;
}

export interface Truth {
  password: string;
  account: TruthAccount;
  folders: { id: string; name: string; revisionDate: string }[];
  items: Record<string, unknown>[];
  csvItemIds: string[];
}

export function fixturePath(kdf: KdfFixture, file: string): string {
  return path.join(FIXTURES_DIR, 'bitwarden-sdk', kdf, file);
}

export function readFixtureText(kdf: KdfFixture, file: string): string {
  return fs.readFileSync(fixturePath(kdf, file), 'utf8');
}

export function readFixtureJson<T = Record<string, unknown>>(kdf: KdfFixture, file: string): T {
  return JSON.parse(readFixtureText(kdf, file)) as T;
}

export function readTruth(kdf: KdfFixture): Truth {
  return readFixtureJson<Truth>(kdf, 'truth.json');
}

export function readVectors(): Record<string, unknown> {
  return JSON.parse(
    fs.readFileSync(path.join(FIXTURES_DIR, 'vectors', 'crypto-primitives.json'), 'utf8'),
  ) as Record<string, unknown>;
}
