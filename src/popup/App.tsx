import { useEffect, useState } from 'preact/hooks';
import type { VaultClient, VaultStatus } from '@/src/protocol/vault-api';
import { VaultClientContext } from './vault-client-context';
import { t } from './i18n';
import { FirstRunView } from './views/FirstRunView';

export interface AppProps {
  client: VaultClient;
}

/** The lock gate: asks the background where the vault stands and shows the matching view. */
export function App({ client }: AppProps) {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    client
      .getStatus()
      .then(setStatus, (error: unknown) =>
        setFailure(
          t('backgroundUnavailable', error instanceof Error ? error.message : String(error)),
        ),
      );
  }, [client]);

  return (
    <VaultClientContext.Provider value={client}>
      <main class="app">
        {failure ? (
          <p role="alert">{failure}</p>
        ) : status === null ? (
          <p role="status">{t('loading')}</p>
        ) : (
          <FirstRunView />
        )}
      </main>
    </VaultClientContext.Provider>
  );
}
