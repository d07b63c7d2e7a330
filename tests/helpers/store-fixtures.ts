/**
 * What the store-upgrade tests (tests/store/upgrade-from-v*.test.ts) do alike: the attachment
 * each fixture vault is given when it is written, and the check that it survived the upgrade.
 */
import { expect } from 'vitest';
import { toBase64 } from '@/src/crypto/bytes';
import type { ItemRecord } from '@/src/store/records';
import type { TestBackground } from './background';
import type { DatabaseDump } from './database-dump';
import type { Truth } from './fixtures';
import { truthItems } from './truth-items';
import type { TruthVault } from './truth-vault';

/** The item a fixture's attachment belongs to: the fixture's first one without re-prompt. */
export function attachmentItemId(truth: Truth): string {
  return truthItems(truth).find((item) => item.reprompt === 0)!.id;
}

/** Uploads `content` and attaches it to the fixture's attachment item. */
export async function attachFixtureFile(
  vault: Pick<TruthVault, 'client' | 'truth'>,
  fileName: string,
  content: Uint8Array,
): Promise<void> {
  const { uploadId } = await vault.client.beginUpload({ size: content.length });
  await vault.client.uploadChunk({ uploadId, offset: 0, base64: toBase64(content) });
  await vault.client.addAttachment({ itemId: attachmentItemId(vault.truth), fileName, uploadId });
}

/** The attachment is listed on its item and saves to exactly its bytes. */
export async function expectFixtureFileKept(
  background: TestBackground,
  truth: Truth,
  fileName: string,
  content: Uint8Array,
): Promise<void> {
  const itemId = attachmentItemId(truth);
  const attachments = await background.client.listAttachments({ itemId });
  expect(attachments).toEqual([{ id: expect.any(String), itemId, fileName, size: content.length }]);
  const saved = await background.client.saveAttachment({
    itemId,
    attachmentId: attachments[0]!.id,
  });
  expect(saved).toEqual({ fileName, bytes: content.length });
  expect(background.downloads.files.at(-1)!.content).toEqual({ kind: 'bytes', bytes: content });
}

/**
 * What the version 6 fixture's vault (tests/fixtures/store/coffer-db-v6.json) was given before it
 * was dumped, beside the SDK's items: the store test that writes it and the tests that read it
 * (in Node and in Chromium) agree on these.
 */
export const V6_FIXTURE = {
  fileName: 'fixture attachment (v6).bin',
  content: new Uint8Array([
    ...new TextEncoder().encode('Coffer database version 6\n'),
    ...Array.from({ length: 256 }, (_, i) => 255 - i),
  ]),
  settings: { vaultTimeout: 60, backupReminderDays: 14, clearClipboard: 120 },
  generated: 'remembered before the upgrade',
} as const;

/** The item records of a dump from before version 7 (one per record), in the vault's order. */
export function dumpedItemsInOrder(dump: DatabaseDump): ItemRecord[] {
  return dump.stores
    .find((store) => store.name === 'items')!
    .records.map((record) => record.value as ItemRecord & { seq: number })
    .sort((a, b) => a.seq - b.seq)
    .map(({ seq: _seq, ...record }) => record);
}
