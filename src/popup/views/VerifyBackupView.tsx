import { useState } from 'preact/hooks';
import type { VerifyRequest, VerifyResult } from '@/src/protocol/vault-api';
import { errorFromData } from '@/src/protocol/envelope';
import { FilePasswordForm } from '../components/FilePasswordForm';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { errorText, inputError } from '../error-text';
import { t, tCount } from '../i18n';
import { useFilePasswordFlow } from '../hooks/use-file-password-flow';
import { useVaultClient } from '../vault-client-context';

/** Names shown per difference; the rest are counted. */
const NAMES_SHOWN = 5;

type Answer = Extract<VerifyResult, { needsFilePassword: false }>;
type Readable = Extract<Answer, { readable: true }>;

/**
 * Tools → Verify backup: can this backup be restored now, what does it hold, and how does it
 * differ from the vault. Nothing is imported.
 */
export function VerifyBackupView({ onBack }: { onBack(): void }) {
  const client = useVaultClient();
  const [file, setFile] = useState<File | null>(null);
  const verify = useFilePasswordFlow<VerifyRequest, Answer>({
    async read() {
      if (!file) throw inputError('chooseFileFirst');
      return { content: await file.text() };
    },
    send: (request) => client.verifyBackup(request),
  });
  const result = verify.answer;

  return (
    <section aria-labelledby="verify-title" class="view">
      <div class="view-header">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <h1 id="verify-title">{t('verifyBackup')}</h1>
      </div>
      <p class="hint">{t('verifyBackupExplanation')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void verify.open();
        }}
      >
        <div class="field">
          <label for="verify-file">{t('chooseFile')}</label>
          <input
            id="verify-file"
            type="file"
            accept=".json,application/json"
            aria-describedby="verify-formats"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              verify.reset();
            }}
          />
          <span id="verify-formats" class="hint">
            {t('verifyBackupFormats')}
          </span>
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={verify.pending}>
            {t('verifyBackup')}
          </button>
        </div>
      </form>

      {verify.askingPassword && (
        <FilePasswordForm
          value={verify.filePassword}
          onInput={verify.setFilePassword}
          onSubmit={() => void verify.submitPassword()}
          pending={verify.pending}
        />
      )}
      {verify.pending && <StatusMessage message={t('verifyingBackup')} />}
      <ErrorAlert message={verify.error} />
      {result && !result.readable && (
        <ErrorAlert message={t('backupUnreadable', errorText(errorFromData(result.reason)))} />
      )}
      {result?.readable && <Findings result={result} />}
    </section>
  );
}

function Findings({ result }: { result: Readable }) {
  const { diff } = result;
  const matches =
    diff.onlyInFile.length === 0 && diff.onlyInVault.length === 0 && diff.changed.length === 0;
  const differences = [
    ['onlyInFile', diff.onlyInFile],
    ['onlyInVault', diff.onlyInVault],
    ['changedSince', diff.changed],
  ] as const;
  return (
    <div role="status" class="status">
      <p>
        {tCount('backupReadable', result.itemCount, result.itemCount, result.folderCount)}{' '}
        {matches ? t('backupMatchesVault') : t('backupDiffers')}
      </p>
      {!matches && (
        <ul>
          {differences
            .filter(([, names]) => names.length > 0)
            .map(([key, names]) => (
              <li key={key}>{t(key, nameList(names))}</li>
            ))}
        </ul>
      )}
    </div>
  );
}

function nameList(names: string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  return names.length > NAMES_SHOWN ? t('andMore', shown, names.length - NAMES_SHOWN) : shown;
}
