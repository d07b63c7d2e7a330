import { describe, expect, it } from 'vitest';
import { checkAttachmentName, downloadFileName } from '@/src/vault/attachment-name';
import { MAX_ATTACHMENT_NAME_LENGTH } from '@/src/vault/policy';

describe('an attachment name', () => {
  it('is stored trimmed, up to the longest allowed, counted in characters', () => {
    expect(checkAttachmentName('  report 2024.pdf\u00a0')).toBe('report 2024.pdf');
    const longest = '📎'.repeat(MAX_ATTACHMENT_NAME_LENGTH);
    expect(checkAttachmentName(longest)).toBe(longest);
    expect(checkAttachmentName('Überweisung / März.pdf')).toBe('Überweisung / März.pdf');
  });

  it.each([
    ['', 'errAttachmentNeedsName'],
    [' \t\n ', 'errAttachmentNeedsName'],
    ['x'.repeat(MAX_ATTACHMENT_NAME_LENGTH + 1), 'errAttachmentNameTooLong'],
    ['line\nbreak.txt', 'errAttachmentNameControl'],
    ['null\u0000.txt', 'errAttachmentNameControl'],
    ['escape\u001b[31m.txt', 'errAttachmentNameControl'],
    ['delete\u007f.txt', 'errAttachmentNameControl'],
    ['c1\u0085.txt', 'errAttachmentNameControl'],
  ])('%j is refused with %s', (name, key) => {
    expect(() => checkAttachmentName(name)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT', key, field: 'fileName' }),
    );
  });

  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['C:\\Users\\a.txt', 'C__Users_a.txt'],
    ['what? "this" <is> a|b*.txt', 'what_ _this_ _is_ a_b_.txt'],
    ['.hidden', 'hidden'],
    ['trailing dots...', 'trailing dots'],
    ['...', 'attachment'],
  ])('%j is saved to disk as %j', (name, saved) => {
    expect(downloadFileName(name)).toBe(saved);
  });
});
