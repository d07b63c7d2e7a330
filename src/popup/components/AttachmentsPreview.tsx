import type { AttachmentsPreview as Preview, UnplacedAttachment } from '@/src/protocol/vault-api';
import { fileSizeText } from '../file-size';
import { t, tCount, type MessageKey } from '../i18n';
import { Checkbox } from './Checkbox';
import { Warning } from './Messages';

const UNPLACED_WORDS: Record<UnplacedAttachment['reason'], MessageKey> = {
  missing: 'unplacedMissing',
  unknownEntry: 'unplacedUnknownEntry',
  noItem: 'unplacedNoItem',
};

interface Props {
  attachments: Preview;
  /** The person agreed to import without the attachments that cannot be placed. */
  leaveOut: boolean;
  onLeaveOutChange(leaveOut: boolean): void;
}

/**
 * Import Data's preview of a file's attachments: how many and how large, how many are in the
 * vault already, and every one that cannot be placed, named, which the import leaves out only
 * once the person agreed.
 */
export function AttachmentsPreview({ attachments, leaveOut, onLeaveOutChange }: Props) {
  const { count, bytes, inVault, unplaced } = attachments;
  return (
    <>
      {count > 0 && <p>{tCount('previewAttachments', count, count, fileSizeText(bytes))}</p>}
      {inVault > 0 && <p>{t('previewAttachmentsInVault', inVault)}</p>}
      {unplaced.length > 0 && (
        <Warning>
          <p id="unplaced-attachments">{t('unplacedAttachmentsFound', unplaced.length)}</p>
          <ul aria-labelledby="unplaced-attachments">
            {unplaced.map((u, i) => (
              <li key={i}>{t(UNPLACED_WORDS[u.reason], u.path)}</li>
            ))}
          </ul>
          <Checkbox
            label={t('leaveAttachmentsOut', unplaced.length)}
            checked={leaveOut}
            onChange={onLeaveOutChange}
          />
        </Warning>
      )}
    </>
  );
}
