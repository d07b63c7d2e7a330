/**
 * The worked example of docs/encrypted-archive.md: a tiny archive's contents, and the page's text
 * about it (hex dump, header fields, keys, chunks, records), rendered from the archive's bytes by
 * the second implementation (archive-from-doc.ts). The text depends on the bytes and the password
 * only, so a test renders it again from the hex on the page and compares: every value the page
 * shows is one a reader really computes. tests/tools/encrypted-archive-example.ts writes it.
 */
import { openArchiveFromDoc, parseDocRecords, type DocRecord } from './archive-from-doc';

export const EXAMPLE_PASSWORD = 'correct horse battery staple';
export const EXAMPLE_ITEM_ID = '5f2b8c1e-7d4a-4e0b-9c3f-1a6e2d8b4c70';
/** An abridged data.json: a real export lists every key of each item. */
export const EXAMPLE_DATA = `{"encrypted":false,"folders":[],"items":[{"id":"${EXAMPLE_ITEM_ID}","type":2,"name":"Note"}]}`;
export const EXAMPLE_FILE_NAME = 'hello.txt';
export const EXAMPLE_CONTENT = 'Hello, archive!\n';
/** Small chunks, so the example has several and its last one is short. */
export const EXAMPLE_CHUNK_SIZE = 64;

const KDF_TYPE_NAMES = ['0: PBKDF2-SHA256', '1: Argon2id', '2: the account key'];

export const EXAMPLE_START =
  '<!-- example: written by tests/tools/encrypted-archive-example.ts -->';
export const EXAMPLE_END = '<!-- end of example -->';

const hex = (bytes: Uint8Array) =>
  Buffer.from(bytes)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');

/** Sixteen bytes a line: offset, the bytes in two groups of eight, then them as ASCII. */
function hexDump(bytes: Buffer): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const line = bytes.subarray(at, at + 16);
    const left = hex(line.subarray(0, 8));
    const right = hex(line.subarray(8));
    const ascii = [...line].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'));
    lines.push(
      `${at.toString(16).padStart(8, '0')}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${ascii.join('')}|`,
    );
  }
  return lines.join('\n');
}

/** The bytes of the hex dump in the page's example section. */
export function exampleBytesFromDoc(section: string): Buffer {
  const block = section.split('```text\n')[1]?.split('\n```')[0] ?? '';
  const bytes = block
    .split('\n')
    .map((line) => line.match(/^[0-9a-f]{8} {2}(.*?) {2}\|/)?.[1] ?? '')
    .join(' ');
  return Buffer.from(bytes.replace(/\s+/g, ''), 'hex');
}

/** The text between the page's example markers. */
export function exampleSectionOf(page: string): string {
  const start = page.indexOf(EXAMPLE_START);
  const end = page.indexOf(EXAMPLE_END);
  if (start < 0 || end < start) throw new Error('the page has no example section');
  return page.slice(start + EXAMPLE_START.length, end);
}

function recordRow(record: DocRecord): string {
  const at = record.offset;
  if (record.type === 'data') {
    return `| ${at} | ${record.bytes.length} | 1 (data) | length ${record.data.length}, then that many bytes of data.json |`;
  }
  if (record.type === 'attachment') {
    const id = Buffer.byteLength(record.itemId);
    const name = Buffer.byteLength(record.fileName);
    return (
      `| ${at} | ${record.bytes.length} | 2 (attachment) | item id length ${id}, \`${record.itemId}\`; ` +
      `file name length ${name}, \`${record.fileName}\`; size ${record.size}, then the content |`
    );
  }
  return `| ${at} | ${record.bytes.length} | 3 (end) | record count ${record.count} |`;
}

export function renderArchiveExample(file: Buffer): string {
  const opened = openArchiveFromDoc(EXAMPLE_PASSWORD, file);
  const { header, keys } = opened;
  const field = (name: string, at: number, length: number, value: string) =>
    `| ${at} | ${length} | ${name} | \`${hex(header.subarray(at, at + length))}\` | ${value} |`;
  const records = parseDocRecords(opened.stream);
  return [
    '',
    `Password: \`${EXAMPLE_PASSWORD}\`. Contents: this data.json (${Buffer.byteLength(EXAMPLE_DATA)} bytes, abridged: a real one lists every key of each item)`,
    '',
    '```json',
    EXAMPLE_DATA,
    '```',
    '',
    `and one attachment of that item, \`${EXAMPLE_FILE_NAME}\`, holding the ${Buffer.byteLength(EXAMPLE_CONTENT)} bytes \`${JSON.stringify(EXAMPLE_CONTENT).slice(1, -1)}\`. Written with chunks of ${opened.chunkSize} bytes and 5,000 PBKDF2 iterations (the fewest a file may ask for) to keep it short; Coffer writes 1 MiB chunks and the account's KDF settings.`,
    '',
    `The whole file, ${file.length} bytes:`,
    '',
    '```text',
    hexDump(file),
    '```',
    '',
    'Its header, field by field:',
    '',
    '| offset | length | field | bytes | value |',
    '|---|---|---|---|---|',
    field('magic', 0, 8, '`\\x89COFFAR\\n`'),
    field('version', 8, 1, String(header[8])),
    field('kdfType', 9, 1, KDF_TYPE_NAMES[header[9]!] ?? String(header[9])),
    field('kdfIterations', 10, 4, String(header.readUInt32BE(10))),
    field('kdfMemory', 14, 4, String(header.readUInt32BE(14))),
    field('kdfParallelism', 18, 4, String(header.readUInt32BE(18))),
    field('salt', 22, 24, `the text \`${header.subarray(22, 46).toString('latin1')}\``),
    field('archiveNonce', 46, 16, ''),
    field('chunkSize', 62, 4, String(header.readUInt32BE(62))),
    field('headerTag', 66, 32, 'HMAC-SHA256(header key, bytes 0–65)'),
    '',
    'The keys (§2) and the password check (§3):',
    '',
    '| value | bytes |',
    '|---|---|',
    `| KDF material: PBKDF2-HMAC-SHA256(password, salt text, 5000, 32) | \`${hex(keys.material)}\` |`,
    `| file key: HKDF-Expand(material, "enc", 32) ‖ HKDF-Expand(material, "mac", 32) | \`${hex(keys.fileKey)}\` |`,
    `| header key: HKDF-Expand(file key, "coffer archive v1 header", 32) | \`${hex(keys.headerKey)}\` |`,
    `| stream key: HKDF-Expand(file key, "coffer archive v1 stream" ‖ archiveNonce, 32) | \`${hex(keys.streamKey)}\` |`,
    '',
    'The header tag computed with the header key equals bytes 66–97, so the password is right. The chunks (§4), each opened with AES-256-GCM under the stream key, with the header (bytes 0–97) as additional data:',
    '',
    '| chunk | offset | sealed length | nonce | GCM tag (its last 16 bytes) |',
    '|---|---|---|---|---|',
    ...opened.chunks.map(
      (c) =>
        `| ${c.index}${c.last ? ' (last)' : ''} | ${c.offset} | ${c.sealedLength} | \`${hex(c.nonce)}\` | \`${hex(file.subarray(c.offset + c.sealedLength - 16, c.offset + c.sealedLength))}\` |`,
    ),
    '',
    `Their plaintexts laid end to end, the stream of ${opened.stream.length} bytes:`,
    '',
    '```',
    hexDump(opened.stream),
    '```',
    '',
    'and its records (§5):',
    '',
    '| stream offset | length | type | fields |',
    '|---|---|---|---|',
    ...records.map(recordRow),
    '',
  ].join('\n');
}
