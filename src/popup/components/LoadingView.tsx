import { ErrorAlert, StatusMessage } from './Messages';
import { t } from '../i18n';

interface Props {
  /** Why loading failed, once it has. */
  error: string | null;
  leaveLabel: string;
  onLeave: () => void;
}

/** What a view shows until the item it needs has arrived: "Loading…", or why it cannot. */
export function LoadingView({ error, leaveLabel, onLeave }: Props) {
  return (
    <section class="view">
      <ErrorAlert message={error} />
      {!error && <StatusMessage message={t('loading')} />}
      <button type="button" onClick={onLeave}>
        {leaveLabel}
      </button>
    </section>
  );
}
