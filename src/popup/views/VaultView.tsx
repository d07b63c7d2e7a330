import type { VaultFilter } from '@/src/protocol/vault-api';
import type { Folder } from '@/src/vault/item';
import { SPECIAL_FILTERS } from '@/src/vault/vault-filter';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { WindowedList } from '../components/WindowedList';
import { t, tCount } from '../i18n';
import { ITEM_TYPE_LABELS } from '../item-fields';
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
}

export function VaultView({
  folders,
  filter,
  onFilterChange,
  onOpenItem,
  onNewItem,
}: VaultViewProps) {
  const client = useVaultClient();
  // The background keeps, sorts and searches the list: the popup fetches what is on screen.
  const { pages, error, want } = useVaultPages(client, filter);

  const folderChoice = SPECIAL_FILTERS.includes(filter.folder) ? null : filter.folder;

  return (
    <section aria-labelledby="vault-title" class="view">
      <div class="view-header">
        <h1 id="vault-title">{t('vault')}</h1>
        <button type="button" class="primary" onClick={() => onNewItem(folderChoice)}>
          {t('newItem')}
        </button>
      </div>
      <div class="filters">
        <TextField
          label={t('searchVault')}
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
      {pages && (
        <>
          <p class="count" aria-live="polite">
            {tCount('itemCount', pages.total, pages.total)}
          </p>
          {pages.total === 0 ? (
            <p class="empty">{pages.vaultSize === 0 ? t('vaultEmpty') : t('noMatches')}</p>
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
