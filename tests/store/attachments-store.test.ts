/**
 * Attachments in the store: descriptions and content in two stores, written in the same single
 * transaction as the rest of a change; deleting an item takes its attachments along; a key
 * rotation's replacement of the vault keeps the content of the attachments it puts back.
 */
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { AttachmentRecord, ItemRecord } from '@/src/store/records';
import { DB_NAME } from '@/src/store/schema';
import { openVaultStore, type VaultStore } from '@/src/store/vault-store';
import type { EncText } from '@/src/vault/item';

const enc = (s: string) => `2.${s}` as EncText;

function itemRecord(id: string): ItemRecord {
  return {
    id,
    folderId: null,
    organizationId: null,
    collectionIds: null,
    name: enc(`name-${id}`),
    notes: null,
    type: 2,
    secureNote: { type: 0 },
    favorite: false,
    reprompt: 0,
    passwordHistory: null,
    revisionDate: '2025-01-01T00:00:00.000Z',
    creationDate: '2025-01-01T00:00:00.000Z',
    deletedDate: null,
  };
}

function attachment(id: string, itemId: string, size = 10): AttachmentRecord {
  return {
    id,
    itemId,
    fileName: enc(`file-${id}`),
    key: enc(`key-${id}`),
    size,
    creationDate: '2025-01-01T00:00:00.000Z',
    revisionDate: '2025-01-01T00:00:00.000Z',
  };
}

const content = (id: string) => ({ id, data: new TextEncoder().encode(`data-${id}`) });

/** Every record of the two attachment stores, by id. */
async function attachmentStores(): Promise<{ records: string[]; data: string[] }> {
  const db = await openDB(DB_NAME);
  const [records, data] = await Promise.all([
    db.getAllKeys('attachments'),
    db.getAllKeys('attachmentData'),
  ]);
  db.close();
  return { records: records.map(String), data: data.map(String) };
}

/** Everything in the database, for "nothing changed". */
async function snapshot(): Promise<string> {
  const db = await openDB(DB_NAME);
  const out: Record<string, unknown> = {};
  for (const name of db.objectStoreNames) out[name] = await db.getAll(name);
  db.close();
  return JSON.stringify(out);
}

/** Items a and b, with attachments a1, a2 (of a) and b1 (of b). */
async function storeWithAttachments(): Promise<VaultStore> {
  const store = await openVaultStore();
  await store.write({
    putItems: [itemRecord('a'), itemRecord('b')],
    putAttachments: [attachment('a1', 'a', 3), attachment('b1', 'b', 5)],
    putAttachmentData: [content('a1'), content('b1')],
  });
  await store.write({
    putAttachments: [attachment('a2', 'a', 7)],
    putAttachmentData: [content('a2')],
  });
  return store;
}

describe('attachments in the store', () => {
  it('are listed per item and for the vault in the order they were added, content apart', async () => {
    const store = await storeWithAttachments();
    expect(await store.listAttachments('a')).toEqual([
      attachment('a1', 'a', 3),
      attachment('a2', 'a', 7),
    ]);
    expect(await store.listAttachments('b')).toEqual([attachment('b1', 'b', 5)]);
    expect(await store.listAttachments('none')).toEqual([]);
    expect((await store.listAllAttachments()).map((r) => r.id)).toEqual(['a1', 'b1', 'a2']);
    expect(await store.getAttachment('a2')).toEqual(attachment('a2', 'a', 7));
    expect(await store.getAttachment('gone')).toBeUndefined();
    expect(await store.getAttachmentData('b1')).toEqual(content('b1').data);
    expect(await store.getAttachmentData('gone')).toBeUndefined();
    expect(await store.totalAttachmentBytes()).toBe(15);
    // A renamed attachment keeps its place.
    await store.write({ putAttachments: [{ ...attachment('a1', 'a', 3), fileName: enc('new') }] });
    expect((await store.listAttachments('a')).map((r) => [r.id, r.fileName])).toEqual([
      ['a1', enc('new')],
      ['a2', enc('file-a2')],
    ]);
    store.close();
  });

  it('are deleted, record and content, by id', async () => {
    const store = await storeWithAttachments();
    await store.write({ deleteAttachmentIds: ['a1'] });
    expect(await attachmentStores()).toEqual({ records: ['a2', 'b1'], data: ['a2', 'b1'] });
    expect(await store.totalAttachmentBytes()).toBe(12);
    store.close();
  });

  it('go with their item, in the same transaction, and only theirs', async () => {
    const store = await storeWithAttachments();
    await store.write({ deleteItemIds: ['a'] });
    expect(await attachmentStores()).toEqual({ records: ['b1'], data: ['b1'] });
    expect((await store.listItems()).map((r) => r.id)).toEqual(['b']);
    store.close();
  });

  it('keep their content through a replacement of the vault that puts them back', async () => {
    const store = await storeWithAttachments();
    const before = await store.getAttachmentData('a1');
    await store.write({
      replaceAll: true,
      putItems: [itemRecord('a'), itemRecord('b')],
      putAttachments: [
        { ...attachment('a1', 'a', 3), key: enc('rewrapped-a1') },
        { ...attachment('b1', 'b', 5), key: enc('rewrapped-b1') },
      ],
    });
    expect(await store.getAttachmentData('a1')).toEqual(before);
    expect((await store.listAllAttachments()).map((r) => [r.id, r.key])).toEqual([
      ['a1', enc('rewrapped-a1')],
      ['b1', enc('rewrapped-b1')],
    ]);
    // a2 was not put back: under the old key its content could never be read again.
    expect(await attachmentStores()).toEqual({ records: ['a1', 'b1'], data: ['a1', 'b1'] });
    store.close();
  });

  it('are not written at all when one record of the write is refused', async () => {
    const store = await storeWithAttachments();
    const before = await snapshot();
    const broken = { ...attachment('x', 'a'), id: undefined } as unknown as AttachmentRecord;
    await expect(
      store.write({
        putItems: [{ ...itemRecord('a'), revisionDate: '2026-01-01T00:00:00.000Z' }],
        putAttachments: [attachment('c1', 'a'), broken],
        putAttachmentData: [content('c1')],
      }),
    ).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
    await expect(
      store.write({
        deleteItemIds: ['a'],
        putAttachmentData: [{ id: undefined } as unknown as ReturnType<typeof content>],
      }),
    ).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
    expect(await snapshot()).toBe(before);
    store.close();
  });

  it('are cleared with everything else, and a new account starts without any', async () => {
    const store = await storeWithAttachments();
    await store.deleteEverything();
    expect(await attachmentStores()).toEqual({ records: [], data: [] });

    await store.write({
      putItems: [itemRecord('left')],
      putAttachments: [attachment('left1', 'left')],
      putAttachmentData: [content('left1')],
    });
    await store.createAccount({
      email: 'a@example.com',
      kdf: { type: 'pbkdf2', iterations: 600_000 },
      protectedUserKey: '2.x|y|z',
      keyGeneration: 1,
      keyCreatedAt: '2025-01-01T00:00:00.000Z',
      createdAt: '2025-01-01T00:00:00.000Z',
      masterPasswordHint: null,
    });
    expect(await attachmentStores()).toEqual({ records: [], data: [] });
    expect(await store.totalAttachmentBytes()).toBe(0);
    store.close();
  });
});
