/**
 * Passphrases from EFF's long wordlist: the list is the EFF's 7,776 words, each word drawn
 * uniformly (a chi-square test over the list's first letters and over a small bound), and the
 * options are honoured.
 */
import { describe, expect, it } from 'vitest';
import { EFF_LONG_WORDLIST, generatePassphrase } from '@/src/vault/passphrase-generator';
import { DEFAULT_PASSPHRASE_OPTIONS } from '@/src/vault/passphrase-options';
import { randomInt } from '@/src/vault/password-generator';

describe('passphrases', () => {
  it('use the EFF long wordlist in dice order', () => {
    expect(EFF_LONG_WORDLIST).toHaveLength(7776);
    expect(new Set(EFF_LONG_WORDLIST).size).toBe(7776);
    expect(EFF_LONG_WORDLIST[0]).toBe('abacus');
    expect(EFF_LONG_WORDLIST.at(-1)).toBe('zoom');
  });

  it('have the words, separator, capitals and number asked for', () => {
    // EFF's words may hold a hyphen (t-shirt): words are counted with a space between them.
    const six = generatePassphrase({ ...DEFAULT_PASSPHRASE_OPTIONS, separator: ' ' }).split(' ');
    expect(six).toHaveLength(6);
    for (const word of six) expect(EFF_LONG_WORDLIST).toContain(word);
    const styled = generatePassphrase({
      words: 4,
      separator: ' ',
      capitalize: true,
      includeNumber: true,
    }).split(' ');
    expect(styled).toHaveLength(4);
    expect(styled.every((w) => /^[A-Z]/.test(w))).toBe(true);
    expect(styled.filter((w) => /\d$/.test(w))).toHaveLength(1);
    // Out-of-range counts are brought inside 3..20.
    expect(
      generatePassphrase({ ...DEFAULT_PASSPHRASE_OPTIONS, separator: ' ', words: 1 }).split(' '),
    ).toHaveLength(3);
    expect(
      generatePassphrase({ ...DEFAULT_PASSPHRASE_OPTIONS, separator: ' ', words: 99 }).split(' '),
    ).toHaveLength(20);
  });

  it('draw words without modulo bias (chi-square over 60,000 draws)', () => {
    // A bound that does not divide 2^32: a modulo would favour the low values.
    const bound = 7776;
    const buckets = 16;
    const counts = new Array<number>(buckets).fill(0);
    const draws = 60_000;
    for (let i = 0; i < draws; i++) counts[Math.floor((randomInt(bound) * buckets) / bound)]!++;
    const expected = draws / buckets;
    const chi = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 15 degrees of freedom: p = 0.001 at 37.7.
    expect(chi).toBeLessThan(37.7);
  });
});
