import { useState } from 'preact/hooks';
import type { VaultStatus } from '@/src/protocol/vault-api';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { TextField } from '../components/TextField';
import { t } from '../i18n';
import { useAsyncAction } from '../hooks/use-async-action';
import { useVaultClient } from '../vault-client-context';

export interface UnlockViewProps {
  email: string;
  hint: string | null;
  onUnlocked(status: VaultStatus): void;
}

export function UnlockView({ email, hint, onUnlocked }: UnlockViewProps) {
  const client = useVaultClient();
  const [password, setPassword] = useState('');
  const [showHint, setShowHint] = useState(false);
  const action = useAsyncAction(async () => {
    try {
      onUnlocked(await client.unlock({ masterPassword: password }));
    } finally {
      setPassword('');
    }
  });
  return (
    <section aria-labelledby="unlock-title" class="view">
      <h1 id="unlock-title">{t('vaultLocked')}</h1>
      <p>{t('loggedInAs', email)}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run();
        }}
      >
        <TextField
          label={t('masterPassword')}
          type="password"
          value={password}
          onInput={setPassword}
          required
          autoFocus
          autoComplete="current-password"
        />
        <ErrorAlert message={action.error} />
        {action.pending && <StatusMessage message={t('unlocking')} />}
        <div class="actions">
          {hint && (
            <button
              type="button"
              class="link"
              aria-expanded={showHint}
              onClick={() => setShowHint(!showHint)}
            >
              {t('showHint')}
            </button>
          )}
          <button type="submit" class="primary" disabled={action.pending}>
            {t('unlock')}
          </button>
        </div>
        {hint && showHint && <p class="hint">{t('yourHint', hint)}</p>}
      </form>
    </section>
  );
}
