/**
 * Where an import puts a file's attachments: each follows its item to where the import plan put
 * it (import-plan.ts: added, possibly under a new id, or matched to a vault item). On a vault item
 * an attachment of the same name and size already there is not added again, so importing a backup
 * twice leaves no duplicates; nothing else is left out but what has no item to go on, and that is
 * listed, never dropped unsaid.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { checkAttachmentName } from './attachment-name';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME_LENGTH } from './policy';

/** An attachment as the file holds it: `itemId` is the item's id in the file. */
export interface FileAttachment {
  itemId: string;
  fileName: string;
  size: number;
  /** Where it is in the file, to name it. */
  path: string;
}

/** An attachment a vault item has now. */
export interface KeptAttachment {
  fileName: string;
  size: number;
}

export interface PlacementInput {
  attachments: readonly FileAttachment[];
  /** The ids of the file's items that are imported, in the file's order. */
  fileItemIds: readonly string[];
  /** Where each of those is in the vault once imported (ImportPlan.vaultIds), in the same order. */
  vaultIds: readonly string[];
  /** The attachments of the vault items the file's items matched, by the vault item's id. */
  inVault: ReadonlyMap<string, readonly KeptAttachment[]>;
}

interface PlacedAttachment {
  /** Its position among the file's attachments. */
  index: number;
  /** The vault item it goes on. */
  itemId: string;
  /** Its name as it is stored (checkAttachmentName). */
  fileName: string;
  size: number;
}

export interface AttachmentPlacement {
  add: PlacedAttachment[];
  /** How many are on their vault item already (same name and size). */
  inVault: number;
  /** Those whose item is not among the items imported (not in the file, or left out). */
  noItem: FileAttachment[];
}

const MIB = 1024 * 1024;

/**
 * Places every attachment; refuses, naming it, one that could not be stored: too large, or with
 * a name Coffer does not keep.
 */
export function placeAttachments(input: PlacementInput): AttachmentPlacement {
  const target = new Map<string, string>();
  input.fileItemIds.forEach((id, i) => {
    // Two items of one id in a file: the first is the one an archive's path names.
    if (!target.has(id)) target.set(id, input.vaultIds[i]!);
  });
  /** Per vault item, how many attachments of each name and size it has and no file one took. */
  const unclaimed = new Map<string, Map<string, number>>();
  const claim = (itemId: string, key: string): boolean => {
    let counts = unclaimed.get(itemId);
    if (!counts) {
      counts = new Map();
      for (const kept of input.inVault.get(itemId) ?? []) {
        const k = keyOf(kept.fileName, kept.size);
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      unclaimed.set(itemId, counts);
    }
    const left = counts.get(key) ?? 0;
    if (left === 0) return false;
    counts.set(key, left - 1);
    return true;
  };

  const placement: AttachmentPlacement = { add: [], inVault: 0, noItem: [] };
  input.attachments.forEach((attachment, index) => {
    const itemId = target.get(attachment.itemId);
    if (itemId === undefined) {
      placement.noItem.push(attachment);
      return;
    }
    const fileName = storedName(attachment);
    if (claim(itemId, keyOf(fileName, attachment.size))) {
      placement.inVault++;
      return;
    }
    if (attachment.size > MAX_ATTACHMENT_BYTES) {
      throw new CofferError('errZipAttachmentTooLarge', {
        args: [
          attachment.path,
          Math.ceil((attachment.size / MIB) * 10) / 10,
          MAX_ATTACHMENT_BYTES / MIB,
        ],
      });
    }
    placement.add.push({ index, itemId, fileName, size: attachment.size });
  });
  return placement;
}

/** The name as an attachment added by hand would be stored; refused with the file's path. */
function storedName(attachment: FileAttachment): string {
  try {
    return checkAttachmentName(attachment.fileName);
  } catch {
    throw new CofferError('errImportAttachmentName', {
      args: [attachment.path, MAX_ATTACHMENT_NAME_LENGTH],
    });
  }
}

function keyOf(fileName: string, size: number): string {
  return `${size}/${fileName}`;
}
