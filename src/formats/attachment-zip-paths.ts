/**
 * Where each attachment goes in a `.zip (with attachments)`, and what a path there stands for
 * (docs/formats-attachments.md). Bitwarden's exporter writes `attachments/<cipherId>/<fileName>`
 * and lets a second file of the same name on one item replace the first; Coffer keeps both by
 * placing the later ones one folder deeper, under their attachment id. A name that cannot be a
 * path segment is percent-escaped, and the reader undoes exactly the escapes the writer makes.
 */

/** The items, as the `.json` export writes them. */
export const DATA_JSON = 'data.json';
export const ATTACHMENTS_FOLDER = 'attachments';

/** An attachment as the writer places it: its id and its file name, decrypted. */
export interface AttachmentToPlace {
  id: string;
  fileName: string;
}

/** What a path under attachments/ stands for. */
export interface AttachmentPath {
  itemId: string;
  fileName: string;
  /** Set for a later attachment of a name the item already has (the path's third segment). */
  attachmentId: string | null;
}

/**
 * The archive path of each of one item's attachments, in the order given (the order they were
 * added, so the oldest keeps the plain path). Names are compared as an unpacking file system
 * might (case, Unicode normalisation, trailing dots and spaces), since two names that one of them
 * confuses would overwrite each other there even though the archive holds both.
 */
export function attachmentZipPaths(
  itemId: string,
  attachments: readonly AttachmentToPlace[],
): string[] {
  const item = `${ATTACHMENTS_FOLDER}/${toSegment(itemId)}`;
  const names = attachments.map((a) => toSegment(a.fileName));
  const folders = attachments.map((a) => toSegment(a.id));
  const deeper = nestedOnes(names, folders);
  return attachments.map((_, i) =>
    deeper.has(i) ? `${item}/${folders[i]}/${names[i]}` : `${item}/${names[i]}`,
  );
}

/**
 * Which attachments go one folder deeper: every one whose name an earlier one took, and every one
 * whose name is a folder that a deeper one needs (a file and a folder of one name cannot both be
 * unpacked). Moving one deeper can make another folder needed, so this repeats until nothing
 * moves; each round moves at least one, so it ends.
 */
function nestedOnes(names: readonly string[], folders: readonly string[]): Set<number> {
  const deeper = new Set<number>();
  for (let moved = true; moved;) {
    moved = false;
    const taken = new Set([...deeper].map((i) => collisionKey(folders[i]!)));
    names.forEach((name, i) => {
      if (deeper.has(i)) return;
      const key = collisionKey(name);
      if (taken.has(key)) {
        deeper.add(i);
        moved = true;
      } else {
        taken.add(key);
      }
    });
  }
  return deeper;
}

/** Names that case-insensitive or normalising file systems (macOS, Windows) take as one. */
function collisionKey(segment: string): string {
  return segment
    .normalize('NFC')
    .toLowerCase()
    .replace(/[. ]+$/, '');
}

/**
 * What an archive path under attachments/ stands for: `attachments/<item>/<name>` (Bitwarden's
 * layout and Coffer's first of a name) or `attachments/<item>/<attachment>/<name>`; null for any
 * other path, which the reader reports as unknown.
 */
export function readAttachmentZipPath(path: string): AttachmentPath | null {
  const parts = path.split('/');
  if (parts[0] !== ATTACHMENTS_FOLDER || parts.some((part) => part === '')) return null;
  const [, item, middle, last] = parts;
  if (parts.length === 3) {
    return { itemId: fromSegment(item!), fileName: fromSegment(middle!), attachmentId: null };
  }
  if (parts.length === 4) {
    return {
      itemId: fromSegment(item!),
      fileName: fromSegment(last!),
      attachmentId: fromSegment(middle!),
    };
  }
  return null;
}

/** The escapes `fromSegment` undoes: upper-case hex, and only of the characters escaped. */
const ESCAPE = /%([0-9A-F]{2})/g;
const HEX_PAIR = /^[0-9A-F]{2}$/;
const PERCENT = 0x25;
/** Whole names a segment cannot be, as written instead. */
const SPECIAL = new Map([
  ['', '%'],
  ['%', '%25'],
  ['.', '%2E'],
  ['..', '%2E%2E'],
]);
const SPECIAL_READ = new Map([...SPECIAL].map(([name, segment]) => [segment, name]));

/**
 * A name as one path segment: itself if it can be one, else with the unsafe characters escaped:
 * C0 controls and DEL (terminals show them as commands, Windows refuses them), both separators,
 * and `%` where it would read as an escape.
 */
function toSegment(name: string): string {
  const special = SPECIAL.get(name);
  if (special !== undefined) return special;
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    const unsafe = isEscaped(code) && (code !== PERCENT || HEX_PAIR.test(name.slice(i + 1, i + 3)));
    out += unsafe ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : name[i];
  }
  return out;
}

/** The name a segment was written for (a segment no writer escaped reads as itself). */
function fromSegment(segment: string): string {
  // '%25' is both the lone '%' and an ordinary escape: either way it reads as '%'.
  const special = SPECIAL_READ.get(segment);
  if (special !== undefined) return special;
  return segment.replace(ESCAPE, (escape, code: string) => {
    const char = parseInt(code, 16);
    return isEscaped(char) ? String.fromCharCode(char) : escape;
  });
}

function isEscaped(code: number): boolean {
  return code < 0x20 || code === 0x7f || code === 0x2f || code === 0x5c || code === PERCENT;
}
