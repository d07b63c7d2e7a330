/** A file to attach whose name and content both carry a marker, for the no-trace scans. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function markedFile(marker: string): { name: string; path: string } {
  const name = `statement ${marker}.txt`;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-marked-')), name);
  fs.writeFileSync(file, `account statement ${marker}\n`);
  return { name, path: file };
}
