/**
 * Writes a fresh worked example into docs/encrypted-archive.md: a tiny archive made by Coffer's
 * own writer, and the page's account of it (archive-example.ts). Run by hand after changing the
 * format or the example: `npx tsx tests/tools/encrypted-archive-example.ts`. The archive's salt
 * and nonce are random, so every run writes a different (equally valid) example.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  EXAMPLE_CHUNK_SIZE,
  EXAMPLE_CONTENT,
  EXAMPLE_DATA,
  EXAMPLE_END,
  EXAMPLE_FILE_NAME,
  EXAMPLE_ITEM_ID,
  EXAMPLE_PASSWORD,
  EXAMPLE_START,
  exampleSectionOf,
  renderArchiveExample,
} from '../helpers/archive-example';
import { writeArchive } from '../helpers/encrypted-archive';

const page = path.resolve('docs/encrypted-archive.md');
const { bytes } = await writeArchive(
  EXAMPLE_PASSWORD,
  {
    data: EXAMPLE_DATA,
    attachments: [
      {
        itemId: EXAMPLE_ITEM_ID,
        fileName: EXAMPLE_FILE_NAME,
        content: new TextEncoder().encode(EXAMPLE_CONTENT),
      },
    ],
  },
  { chunkSize: EXAMPLE_CHUNK_SIZE },
);
const text = fs.readFileSync(page, 'utf8');
const old = `${EXAMPLE_START}${exampleSectionOf(text)}${EXAMPLE_END}`;
fs.writeFileSync(
  page,
  text.replace(old, `${EXAMPLE_START}${renderArchiveExample(Buffer.from(bytes))}${EXAMPLE_END}`),
);
console.warn(`${page}: example of ${bytes.length} bytes written`);
