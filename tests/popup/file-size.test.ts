import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fileSizeText } from '@/src/popup/file-size';

describe('file sizes in words', () => {
  it('are bytes below a kibibyte, then KiB, MiB and GiB with one decimal', () => {
    expect(fileSizeText(0)).toBe('0 bytes');
    expect(fileSizeText(1)).toBe('1 byte');
    expect(fileSizeText(1023)).toBe('1,023 bytes');
    expect(fileSizeText(1024)).toBe('1 KiB');
    expect(fileSizeText(1536)).toBe('1.5 KiB');
    expect(fileSizeText(1_258_291)).toBe('1.2 MiB');
    expect(fileSizeText(100 * 1024 * 1024)).toBe('100 MiB');
    expect(fileSizeText(1024 ** 3)).toBe('1 GiB');
    expect(fileSizeText(5 * 1024 ** 4)).toBe('5,120 GiB');
  });

  it('move to the next unit when rounding would reach 1,024', () => {
    expect(fileSizeText(1024 * 1024 - 1)).toBe('1 MiB');
    expect(fileSizeText(1024 * 1024 - 200)).toBe('1,023.8 KiB');
  });

  it('write numbers as the browser’s language does', () => {
    fakeBrowser.i18n.getUILanguage = () => 'de-DE';
    expect(fileSizeText(1_258_291)).toBe('1,2 MiB');
    expect(fileSizeText(1023)).toBe('1.023 bytes');
  });
});
