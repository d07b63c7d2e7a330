import { useCallback, useMemo } from 'preact/hooks';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { WindowedList } from '../components/WindowedList';
import { t, tCount } from '../i18n';
import { ITEM_TYPE_LABELS } from '../item-fields';
import { useLoaded } from '../hooks/use-loaded';
import { useVaultClient } from '../vault-client-context';

export interface VaultFilter {
  search: string;
  /** 'all', 'favorites', 'none' (no folder), 'archive' (archived items only), or a folder id. */
  folder: string;
}

/** Filter choices that are not folders. */
const SPECIAL_FILTERS = ['all', 'favorites', 'none', 'archive'];

export interface VaultViewProps {
  filter: VaultFilter;
  onFilterChange(filter: VaultFilter): void;
  onOpenItem(id: string): void;
  onNewItem(folderId: string | null): void;
}

export function VaultView({ filter, onFilterChange, onOpenItem, onNewItem }: VaultViewProps) {
  const client = useVaultClient();
  const { value: listing, error } = useLoaded(useCallback(() => client.listVault(), [client]));

  // What search looks in, made once per listing: a keystroke only compares strings.
  const searchText = useMemo(
    () =>
      new Map(
        (listing?.items ?? []).map((item) => [
          item.id,
          // A separator no search can hold, so no match spans two fields.
          [item.name, item.subtitle ?? '', ...item.uris].join('\u0000').toLowerCase(),
        ]),
      ),
    [listing],
  );

  const shown = useMemo(() => {
    if (!listing) return [];
    const needle = filter.search.trim().toLowerCase();
    return listing.items.filter((item) => {
      // Archived items are out of every list but the archive's, as in Bitwarden.
      if (item.archived !== (filter.folder === 'archive')) return false;
      if (filter.folder === 'favorites' && !item.favorite) return false;
      if (filter.folder === 'none' && item.folderId !== null) return false;
      if (!SPECIAL_FILTERS.includes(filter.folder) && item.folderId !== filter.folder) return false;
      return !needle || searchText.get(item.id)!.includes(needle);
    });
  }, [listing, searchText, filter]);

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
            ...(listing?.folders ?? []).map((f) => ({ value: f.id, label: f.name })),
          ]}
        />
      </div>
      <ErrorAlert message={error} />
      {!listing && !error && <StatusMessage message={t('loading')} />}
      {listing && (
        <>
          <p class="count" aria-live="polite">
            {tCount('itemCount', shown.length, shown.length)}
          </p>
          {shown.length === 0 ? (
            <p class="empty">{listing.items.length === 0 ? t('vaultEmpty') : t('noMatches')}</p>
          ) : (
            <WindowedList
              class="item-list"
              items={shown}
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
