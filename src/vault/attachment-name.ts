/**
 * An attachment's file name: what may be stored (checked when a file is added or renamed, by the
 * popup to answer at once and by the background again), and what it becomes when the file is
 * saved to disk, where some characters are not allowed in a name.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { MAX_ATTACHMENT_NAME_LENGTH } from './policy';

/** C0 and C1 control characters and DEL: line breaks, tabs, escapes. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The name to store: trimmed, not empty, not too long, without control characters. */
export function checkAttachmentName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new CofferError('errAttachmentNeedsName', { field: 'fileName' });
  if ([...trimmed].length > MAX_ATTACHMENT_NAME_LENGTH) {
    throw new CofferError('errAttachmentNameTooLong', {
      args: [MAX_ATTACHMENT_NAME_LENGTH],
      field: 'fileName',
    });
  }
  if (CONTROL.test(trimmed)) {
    throw new CofferError('errAttachmentNameControl', { field: 'fileName' });
  }
  return trimmed;
}

/**
 * Characters no download may have in its name: path separators (the file would land in a
 * subfolder, or be refused for ".."), and those Windows forbids, which browsers refuse on every
 * system.
 */
// eslint-disable-next-line no-control-regex -- control characters are among them
const NOT_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f]/g;
/** Leading and trailing dots and spaces: hidden files on Unix, and names Windows trims. */
const EDGE_DOTS = /^[.\s]+|[.\s]+$/g;
const FALLBACK_NAME = 'attachment';

/** The name to save a file under: the stored name with the characters a download refuses as "_". */
export function downloadFileName(name: string): string {
  const safe = name.replace(NOT_IN_FILE_NAMES, '_').replace(EDGE_DOTS, '');
  return safe === '' ? FALLBACK_NAME : safe;
}
