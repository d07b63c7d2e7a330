/** Listing, reading, saving and deleting items and folders of the unlocked vault. */
import { CofferError } from '@/src/errors/coffer-error';
import {
  decryptFolders,
  decryptItems,
  encryptFolders,
  encryptItems,
} from '@/src/formats/encrypted-item';
import type {
  ItemDraft,
  ItemResult,
  VaultFilter,
  VaultListing,
  VaultPage,
} from '@/src/protocol/vault-api';
import { applyEdit } from '@/src/vault/apply-edit';
import type { Folder, Item } from '@/src/vault/item';
import { normalizeFolder, normalizeItem } from '@/src/vault/normalize-item';
import { MAX_FIELD_LENGTH, MAX_FOLDER_NAME_LENGTH_TYPED } from '@/src/vault/policy';
import { withholdSecrets } from '@/src/vault/withhold-secrets';
import type { BackgroundContext } from './context';
import { byName } from './item-list-cache';
import { checkMasterPassword } from './master-password';

/** The most rows one queryVault answers. */
const MAX_PAGE = 500;

export function createItemHandlers(ctx: BackgroundContext) {
  const { grants } = ctx;
  const readFolders = async (): Promise<Folder[]> =>
    decryptFolders(await ctx.store.listFolders(), await ctx.session.requireKey());

  const readItem = async (id: string): Promise<Item | undefined> => {
    const record = await ctx.store.getItem(id);
    if (!record) return undefined;
    return (await decryptItems([record], await ctx.session.requireKey()))[0];
  };

  /** The item, its secrets withheld while a re-prompt item is not confirmed. */
  async function getItem(params: { id: string }): Promise<ItemResult> {
    const item = await readItem(params.id);
    if (!item) throw new CofferError('errItemGone');
    if (item.reprompt === 1 && !grants.has(item.id, await ctx.session.requireKey())) {
      return { ...withholdSecrets(item), secretsWithheld: true };
    }
    return item;
  }

  const sortedFolders = async (): Promise<Folder[]> => (await readFolders()).sort(byName);

  return {
    async listVault(): Promise<VaultListing> {
      const key = await ctx.session.requireKey();
      const [items, folders] = await Promise.all([ctx.itemList.summaries(key), sortedFolders()]);
      return { items, folders };
    },

    async queryVault(params: {
      filter: VaultFilter;
      offset: number;
      limit: number;
    }): Promise<VaultPage> {
      const key = await ctx.session.requireKey();
      const offset = Math.max(0, Math.floor(params.offset));
      // A window, never the whole vault: a popup asks again as it scrolls.
      const limit = Math.max(0, Math.min(MAX_PAGE, Math.floor(params.limit)));
      return ctx.itemList.query(key, params.filter, offset, limit);
    },

    listFolders: sortedFolders,

    async folderCounts(): Promise<Record<string, number>> {
      return ctx.itemList.folderCounts(await ctx.session.requireKey());
    },

    getItem,

    async confirmReprompt(params: { itemId: string; masterPassword: string }): Promise<Item> {
      const item = await readItem(params.itemId);
      if (!item) throw new CofferError('errItemGone');
      await checkMasterPassword(ctx, params.masterPassword);
      grants.grant(item.id, await ctx.session.requireKey());
      return item;
    },

    async saveItem(params: { item: ItemDraft }): Promise<Item> {
      const key = await ctx.session.requireKey();
      // A copy without its secrets would overwrite them with nothing: never saved, whatever else.
      if ((params.item as ItemResult).secretsWithheld !== undefined) {
        throw new CofferError('errSecretsWithheld');
      }
      const now = ctx.now().toISOString();
      const draft = normalizeItem(params.item, {
        maxStringLength: MAX_FIELD_LENGTH,
        now,
        newId: ctx.newId,
      });
      const previous = params.item.id === undefined ? undefined : await readItem(draft.id);
      if (params.item.id !== undefined && !previous) {
        throw new CofferError('errItemGone');
      }
      if (previous?.reprompt === 1 && !grants.has(previous.id, key)) {
        throw new CofferError('errRepromptRequired');
      }
      if (draft.folderId !== null && !(await ctx.store.getFolder(draft.folderId))) {
        throw new CofferError('errFolderGone', {
          field: 'folderId',
        });
      }
      const item = applyEdit(previous, draft, now);
      const [record] = await encryptItems([item], key);
      await ctx.store.write({ putItems: [record!] });
      // Whoever saved a new item, or one without the re-prompt, has seen all of it already.
      if (previous?.reprompt !== 1) grants.grant(item.id, key);
      return item;
    },

    async deleteItem(params: { id: string }): Promise<null> {
      await ctx.session.requireKey();
      await ctx.store.write({ deleteItemIds: [params.id] });
      return null;
    },

    async setItemArchived(params: { id: string; archived: boolean }): Promise<ItemResult> {
      await ctx.session.requireKey();
      const record = await ctx.store.getItem(params.id);
      if (!record) throw new CofferError('errItemGone');
      const now = ctx.now().toISOString();
      // The date is clear in the record, as Bitwarden keeps it: no secret is decrypted to change
      // it, and the item is answered the way getItem would (withheld behind its re-prompt).
      const archivedDate = params.archived ? (record.archivedDate ?? now) : null;
      await ctx.store.write({ putItems: [{ ...record, archivedDate, revisionDate: now }] });
      return getItem({ id: params.id });
    },

    async saveFolder(params: { id?: string; name: string }): Promise<Folder> {
      const key = await ctx.session.requireKey();
      const name = params.name.trim();
      // Typed in the popup: refused in the words of input, where a file's nameless folder is not.
      if (name === '') throw new CofferError('errFolderNeedsName', { field: 'name' });
      const folder = normalizeFolder(
        { id: params.id, name },
        {
          maxStringLength: MAX_FOLDER_NAME_LENGTH_TYPED,
          now: ctx.now().toISOString(),
          newId: ctx.newId,
        },
      );
      const existing = await readFolders();
      if (params.id !== undefined && !existing.some((f) => f.id === params.id)) {
        throw new CofferError('errThisFolderGone');
      }
      if (existing.some((f) => f.id !== folder.id && f.name === folder.name)) {
        throw new CofferError('errFolderExists', {
          args: [folder.name],
          field: 'name',
        });
      }
      const [record] = await encryptFolders(
        [{ ...folder, revisionDate: ctx.now().toISOString() }],
        key,
      );
      await ctx.store.write({ putFolders: [record!] });
      return folder;
    },

    async deleteFolder(params: { id: string }): Promise<null> {
      await ctx.session.requireKey();
      const id = params.id;
      // Its items stay in the vault without a folder; both changes land in one transaction.
      const records = (await ctx.store.listItems()).filter((r) => r.folderId === id);
      await ctx.store.write({
        deleteFolderIds: [id],
        putItems: records.map((r) => ({ ...r, folderId: null })),
      });
      return null;
    },
  };
}
