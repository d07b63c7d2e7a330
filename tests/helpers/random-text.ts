/**
 * Seeded random text with characters of every UTF-8 width (1 to 4 bytes), for encoders and
 * decoders checked against the platform's own.
 */

/**
 * Text of at least `length` UTF-16 units, from printable and control ASCII, 2- and 3-byte
 * characters and surrogate pairs; `more` adds kinds of piece, each given the random source.
 */
export function randomText(
  length: number,
  seed: number,
  more: ((next: () => number) => string)[] = [],
): string {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pieces = [
    () => String.fromCharCode(0x20 + Math.floor(next() * 0x5f)),
    () => String.fromCharCode(Math.floor(next() * 0x80)),
    () => String.fromCharCode(0x80 + Math.floor(next() * 0x780)),
    () => String.fromCharCode(0x800 + Math.floor(next() * 0xd000)),
    () => String.fromCodePoint(0x10000 + Math.floor(next() * 0xfffff)),
    ...more.map((piece) => () => piece(next)),
  ];
  let text = '';
  while (text.length < length) text += pieces[Math.floor(next() * pieces.length)]!();
  return text;
}
