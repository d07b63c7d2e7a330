/** Tools → Verify backup: a backup's attachments against the vault's, by name and content hash. */
import { describe, expect, it } from 'vitest';
import {
  attachmentsMatch,
  diffAttachments,
  type HashedAttachment,
} from '@/src/vault/attachment-diff';

const file = (fileName: string, sha256: string): HashedAttachment => ({ fileName, sha256 });
const damaged = (fileName: string): HashedAttachment => ({ fileName, sha256: null });

describe('diffAttachments', () => {
  it('counts attachments of the same name and content as the same', () => {
    const diff = diffAttachments([
      { itemName: 'Passport', file: [file('a', '1'), file('b', '2')], vault: [file('b', '2')] },
      { itemName: 'Bank', file: [], vault: [file('a', '1')] },
    ]);
    expect(diff).toEqual({
      held: true,
      same: 1,
      changed: [],
      onlyInVault: [{ itemName: 'Bank', fileName: 'a' }],
      onlyInFile: [{ itemName: 'Passport', fileName: 'a' }],
      damaged: [],
      unplaced: [],
    });
    expect(attachmentsMatch(diff)).toBe(false);
  });

  it('pairs two files of one name one to one: equal content first, then by name', () => {
    const diff = diffAttachments([
      {
        itemName: 'Keys',
        // The backup's order differs from the vault's; the equal ones still pair.
        file: [file('key.bin', 'new'), file('key.bin', 'old'), file('key.bin', 'x')],
        vault: [file('key.bin', 'old'), file('key.bin', 'other'), file('key.bin', 'new')],
      },
    ]);
    expect(diff).toMatchObject({
      same: 2,
      changed: [{ itemName: 'Keys', fileName: 'key.bin' }],
      onlyInVault: [],
      onlyInFile: [],
    });
  });

  it('says of a damaged vault attachment whether the backup holds one of its name', () => {
    const diff = diffAttachments([
      {
        itemName: 'Tax',
        file: [file('report.pdf', '1'), file('notes.txt', '2')],
        vault: [damaged('report.pdf'), damaged('lost.txt'), file('notes.txt', '2')],
      },
    ]);
    expect(diff).toMatchObject({
      same: 1,
      changed: [],
      onlyInFile: [],
      onlyInVault: [],
      damaged: [
        { itemName: 'Tax', fileName: 'report.pdf', inBackup: true },
        { itemName: 'Tax', fileName: 'lost.txt', inBackup: false },
      ],
    });
    expect(attachmentsMatch(diff)).toBe(false);
  });

  it('keeps the paths of files that belong to no item, and matches only without differences', () => {
    const same = diffAttachments([
      { itemName: 'A', file: [file('a', '1')], vault: [file('a', '1')] },
    ]);
    expect(attachmentsMatch(same)).toBe(true);
    const stray = diffAttachments([], ['attachments/x/stray.txt']);
    expect(stray.unplaced).toEqual(['attachments/x/stray.txt']);
    expect(attachmentsMatch(stray)).toBe(false);
  });

  it('leaves a backup without attachments to the item comparison', () => {
    expect(attachmentsMatch(undefined)).toBe(true);
    expect(attachmentsMatch({ held: false, inVault: 3 })).toBe(true);
  });
});
