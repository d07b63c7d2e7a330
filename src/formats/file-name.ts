/** Export file names (formats.md, "File names"), stamped with the local time. */
import type { FileProtection } from '@/src/vault/file-protection';

export function exportFileName(kind: FileProtection, extension: string, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}` +
    `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  const prefix = kind === 'plain' ? 'coffer_export' : 'coffer_encrypted_export';
  return `${prefix}_${stamp}.${extension}`;
}
