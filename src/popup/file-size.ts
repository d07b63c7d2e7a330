/**
 * A file's size as a person reads it: whole bytes below a kibibyte, then KiB, MiB or GiB with
 * one decimal. Binary units, because the limits (policy.ts) are binary and say so.
 */
import { formatNumber, t, tCount, type MessageKey } from './i18n';

const UNITS: readonly MessageKey[] = ['sizeKiB', 'sizeMiB', 'sizeGiB'];

export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return tCount('sizeBytes', bytes, formatNumber(bytes));
  let value = bytes / 1024;
  let unit = 0;
  // Compared once rounded, so that 1,048,575 bytes read "1 MiB" rather than "1,024 KiB".
  while (unit < UNITS.length - 1 && Math.round(value * 10) / 10 >= 1024) {
    value /= 1024;
    unit++;
  }
  return t(UNITS[unit]!, formatNumber(value, { maximumFractionDigits: 1 }));
}
