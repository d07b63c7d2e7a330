import { describe, expect, it } from 'vitest';
import { listedUnder, searchTextOf } from '@/src/vault/vault-filter';

const item = (over: Partial<Parameters<typeof listedUnder>[0]> = {}) => ({
  name: 'Bank',
  subtitle: 'me@example.com',
  uris: ['https://bank.example'],
  folderId: 'f1',
  favorite: false,
  archived: false,
  ...over,
});

describe('which items a folder choice lists', () => {
  it('keeps archived items out of every list but the archive and the export chooser', () => {
    const archived = item({ archived: true });
    for (const folder of ['all', 'favorites', 'none', 'f1']) {
      expect(listedUnder(archived, folder)).toBe(false);
    }
    expect(listedUnder(archived, 'archive')).toBe(true);
    expect(listedUnder(archived, 'everything')).toBe(true);
    expect(listedUnder(item(), 'archive')).toBe(false);
    expect(listedUnder(item(), 'everything')).toBe(true);
  });

  it('lists by folder, no folder and favorites', () => {
    expect(listedUnder(item(), 'f1')).toBe(true);
    expect(listedUnder(item(), 'f2')).toBe(false);
    expect(listedUnder(item({ folderId: null }), 'none')).toBe(true);
    expect(listedUnder(item(), 'none')).toBe(false);
    expect(listedUnder(item({ favorite: true }), 'favorites')).toBe(true);
    expect(listedUnder(item(), 'favorites')).toBe(false);
  });

  it('searches lower-cased text that no match can span across two fields', () => {
    const text = searchTextOf(item());
    expect(text.includes('me@example')).toBe(true);
    expect(text.includes('bankme')).toBe(false);
  });
});
