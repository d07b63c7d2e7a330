import { describe, expect, it } from 'vitest';
import { parsePlainBitwarden } from '@/src/formats/import-bitwarden-json';
import { IMPORT_LIMITS } from '@/src/formats/import-types';
import {
  MAX_FIELD_LENGTH,
  MAX_FOLDER_NAME_LENGTH_IMPORTED,
  MAX_FOLDER_NAME_LENGTH_TYPED,
  MAX_IMPORT_FILE_BYTES,
  MAX_IMPORT_FOLDERS,
  MAX_IMPORT_ITEMS,
} from '@/src/vault/policy';
import { createUnlockedBackground } from '../helpers/background';

const importContext = { newId: () => crypto.randomUUID(), now: '2026-01-01T00:00:00.000Z' };
const folderFile = (name: string) => ({
  folders: [{ id: '3f1c2d4e-0000-4000-8000-000000000001', name }],
  items: [],
});

describe('the shared limits', () => {
  // The formats still keep their own copy (IMPORT_LIMITS) until the format registry lands.
  it('are the ones the importers apply', () => {
    expect(IMPORT_LIMITS).toEqual({
      maxFileBytes: MAX_IMPORT_FILE_BYTES,
      maxItems: MAX_IMPORT_ITEMS,
      maxFolders: MAX_IMPORT_FOLDERS,
      maxStringLength: MAX_FIELD_LENGTH,
    });
  });

  it('let an imported folder name be longer than a typed one', async () => {
    expect(MAX_FOLDER_NAME_LENGTH_IMPORTED).toBeGreaterThan(MAX_FOLDER_NAME_LENGTH_TYPED);
    const longest = 'f'.repeat(MAX_FOLDER_NAME_LENGTH_IMPORTED);
    expect(parsePlainBitwarden(folderFile(longest), importContext).folders[0]?.name).toBe(longest);
    expect(() => parsePlainBitwarden(folderFile(`${longest}f`), importContext)).toThrow(
      expect.objectContaining({ code: 'ERR_STRING_TOO_LONG' }),
    );

    const { client } = await createUnlockedBackground();
    const typed = 't'.repeat(MAX_FOLDER_NAME_LENGTH_TYPED);
    await expect(client.saveFolder({ name: typed })).resolves.toMatchObject({ name: typed });
    await expect(client.saveFolder({ name: `${typed}t` })).rejects.toMatchObject({
      code: 'ERR_STRING_TOO_LONG',
    });
  });
});
