/**
 * A file's attachments as one pass over them, whichever way its reader hands them over: archives
 * that unpack any entry when asked (zips, .1pux) as well as those read only in order (the
 * encrypted archive), so the import has one way to take them.
 */
import type { AttachmentsInOrder, ParsedImport } from './import-types';

export function fileAttachments(parsed: ParsedImport): AttachmentsInOrder {
  if (parsed.attachmentsInOrder) return parsed.attachmentsInOrder;
  const attachments = parsed.attachments ?? [];
  return {
    list: attachments.map(({ read: _read, ...entry }) => entry),
    async read(wanted, take) {
      // Each is unpacked only when its turn comes, and let go of before the next.
      for (const [index, attachment] of attachments.entries()) {
        if (wanted.has(index)) await take(index, attachment.read());
      }
    },
  };
}
