import { useEffect, useState } from 'preact/hooks';
import type { BackupStatus } from '@/src/protocol/vault-api';
import { t } from '../i18n';
import { useVaultClient } from '../vault-client-context';

/**
 * The popup's side of the backup reminder (the toolbar badge is the other): why a backup is due,
 * and a way straight to Export Vault. Nothing shows while none is due.
 */
export function BackupReminder({ onBackUp }: { onBackUp(): void }) {
  const client = useVaultClient();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  useEffect(() => {
    // A reminder that cannot be read is no reason to stand in the way of the vault.
    client.getBackupStatus().then(setStatus, () => setStatus(null));
  }, [client]);
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
