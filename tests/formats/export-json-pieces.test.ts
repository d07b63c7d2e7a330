/**
 * The `.json` export written in pieces (a batch of items at a time) is exactly the document
 * written whole, however the items are split, and exactly Bitwarden's file for the SDK's vault.
 */
import { describe, expect, it } from 'vitest';
import {
  jsonExportEnd,
  jsonExportItems,
  jsonExportStart,
  serializeExport,
} from '@/src/formats/export-json';
import { readFixtureJson, readFixtureText, readTruth } from '../helpers/fixtures';
import { truthFolders, truthItems } from '../helpers/truth-items';

const decoder = new TextDecoder('utf-8', { fatal: true });

describe('the .json export in pieces', () => {
  it('equals the whole document for every way of splitting the items', () => {
    const truth = readTruth('pbkdf2');
    const items = truthItems(truth);
    const folders = truthFolders(truth);
    const head = { encrypted: false };
    const bitwarden = readFixtureText('pbkdf2', 'sdk-plain.json');
    expect(items.length).toBeGreaterThan(3);
    for (const size of [1, 2, 3, items.length]) {
      let text = jsonExportStart(head, folders);
      for (let at = 0; at < items.length; at += size) {
        text += decoder.decode(jsonExportItems(items.slice(at, at + size), at));
      }
      text += jsonExportEnd(items.length);
      expect(text).toBe(bitwarden);
    }
    // And with no items at all.
    expect(jsonExportStart(head, folders) + jsonExportEnd(0)).toBe(
      serializeExport({ ...readFixtureJson('pbkdf2', 'sdk-plain.json'), items: [] }),
    );
  });
});
