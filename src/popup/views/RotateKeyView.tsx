import { useState } from 'preact/hooks';
import type { RotationResult } from '@/src/protocol/vault-api';
import type { BackupEntry } from '@/src/vault/backup-entry';
import { Checkbox } from '../components/Checkbox';
import { ErrorAlert, StatusMessage, Warning } from '../components/Messages';
import { ProgressStatus } from '../components/ProgressStatus';
import { TextField } from '../components/TextField';
import { inputError } from '../error-text';
import { t, tCount } from '../i18n';
import { useAsyncAction } from '../hooks/use-async-action';
import { useProgress } from '../hooks/use-progress';
import { useVaultClient } from '../vault-client-context';

export interface RotateKeyViewProps {
  onBack(): void;
  /** Opens Export Vault on a password-protected export. */
  onExportNow(): void;
}

/** One backup as a line: when, and under which name. */
function backupLine(entry: BackupEntry): string {
  return t('backupEntry', new Date(entry.date).toLocaleString(), entry.fileName);
}

/**
 * Settings → Security → Rotate account encryption key: the consequence first, then the master
 * password; afterwards, the backups that just became undecryptable and a way to a new one.
 */
export function RotateKeyView({ onBack, onExportNow }: RotateKeyViewProps) {
  const client = useVaultClient();
  const [password, setPassword] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [result, setResult] = useState<RotationResult | null>(null);
  const [progress, clearProgress] = useProgress('rotate');

  const rotate = useAsyncAction(async () => {
    if (!understood) throw inputError('rotateKeyNotConfirmed');
    setResult(null);
    clearProgress();
    try {
      setResult(await client.rotateAccountKey({ masterPassword: password }));
      setUnderstood(false);
    } finally {
      setPassword('');
    }
  });

  return (
    <section aria-labelledby="rotate-title" class="view">
      <div class="view-header">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <h1 id="rotate-title">{t('rotateAccountKey')}</h1>
      </div>
      <p class="hint">{t('rotateKeyExplanation')}</p>
      <Warning>{t('rotateKeyWarning')}</Warning>
      {!result && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void rotate.run();
          }}
        >
          <Checkbox
            label={t('rotateKeyUnderstood')}
            checked={understood}
            onChange={setUnderstood}
          />
          <TextField
            label={t('masterPassword')}
            type="password"
            value={password}
            onInput={setPassword}
            autoComplete="current-password"
          />
          <ErrorAlert message={rotate.error} />
          {rotate.pending && (
            <ProgressStatus progress={progress} working="rotating" counting="rotateProgress" />
          )}
          <div class="actions">
            <button type="submit" class="primary" disabled={rotate.pending}>
              {t('rotateAccountKey')}
            </button>
          </div>
        </form>
      )}
      {result && (
        <>
          <StatusMessage
            message={tCount('rotated', result.itemCount, result.itemCount, result.folderCount)}
          />
          {result.undecryptableBackups.length > 0 ? (
            <section aria-labelledby="undecryptable-title" class="notice">
              <h2 id="undecryptable-title">{t('undecryptableBackups')}</h2>
              <ul>
                {result.undecryptableBackups.map((entry) => (
                  <li key={entry.date + entry.fileName}>{backupLine(entry)}</li>
                ))}
              </ul>
              <p class="hint">{t('undecryptableBackupsHelp')}</p>
            </section>
          ) : (
            <p class="hint">{t('noUndecryptableBackups')}</p>
          )}
          <div class="actions">
            <button type="button" class="primary" onClick={onExportNow}>
              {t('exportNewBackup')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
