/** A file to attach whose name and content both carry a marker, for the no-trace scans. */
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../helpers/temp-dirs';

export function markedFile(marker: string): { name: string; path: string } {
  const name = `statement ${marker}.txt`;
  const file = path.join(makeTempDir('marked'), name);
  fs.writeFileSync(file, `account statement ${marker}\n`);
  return { name, path: file };
}
