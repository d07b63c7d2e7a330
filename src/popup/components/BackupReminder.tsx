import { useCallback } from 'preact/hooks';
import { useLoaded } from '../hooks/use-loaded';
import { t } from '../i18n';
import { useVaultClient } from '../vault-client-context';

/**
 * The popup's side of the backup reminder (the toolbar badge is the other): why a backup is due,
 * and a way straight to Export Vault. Nothing shows while none is due.
 */
export function BackupReminder({ onBackUp }: { onBackUp(): void }) {
  const client = useVaultClient();
  // A reminder that cannot be read is no reason to stand in the way of the vault: no error shows.
  const { value: status } = useLoaded(useCallback(() => client.getBackupStatus(), [client]));
  if (!status?.due) return null;
  const text =
    status.reason === 'undecryptable'
      ? t('reminderUndecryptable')
      : status.reason === 'never'
        ? t('reminderNoBackup')
        : t('reminderOld', status.daysSince);
  return (
    <div class="notice reminder" role="status">
      <p>{text}</p>
      <button type="button" onClick={onBackUp}>
        {t('backUpNow')}
      </button>
    </div>
  );
}
