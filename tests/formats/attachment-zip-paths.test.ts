/**
 * The paths of a `.zip (with attachments)` (docs/formats-attachments.md): Bitwarden's
 * `attachments/<item>/<name>`, later files of a name one folder deeper under their id, unsafe
 * names escaped, and every path read back to the item and name it was written for.
 */
import { describe, expect, it } from 'vitest';
import {
  attachmentZipPaths,
  readAttachmentZipPath,
  type AttachmentToPlace,
} from '@/src/formats/attachment-zip-paths';

const ITEM = 'ee263103-4ebc-4da5-94fb-12b733c4ae91';
const at = (id: string, fileName: string): AttachmentToPlace => ({ id, fileName });

describe('attachmentZipPaths', () => {
  it('lays out distinct names as Bitwarden does: attachments/<item id>/<file name>', () => {
    expect(
      attachmentZipPaths(ITEM, [at('a1', 'receipt.pdf'), at('a2', 'Ünïcode – photo 1.jpg')]),
    ).toEqual([`attachments/${ITEM}/receipt.pdf`, `attachments/${ITEM}/Ünïcode – photo 1.jpg`]);
  });

  it('keeps the first of a name at the plain path and puts later ones under their own id', () => {
    const paths = attachmentZipPaths(ITEM, [
      at('a1', 'scan.pdf'),
      at('a2', 'notes.txt'),
      at('a3', 'scan.pdf'),
      at('a4', 'scan.pdf'),
    ]);
    expect(paths).toEqual([
      `attachments/${ITEM}/scan.pdf`,
      `attachments/${ITEM}/notes.txt`,
      `attachments/${ITEM}/a3/scan.pdf`,
      `attachments/${ITEM}/a4/scan.pdf`,
    ]);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('takes names that macOS or Windows would unpack onto each other as the same name', () => {
    const composed = 'caf\u00e9.txt';
    const decomposed = 'cafe\u0301.txt';
    expect(
      attachmentZipPaths(ITEM, [
        at('a1', 'Report.PDF'),
        at('a2', 'report.pdf'),
        at('a3', composed),
        at('a4', decomposed),
        at('a5', 'draft'),
        at('a6', 'draft. '),
      ]),
    ).toEqual([
      `attachments/${ITEM}/Report.PDF`,
      `attachments/${ITEM}/a2/report.pdf`,
      `attachments/${ITEM}/${composed}`,
      `attachments/${ITEM}/a4/${decomposed}`,
      `attachments/${ITEM}/draft`,
      `attachments/${ITEM}/a6/draft. `,
    ]);
  });

  it('moves a file named like a needed folder deeper too, so no file and folder share a name', () => {
    // a2 repeats a1's name and needs the folder "a2", which a3's name already takes; a3 then
    // needs the folder "a3", which a4's name takes.
    expect(
      attachmentZipPaths(ITEM, [
        at('a1', 'x.txt'),
        at('a2', 'x.txt'),
        at('a3', 'A2'),
        at('a4', 'a3'),
      ]),
    ).toEqual([
      `attachments/${ITEM}/x.txt`,
      `attachments/${ITEM}/a2/x.txt`,
      `attachments/${ITEM}/a3/A2`,
      `attachments/${ITEM}/a4/a3`,
    ]);
  });

  it('escapes what cannot be a path segment, and leaves every other character as it is', () => {
    const cases: [name: string, segment: string][] = [
      ['a/b.txt', 'a%2Fb.txt'],
      ['C:\\temp\\x.txt', 'C:%5Ctemp%5Cx.txt'],
      ['', '%'],
      ['.', '%2E'],
      ['..', '%2E%2E'],
      ['...', '...'],
      ['%', '%25'],
      ['100% done.txt', '100% done.txt'],
      ['%41 and %zz and %2f', '%2541 and %zz and %2f'],
      ['%2F', '%252F'],
      ['line\nbreak\u0000\u001f\u007f.txt', 'line%0Abreak%00%1F%7F.txt'],
      ['tab\there.txt', 'tab%09here.txt'],
      ['<>:"|?* ok.txt', '<>:"|?* ok.txt'],
      ['emoji 🔑.txt', 'emoji 🔑.txt'],
    ];
    for (const [name, segment] of cases) {
      const [path] = attachmentZipPaths(ITEM, [at('a1', name)]);
      expect(path, JSON.stringify(name)).toBe(`attachments/${ITEM}/${segment}`);
      expect(readAttachmentZipPath(path!)).toEqual({
        itemId: ITEM,
        fileName: name,
        attachmentId: null,
      });
    }
  });

  it('escapes item and attachment ids by the same rule', () => {
    const paths = attachmentZipPaths('odd/../id', [at('x/1', 'a.txt'), at('..', 'a.txt')]);
    expect(paths).toEqual([
      'attachments/odd%2F..%2Fid/a.txt',
      'attachments/odd%2F..%2Fid/%2E%2E/a.txt',
    ]);
    expect(paths.map(readAttachmentZipPath)).toEqual([
      { itemId: 'odd/../id', fileName: 'a.txt', attachmentId: null },
      { itemId: 'odd/../id', fileName: 'a.txt', attachmentId: '..' },
    ]);
  });

  it('reads back every path it writes to the item and name it was written for', () => {
    // Names drawn from the characters the rule is about, many times over.
    const pool = ['%', '/', '\\', '.', ' ', 'A', 'f', '2', 'F', '5', 'C', '\u0000', '\n', 'é'];
    let seed = 7; // MINSTD: exact in doubles
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let round = 0; round < 300; round++) {
      const attachments = Array.from({ length: 1 + Math.floor(random() * 5) }, (_, i) => {
        const length = Math.floor(random() * 6);
        const name = Array.from({ length }, () => pool[Math.floor(random() * pool.length)]);
        return at(`id-${i}`, name.join(''));
      });
      const paths = attachmentZipPaths(ITEM, attachments);
      expect(new Set(paths).size).toBe(paths.length);
      paths.forEach((path, i) => {
        const segments = path.split('/');
        expect(segments.length === 3 || segments.length === 4, path).toBe(true);
        expect(
          segments.some((s) => s === '' || s === '.' || s === '..'),
          path,
        ).toBe(false);
        expect(readAttachmentZipPath(path)).toMatchObject({
          itemId: ITEM,
          fileName: attachments[i]!.fileName,
        });
      });
    }
  });
});

describe('readAttachmentZipPath', () => {
  it('reads a later attachment of a name with its id', () => {
    expect(readAttachmentZipPath(`attachments/${ITEM}/a3/scan.pdf`)).toEqual({
      itemId: ITEM,
      fileName: 'scan.pdf',
      attachmentId: 'a3',
    });
  });

  it("reads Bitwarden's names as they are when they hold no escape Coffer writes", () => {
    for (const name of ['100% done.pdf', 'résumé.pdf', '%zz', '%2f lower.txt', '%41.txt']) {
      expect(readAttachmentZipPath(`attachments/${ITEM}/${name}`)?.fileName).toBe(name);
    }
  });

  it('is null for every path outside the layout', () => {
    for (const path of [
      'data.json',
      'attachments',
      'attachments/loose.txt',
      'attachments//a.txt',
      `attachments/${ITEM}/`,
      `attachments/${ITEM}/a/b/c.txt`,
      `Attachments/${ITEM}/a.txt`,
      `files/${ITEM}/a.txt`,
    ]) {
      expect(readAttachmentZipPath(path), path).toBeNull();
    }
  });
});
