/**
 * The passphrase generator and its EFF wordlist (124 KB of the popup's script) are a script of
 * their own, loaded when a passphrase is first wanted.
 */
import type * as PassphraseGenerator from '@/src/vault/passphrase-generator';

export type PassphraseModule = typeof PassphraseGenerator;

/** The generator once loaded: from then on a passphrase is made at once. */
let passphrases: PassphraseModule | undefined;

export async function loadPassphrases(): Promise<PassphraseModule> {
  passphrases ??= await import('@/src/vault/passphrase-generator');
  return passphrases;
}

export function loadedPassphrases(): PassphraseModule | undefined {
  return passphrases;
}
