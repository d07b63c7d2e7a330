import { useState } from 'preact/hooks';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { StrengthMeter } from '../components/StrengthMeter';
import { TextField } from '../components/TextField';
import { inputError } from '../error-text';
import { t } from '../i18n';
import { useAsyncAction } from '../hooks/use-async-action';
import { useVaultClient } from '../vault-client-context';

/**
 * Settings → Security → Change master password: the same account key, protected anew. Said
 * plainly, because people mistake it for a key rotation (and the other way round).
 */
export function ChangeMasterPasswordView({ onBack }: { onBack(): void }) {
  const client = useVaultClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [hint, setHint] = useState('');
  const [done, setDone] = useState(false);

  const change = useAsyncAction(async () => {
    setDone(false);
    if (next !== confirm) throw inputError('masterPasswordsDiffer');
    try {
      await client.changeMasterPassword({
        masterPassword: current,
        newMasterPassword: next,
        newMasterPasswordHint: hint.trim() || null,
      });
      setNext('');
      setConfirm('');
      setHint('');
      setDone(true);
    } finally {
      setCurrent('');
    }
  });

  return (
    <section aria-labelledby="change-password-title" class="view">
      <div class="view-header">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <h1 id="change-password-title">{t('changeMasterPassword')}</h1>
      </div>
      <p class="hint">{t('changeMasterPasswordExplanation')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void change.run();
        }}
      >
        <TextField
          label={t('masterPassword')}
          type="password"
          value={current}
          onInput={setCurrent}
          autoComplete="current-password"
        />
        <TextField
          label={t('newMasterPassword')}
          type="password"
          value={next}
          onInput={setNext}
          autoComplete="new-password"
        />
        <StrengthMeter password={next} />
        <TextField
          label={t('confirmNewMasterPassword')}
          type="password"
          value={confirm}
          onInput={setConfirm}
          autoComplete="new-password"
        />
        <TextField label={t('newMasterPasswordHint')} value={hint} onInput={setHint} />
        <ErrorAlert message={change.error} />
        {done && <StatusMessage message={t('masterPasswordChanged')} />}
        <div class="actions">
          <button type="submit" class="primary" disabled={change.pending}>
            {t('changeMasterPassword')}
          </button>
        </div>
      </form>
    </section>
  );
}
