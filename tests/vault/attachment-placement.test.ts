/**
 * Where an import puts a file's attachments: on the item the plan put their file item, never
 * twice on one vault item (by name and size, counted), never anywhere when their item is not
 * imported, and never with a name or size Coffer would not keep.
 */
import { describe, expect, it } from 'vitest';
import { placeAttachments, type FileAttachment } from '@/src/vault/attachment-placement';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME_LENGTH } from '@/src/vault/policy';

const file = (itemId: string, fileName: string, size = 10): FileAttachment => ({
  itemId,
  fileName,
  size,
  path: `attachments/${itemId}/${fileName}`,
});

describe('placeAttachments', () => {
  it('puts each attachment where the plan put its item, under its stored name', () => {
    const placement = placeAttachments({
      attachments: [file('a', 'one.txt'), file('b', '  two.txt '), file('a', 'three.txt', 3)],
      fileItemIds: ['a', 'b'],
      vaultIds: ['a', 'vault-b'],
      inVault: new Map(),
    });
    expect(placement).toEqual({
      add: [
        { index: 0, itemId: 'a', fileName: 'one.txt', size: 10 },
        { index: 1, itemId: 'vault-b', fileName: 'two.txt', size: 10 },
        { index: 2, itemId: 'a', fileName: 'three.txt', size: 3 },
      ],
      inVault: 0,
      noItem: [],
    });
  });

  it('skips what the vault item has already, one for one: same name and same size', () => {
    const placement = placeAttachments({
      attachments: [
        file('a', 'scan.png', 5),
        file('a', 'scan.png', 5),
        file('a', 'scan.png', 5),
        file('a', 'scan.png', 6),
        file('a', 'Scan.png', 5),
      ],
      fileItemIds: ['a'],
      vaultIds: ['v'],
      inVault: new Map([
        [
          'v',
          [
            { fileName: 'scan.png', size: 5 },
            { fileName: 'scan.png', size: 5 },
          ],
        ],
      ]),
    });
    expect(placement.inVault).toBe(2);
    expect(placement.add.map((p) => p.index)).toEqual([2, 3, 4]);
  });

  it('lists those whose item is not imported, and the first of two items of one id wins', () => {
    const orphan = file('gone', 'x.txt');
    const placement = placeAttachments({
      attachments: [orphan, file('twice', 'y.txt')],
      fileItemIds: ['twice', 'twice'],
      vaultIds: ['first', 'second'],
      inVault: new Map(),
    });
    expect(placement.noItem).toEqual([orphan]);
    expect(placement.add).toEqual([{ index: 1, itemId: 'first', fileName: 'y.txt', size: 10 }]);
  });

  it('refuses a name Coffer would not keep, or a file too large, by its path', () => {
    const place = (attachment: FileAttachment) =>
      placeAttachments({
        attachments: [attachment],
        fileItemIds: ['a'],
        vaultIds: ['a'],
        inVault: new Map(),
      });
    for (const name of [' ', 'tab\there', 'n'.repeat(MAX_ATTACHMENT_NAME_LENGTH + 1)]) {
      expect(() => place(file('a', name))).toThrow(
        expect.objectContaining({
          key: 'errImportAttachmentName',
          code: 'ERR_INVALID_FILE',
          args: [`attachments/a/${name}`, MAX_ATTACHMENT_NAME_LENGTH],
        }),
      );
    }
    expect(() => place(file('a', 'huge.iso', MAX_ATTACHMENT_BYTES + 1))).toThrow(
      expect.objectContaining({ key: 'errZipAttachmentTooLarge', code: 'ERR_FILE_TOO_LARGE' }),
    );
    expect(place(file('a', 'n'.repeat(MAX_ATTACHMENT_NAME_LENGTH))).add).toHaveLength(1);
  });
});
