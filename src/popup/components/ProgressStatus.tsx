import type { ProgressEvent } from '@/src/protocol/envelope';
import { StatusMessage } from './Messages';
import { t, type MessageKey } from '../i18n';

interface Props {
  /** The background's last report (useProgress), if any. */
  progress: ProgressEvent | null;
  /** The words while nothing is counted yet ("Exporting…"). */
  working: MessageKey;
  /** The words once it counts, given done and total ("Exported $1 of $2 items…"). */
  counting: MessageKey;
}

/** The status line of a long operation while it runs: what it does, then how far it got. */
export function ProgressStatus({ progress, working, counting }: Props) {
  return (
    <StatusMessage
      message={
        progress && progress.total > 0 ? t(counting, progress.done, progress.total) : t(working)
      }
    />
  );
}
