/**
 * How a backup's attachments differ from the vault's (Tools → Verify backup), item by item for
 * the items the backup and the vault have in common: by file name and the SHA-256 of the content.
 * Only names leave this module; the hashes stay with the background that computed them.
 */

/** An attachment named for the person: its item's name in the vault, and its file name. */
export interface AttachmentRef {
  itemName: string;
  fileName: string;
}

/** A vault attachment that cannot be read; `inBackup` when the backup has one of its name. */
export interface DamagedAttachment extends AttachmentRef {
  inBackup: boolean;
}

export type AttachmentsDiff =
  /** A backup that cannot hold attachments (a `.json`), said only when the vault has some. */
  | { held: false; inVault: number }
  | {
      held: true;
      /** Same name, same content. */
      same: number;
      /** Same name, different content. */
      changed: AttachmentRef[];
      /** On the item in the vault, not in the backup. */
      onlyInVault: AttachmentRef[];
      /** On the item in the backup, not in the vault. */
      onlyInFile: AttachmentRef[];
      /** In the vault but unreadable there (its stored copy damaged). */
      damaged: DamagedAttachment[];
      /** Paths of files in the backup that belong to none of its items. */
      unplaced: string[];
    };

export type HeldAttachmentsDiff = Extract<AttachmentsDiff, { held: true }>;

/** One side's attachment: its name and the SHA-256 of its content; null when unreadable. */
export interface HashedAttachment {
  fileName: string;
  sha256: string | null;
}

/** The attachments of one item the backup and the vault have in common. */
export interface ItemAttachments {
  /** The item's name in the vault, to name its attachments by. */
  itemName: string;
  file: readonly HashedAttachment[];
  vault: readonly HashedAttachment[];
}

/**
 * Pairs each item's attachments one to one, so that two files of one name on one item are two
 * attachments: first those equal in name and content, then each damaged vault attachment with a
 * backup file of its name (the backup holds what the vault lost), then the rest by name alone
 * (changed). What is left over is on one side only.
 */
export function diffAttachments(
  items: readonly ItemAttachments[],
  unplaced: readonly string[] = [],
): HeldAttachmentsDiff {
  const diff: HeldAttachmentsDiff = {
    held: true,
    same: 0,
    changed: [],
    onlyInVault: [],
    onlyInFile: [],
    damaged: [],
    unplaced: [...unplaced],
  };
  for (const { itemName, file, vault } of items) {
    const ref = (fileName: string): AttachmentRef => ({ itemName, fileName });
    const fileLeft = [...file];
    const take = (found: (f: HashedAttachment) => boolean): HashedAttachment | undefined => {
      const i = fileLeft.findIndex(found);
      return i === -1 ? undefined : fileLeft.splice(i, 1)[0];
    };
    const readable = vault.filter((v) => v.sha256 !== null);
    const vaultLeft = readable.filter(
      (v) => !take((f) => f.fileName === v.fileName && f.sha256 === v.sha256),
    );
    diff.same += readable.length - vaultLeft.length;
    for (const v of vault.filter((v) => v.sha256 === null)) {
      const inBackup = take((f) => f.fileName === v.fileName) !== undefined;
      diff.damaged.push({ ...ref(v.fileName), inBackup });
    }
    for (const v of vaultLeft) {
      const paired = take((f) => f.fileName === v.fileName) !== undefined;
      (paired ? diff.changed : diff.onlyInVault).push(ref(v.fileName));
    }
    diff.onlyInFile.push(...fileLeft.map((f) => ref(f.fileName)));
  }
  return diff;
}

/** Whether the backup's attachments are the vault's: nothing changed, missing, extra or damaged. */
export function attachmentsMatch(diff: AttachmentsDiff | undefined): boolean {
  if (!diff?.held) return true;
  return (
    diff.changed.length === 0 &&
    diff.onlyInVault.length === 0 &&
    diff.onlyInFile.length === 0 &&
    diff.damaged.length === 0 &&
    diff.unplaced.length === 0
  );
}
