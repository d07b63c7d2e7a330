import { useCallback, useMemo, useState } from 'preact/hooks';
import type { VaultClient, VaultStatus } from '@/src/protocol/vault-api';
import { Icon } from './components/Icon';
import { ErrorAlert, StatusMessage } from './components/Messages';
import { CofferError } from '@/src/errors/coffer-error';
import { errorText } from './error-text';
import { useLoaded } from './hooks/use-loaded';
import { useEscapeToGoBack } from './hooks/use-popup-keys';
import { t } from './i18n';
import { backOf, hasReminder, renderScreen, tabOf, type ScreenContext } from './screen-table';
import { initialScreen, WHOLE_VAULT, type Screen } from './screens';
import { VaultClientContext, useVaultClient } from './vault-client-context';
import { CreateAccountView } from './views/CreateAccountView';
import { BackupReminder } from './components/BackupReminder';
import { UnlockView } from './views/UnlockView';
import type { VaultFilter } from './views/VaultView';

export interface AppProps {
  client: VaultClient;
  /** Shown in the header when the page is a toolbar popup. */
  onPopOut?: () => void;
}

/** The lock gate: asks the background where the vault stands and shows the matching view. */
export function App({ client, onPopOut }: AppProps) {
  const {
    value: status,
    error: failure,
    set: setStatus,
  } = useLoaded(
    useCallback(() => client.getStatus(), [client]),
    null,
    describeUnavailable,
  );

  return (
    <VaultClientContext.Provider value={client}>
      <div class="app">
        <header class="app-header">
          <span class="app-name">
            <img src="/icon/32.png" alt="" width={20} height={20} />
            {t('appName')}
          </span>
          {onPopOut && (
            <button
              type="button"
              class="icon-button"
              aria-label={t('popOut')}
              title={t('popOut')}
              onClick={onPopOut}
            >
              <Icon name="popOut" />
            </button>
          )}
        </header>
        <main>
          {failure ? (
            <ErrorAlert message={failure} />
          ) : status === null ? (
            <StatusMessage message={t('loading')} />
          ) : status.state === 'no-account' ? (
            <CreateAccountView onCreated={setStatus} />
          ) : status.state === 'locked' ? (
            <UnlockView email={status.email} hint={status.hint} onUnlocked={setStatus} />
          ) : (
            <Unlocked onStatus={setStatus} />
          )}
        </main>
      </div>
    </VaultClientContext.Provider>
  );
}

function Unlocked({ onStatus }: { onStatus(status: VaultStatus): void }) {
  const client = useVaultClient();
  const [screen, setScreen] = useState<Screen>(() => initialScreen(location.hash));
  const [filter, setFilter] = useState<VaultFilter>(WHOLE_VAULT);
  const loadedFolders = useLoaded(useCallback(() => client.listFolders(), [client]));
  const folders = loadedFolders.value ?? [];
  const { error, reload: refreshFolders } = loadedFolders;

  const tab = tabOf(screen);
  // Escape goes back, except out of the editor, where it would throw away what was typed.
  const escapeBack = useMemo(() => {
    const target = backOf(screen);
    return screen.name === 'edit' || target === screen ? null : () => setScreen(target);
  }, [screen]);
  useEscapeToGoBack(escapeBack);
  const context: ScreenContext = {
    go: setScreen,
    back: () => setScreen(backOf(screen)),
    folders,
    refreshFolders,
    filter,
    setFilter,
    onStatus,
  };
  return (
    <>
      <nav role="tablist" aria-label={t('sections')} class="tabs">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'vault'}
          onClick={() => setScreen({ name: 'vault' })}
        >
          {t('vault')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'settings'}
          onClick={() => setScreen({ name: 'settings' })}
        >
          {t('settings')}
        </button>
      </nav>
      <div role="tabpanel" class="tab-panel">
        <ErrorAlert message={error} />
        {hasReminder(screen) && (
          <BackupReminder key={screen.name} onBackUp={() => setScreen({ name: 'export' })} />
        )}
        {renderScreen(screen, context)}
      </div>
    </>
  );
}

/** Why the background could not be asked where the vault stands. */
function describeUnavailable(error: unknown): string {
  // A transport failure (no background) is not a CofferError; its own words help most.
  return t(
    'backgroundUnavailable',
    error instanceof CofferError
      ? errorText(error)
      : String(error instanceof Error ? error.message : error),
  );
}
