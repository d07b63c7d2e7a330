import { useCallback, useState } from 'preact/hooks';
import type { GeneratedKind } from '@/src/vault/generator-history';
import { errorText } from '../error-text';
import { GeneratorHistory } from '../components/GeneratorHistory';
import { PasswordGenerator } from '../components/PasswordGenerator';
import { useLoaded } from '../hooks/use-loaded';
import { t } from '../i18n';
import { useVaultClient } from '../vault-client-context';

export interface GeneratorViewProps {
  onBack(): void;
}

/**
 * The Vault tab's Generator: a password or passphrase to copy, outside any item, and the
 * history of what was copied or used from it.
 */
export function GeneratorView({ onBack }: GeneratorViewProps) {
  const client = useVaultClient();
  const history = useLoaded(useCallback(() => client.generatorHistory(), [client]));
  /** Why the last value copied could not be kept (the copy itself went through). */
  const [keepFailed, setKeepFailed] = useState<string | null>(null);
  const keep = (value: string, kind: GeneratedKind) => {
    client.rememberGenerated({ value, kind }).then(
      (kept) => {
        setKeepFailed(null);
        history.set(kept);
      },
      (e: unknown) => setKeepFailed(errorText(e)),
    );
  };
  return (
    <section aria-labelledby="generator-title" class="view">
      <div class="view-header">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <h1 id="generator-title">{t('generator')}</h1>
      </div>
      <PasswordGenerator onKeep={keep} />
      <GeneratorHistory
        history={history.value}
        error={history.error ?? keepFailed}
        onCleared={() => {
          setKeepFailed(null);
          void history.reload();
        }}
      />
    </section>
  );
}
