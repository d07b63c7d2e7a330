/**
 * Verify backup's attachments: for each item the backup and the vault have in common, each file
 * the backup holds for it and each attachment the vault keeps on it are hashed (SHA-256), one at
 * a time, so that only one is ever in memory, decrypted or unpacked; then compared by name and
 * hash (attachment-diff.ts). Nothing is written: a vault attachment that cannot be read is
 * reported, not repaired.
 */
import { decryptString } from '@/src/crypto/aes-cbc-hmac';
import { contentSha256 } from '@/src/crypto/content-hash';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError } from '@/src/errors/coffer-error';
import { fileAttachments } from '@/src/formats/file-attachments';
import type { ParsedImport } from '@/src/formats/import-types';
import type { AttachmentRecord } from '@/src/store/records';
import {
  diffAttachments,
  type HashedAttachment,
  type HeldAttachmentsDiff,
} from '@/src/vault/attachment-diff';
import { checkAttachmentName } from '@/src/vault/attachment-name';
import type { Item } from '@/src/vault/item';
import { openAttachment } from './attachment-records';
import type { BackgroundContext } from './context';

/** The name shown for a vault attachment whose own name cannot be decrypted. */
const UNREADABLE_NAME = '?';

/**
 * Compares the attachments of `parsed` (a backup with attachments) with the vault's. `matches`
 * gives, for each of the file's items in order, the vault item it matched (backup-diff.ts).
 */
export async function verifyAttachments(
  ctx: BackgroundContext,
  key: SymmetricKey,
  parsed: ParsedImport,
  matches: readonly (Item | undefined)[],
): Promise<HeldAttachmentsDiff> {
  const source = fileAttachments(parsed);
  // A path names an item by its id in the file; of two items of one id, the first (as import).
  const fileIds = new Set<string>();
  const target = new Map<string, Item>();
  parsed.items.forEach((item, i) => {
    if (fileIds.has(item.id)) return;
    fileIds.add(item.id);
    const match = matches[i];
    if (match) target.set(item.id, match);
  });
  const wanted = new Set<number>();
  const unplaced = [...(parsed.unknownEntries ?? [])];
  source.list.forEach((attachment, index) => {
    if (target.has(attachment.itemId)) wanted.add(index);
    else if (!fileIds.has(attachment.itemId)) unplaced.push(attachment.path);
    // An attachment of an item only in the backup: that item is reported as such already.
  });
  const vaultIds = new Set([...target.values()].map((item) => item.id));
  const records = (await ctx.store.listAllAttachments()).filter((r) => vaultIds.has(r.itemId));

  const total = wanted.size + records.length;
  let done = 0;
  const checked = async () => {
    // A lock stops the verify: nothing decrypted outlives the session.
    if ((await ctx.session.getKey()) !== key) throw new CofferError('errorLocked');
    ctx.reportProgress({ operation: 'verifyAttachments', done: ++done, total });
  };
  if (total > 0) ctx.reportProgress({ operation: 'verifyAttachments', done, total });

  const fileSide = new Map<string, HashedAttachment[]>();
  await source.read(wanted, async (index, content) => {
    const attachment = source.list[index]!;
    const itemId = target.get(attachment.itemId)!.id;
    add(fileSide, itemId, {
      fileName: storedName(attachment.fileName),
      sha256: await contentSha256(content),
    });
    await checked();
  });
  const vaultSide = new Map<string, HashedAttachment[]>();
  for (const record of records) {
    add(vaultSide, record.itemId, await hashVaultCopy(ctx, record, key));
    await checked();
  }

  return diffAttachments(
    [...target.values()].map((item) => ({
      itemName: item.name,
      file: fileSide.get(item.id) ?? [],
      vault: vaultSide.get(item.id) ?? [],
    })),
    unplaced,
  );
}

/**
 * The vault attachment's name and the hash of its content, decrypted (MAC first) and let go of;
 * the hash is null when the content is missing or does not decrypt, the name `?` when it does not.
 */
async function hashVaultCopy(
  ctx: BackgroundContext,
  record: AttachmentRecord,
  key: SymmetricKey,
): Promise<HashedAttachment> {
  const data = await ctx.store.getAttachmentData(record.id);
  if (data) {
    try {
      const { fileName, content } = await openAttachment(record, data, key);
      return { fileName, sha256: await contentSha256(content) };
    } catch {
      // Damaged, or under a key that does not open it: reported below, named if the name opens.
    }
  }
  const fileName = await decryptString(record.fileName, key).catch(() => UNREADABLE_NAME);
  return { fileName, sha256: null };
}

/** A file's name as Coffer stores attachment names (trimmed), so Bitwarden's zips compare alike. */
function storedName(fileName: string): string {
  try {
    return checkAttachmentName(fileName);
  } catch {
    return fileName;
  }
}

function add(map: Map<string, HashedAttachment[]>, itemId: string, entry: HashedAttachment): void {
  const list = map.get(itemId);
  if (list) list.push(entry);
  else map.set(itemId, [entry]);
}
