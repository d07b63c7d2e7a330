import { useState } from 'preact/hooks';
import type { GeneratedValue } from '@/src/vault/generator-history';
import { useAsyncAction } from '../hooks/use-async-action';
import { t } from '../i18n';
import { useVaultClient } from '../vault-client-context';
import { ConfirmDialog } from './ConfirmDialog';
import { CopyButton } from './CopyButton';
import { ErrorAlert, StatusMessage } from './Messages';

export interface GeneratorHistoryProps {
  /** The history, newest first; null while it is on its way. */
  history: GeneratedValue[] | null;
  /** Why it could not be read (it can still be cleared). */
  error: string | null;
  /** Told once the background has deleted it. */
  onCleared(): void;
}

/**
 * The generator's last values, closed until asked for (they are passwords: not on screen for
 * whoever looks over a shoulder), each with its own Copy, and a way to delete them all.
 */
export function GeneratorHistory({ history, error, onCleared }: GeneratorHistoryProps) {
  const client = useVaultClient();
  const [confirming, setConfirming] = useState(false);
  const [cleared, setCleared] = useState(false);
  const entries = history ?? [];

  const clearing = useAsyncAction(async () => {
    setConfirming(false);
    await client.clearGeneratorHistory();
    onCleared();
    setCleared(true);
  });

  return (
    <>
      {/* Outside the history, which is closed: a problem with it is seen without opening it. */}
      <ErrorAlert message={clearing.error ?? error} />
      <details class="generator-history">
        <summary>{t('generatorHistory', entries.length)}</summary>
        <p class="hint">{t('generatorHistoryHint')}</p>
        {cleared && entries.length === 0 && (
          <StatusMessage message={t('generatorHistoryCleared')} />
        )}
        {history && entries.length === 0 && !cleared && (
          <p class="empty">{t('generatorHistoryEmpty')}</p>
        )}
        {entries.length > 0 && (
          <ol class="history-list">
            {entries.map((entry) => {
              const when = new Date(entry.date).toLocaleString();
              const what = t(
                entry.kind === 'password' ? 'generatedPasswordFrom' : 'generatedPassphraseFrom',
                when,
              );
              return (
                <li key={`${entry.date}-${entry.value}`}>
                  <span class="history-entry">
                    <span class="monospace history-value">{entry.value}</span>
                    <span class="hint">
                      {t(entry.kind)} · {when}
                    </span>
                  </span>
                  <CopyButton what={what} value={() => entry.value} secret />
                </li>
              );
            })}
          </ol>
        )}
        {(entries.length > 0 || error) && (
          <div class="actions">
            <button type="button" class="danger" onClick={() => setConfirming(true)}>
              {t('clearHistory')}
            </button>
          </div>
        )}
        {confirming && (
          <ConfirmDialog
            title={t('clearGeneratorHistoryTitle')}
            confirmLabel={t('clearHistory')}
            danger
            onConfirm={() => void clearing.run()}
            onCancel={() => setConfirming(false)}
          >
            <p>{t('clearGeneratorHistoryText')}</p>
          </ConfirmDialog>
        )}
      </details>
    </>
  );
}
