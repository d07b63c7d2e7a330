/**
 * The attachment limits of policy.ts as the background applies them, wherever attachments come
 * from: one added by hand, or a file's many at an import.
 */
import { CofferError } from '@/src/errors/coffer-error';
import type { VaultStore } from '@/src/store/vault-store';
import { MAX_VAULT_ATTACHMENT_BYTES } from '@/src/vault/policy';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

export function attachmentTooLarge(maxBytes: number): CofferError {
  return new CofferError('errAttachmentTooLarge', { args: [maxBytes / MIB] });
}

/** The bytes a vault's attachments may still take (descriptions only are read). */
async function vaultRoomLeft(store: VaultStore): Promise<number> {
  return Math.max(0, MAX_VAULT_ATTACHMENT_BYTES - (await store.totalAttachmentBytes()));
}

/** Refuses `size` more bytes when the vault's attachments would add up to more than allowed. */
export async function checkVaultRoom(store: VaultStore, size: number): Promise<void> {
  const left = await vaultRoomLeft(store);
  if (size > left) {
    throw new CofferError('errVaultAttachmentsFull', {
      args: [MAX_VAULT_ATTACHMENT_BYTES / GIB, Math.floor(left / MIB)],
    });
  }
}

/** The same for an import's attachments, in words about the file's attachments. */
export async function checkVaultRoomForImport(store: VaultStore, size: number): Promise<void> {
  const left = await vaultRoomLeft(store);
  if (size > left) {
    throw new CofferError('errImportAttachmentsDoNotFit', {
      args: [
        Math.ceil((size / MIB) * 10) / 10,
        MAX_VAULT_ATTACHMENT_BYTES / GIB,
        Math.floor(left / MIB),
      ],
    });
  }
}
