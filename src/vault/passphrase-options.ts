/**
 * A passphrase's options and their limits, apart from the generator: the popup's form and the
 * history's checks need these, not the 7,776 words (124 KB of the popup's script, which the popup
 * now loads only when a passphrase is asked for).
 */
export interface PassphraseOptions {
  words: number;
  separator: string;
  capitalize: boolean;
  /** A digit after one word chosen at random. */
  includeNumber: boolean;
}

export const DEFAULT_PASSPHRASE_OPTIONS: PassphraseOptions = {
  words: 6,
  separator: '-',
  capitalize: false,
  includeNumber: false,
};

export const MIN_PASSPHRASE_WORDS = 3;
export const MAX_PASSPHRASE_WORDS = 20;
/** A separator is a few characters at most (Bitwarden allows one). */
export const MAX_SEPARATOR_LENGTH = 3;
