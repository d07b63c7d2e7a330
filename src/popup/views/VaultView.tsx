import { useRef } from 'preact/hooks';
import type { VaultFilter } from '@/src/protocol/vault-api';
import type { Folder } from '@/src/vault/item';
import { SPECIAL_FILTERS } from '@/src/vault/vault-filter';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { WindowedList } from '../components/WindowedList';
import { t, tCount } from '../i18n';
import { ITEM_TYPE_LABELS } from '../item-fields';
import { useSlashToSearch } from '../hooks/use-popup-keys';
import { useVaultPages } from '../hooks/use-vault-pages';
import { useVaultClient } from '../vault-client-context';

export type { VaultFilter };

export interface VaultViewProps {
  /** The vault's folders, as the popup fetched them once for every view. */
  folders: readonly Folder[];
  filter: VaultFilter;
  onFilterChange(filter: VaultFilter): void;
  onOpenItem(id: string): void;
  onNewItem(folderId: string | null): void;
  /** Opens Import Data: the empty vault's first suggestion. */
  onImport(): void;
}

export function VaultView({
  folders,
  filter,
  onFilterChange,
  onOpenItem,
  onNewItem,
  onImport,
}: VaultViewProps) {
  const client = useVaultClient();
  const filters = useRef<HTMLDivElement>(null);
  useSlashToSearch(filters);
  // The background keeps, sorts and searches the list: the popup fetches what is on screen.
  const { pages, error, want } = useVaultPages(client, filter);

  const folderChoice = SPECIAL_FILTERS.includes(filter.folder) ? null : filter.folder;
  // A vault with nothing in it (a new account): its two ways to start take the list's place.
  const emptyVault = pages?.vaultSize === 0;

  return (
    <section aria-labelledby="vault-title" class="view">
      <div class="view-header">
        <h1 id="vault-title">{t('vault')}</h1>
        {!emptyVault && (
          <button type="button" class="primary" onClick={() => onNewItem(folderChoice)}>
            {t('newItem')}
          </button>
        )}
      </div>
      {emptyVault && (
        <section aria-labelledby="empty-vault-title" class="empty-vault">
          <h2 id="empty-vault-title">{t('emptyVaultTitle')}</h2>
          <div class="start-choice">
            <button
              type="button"
              class="primary"
              onClick={onImport}
              aria-describedby="start-import"
            >
              {t('importData')}
            </button>
            <p id="start-import" class="hint">
              {t('emptyVaultImportHint')}
            </p>
          </div>
          <div class="start-choice">
            <button
              type="button"
              onClick={() => onNewItem(folderChoice)}
              aria-describedby="start-new-item"
            >
              {t('newItem')}
            </button>
            <p id="start-new-item" class="hint">
              {t('emptyVaultNewItemHint')}
            </p>
          </div>
        </section>
      )}
      <div class="filters" ref={filters}>
        <TextField
          label={t('searchVault')}
          keyShortcuts="/"
          type="search"
          value={filter.search}
          onInput={(search) => onFilterChange({ ...filter, search })}
        />
        <SelectField
          label={t('showFolder')}
          value={filter.folder}
          onChange={(folder) => onFilterChange({ ...filter, folder })}
          options={[
            { value: 'all', label: t('allItems') },
            { value: 'favorites', label: t('favorites') },
            { value: 'none', label: t('noFolder') },
            { value: 'archive', label: t('archiveFilter') },
            ...folders.map((f) => ({ value: f.id, label: f.name })),
          ]}
        />
      </div>
      <ErrorAlert message={error} />
      {!pages && !error && <StatusMessage message={t('loading')} />}
      {pages && !emptyVault && (
        <>
          <p class="count" aria-live="polite">
            {tCount('itemCount', pages.total, pages.total)}
          </p>
          {pages.total === 0 ? (
            <p class="empty">{t('noMatches')}</p>
          ) : (
            <WindowedList
              class="item-list"
              count={pages.total}
              itemAt={pages.rowAt}
              onRange={want}
              loadingLabel={t('loading')}
              keyOf={(item) => item.id}
              renderRow={(item) => (
                <button type="button" class="item-row" onClick={() => onOpenItem(item.id)}>
                  <span class="item-name">{item.name || t('noName')}</span>
                  <span class="item-meta">
                    {item.favorite && <span aria-label={t('favorite')}>★ </span>}
                    {item.subtitle ?? t(ITEM_TYPE_LABELS[item.type])}
                  </span>
                </button>
              )}
            />
          )}
        </>
      )}
    </section>
  );
}
