import type {
  AttachmentRef,
  AttachmentsDiff,
  DamagedAttachment,
} from '@/src/vault/attachment-diff';
import { t, tCount, type MessageKey } from '../i18n';
import { nameList } from '../name-list';

/**
 * Verify backup's words on attachments: how many match the vault and, named by file and item,
 * those that differ, are on one side only, or cannot be read in the vault; for a backup that
 * cannot hold attachments, that the vault's are not in it. Nothing when neither side has any.
 */
export function AttachmentsVerdict({ attachments }: { attachments: AttachmentsDiff }) {
  if (!attachments.held) {
    return <p>{tCount('attachmentsNotHeld', attachments.inVault, attachments.inVault)}</p>;
  }
  const sentences = [
    attachments.same > 0 && tCount('attachmentsSame', attachments.same, attachments.same),
    named('attachmentsChanged', attachments.changed.map(refText)),
    named('attachmentsOnlyInVault', attachments.onlyInVault.map(refText)),
    named('attachmentsOnlyInFile', attachments.onlyInFile.map(refText)),
    named('attachmentsDamaged', attachments.damaged.map(damagedText)),
    named(
      'attachmentsUnplaced',
      attachments.unplaced.map((path) => t('attachmentPath', path)),
    ),
  ].filter((sentence): sentence is string => typeof sentence === 'string');
  if (sentences.length === 0) return null;
  return <p>{t('attachmentsSummary', sentences.join(' '))}</p>;
}

/** A sentence counting and naming `texts`; none when there are none. */
function named(key: MessageKey, texts: string[]): string | false {
  return texts.length > 0 && tCount(key, texts.length, texts.length, nameList(texts));
}

function refText({ itemName, fileName }: AttachmentRef): string {
  return t('attachmentOfItem', itemName, fileName);
}

/** A damaged one says whether this backup could give it back. */
function damagedText({ itemName, fileName, inBackup }: DamagedAttachment): string {
  return t(inBackup ? 'attachmentOfItemCopy' : 'attachmentOfItem', itemName, fileName);
}
