import type { ComponentChildren } from 'preact';
import { useCallback, useRef, useState } from 'preact/hooks';
import type { ItemSummary, VaultFilter } from '@/src/protocol/vault-api';
import type { Folder, ItemType } from '@/src/vault/item';
import { SPECIAL_FILTERS } from '@/src/vault/vault-filter';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { Icon, type IconName } from '../components/Icon';
import { QuickCopy, loginSecret } from '../components/QuickCopy';
import { copyText } from '../copy-text';
import { folderOptions } from '../folder-options';
import { useLoaded } from '../hooks/use-loaded';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { WindowedList } from '../components/WindowedList';
import { t, tCount, type MessageKey } from '../i18n';
import { ITEM_TYPE_LABELS } from '../item-fields';
import { useSlashToSearch } from '../hooks/use-popup-keys';
import { useVaultPages, type VaultPages } from '../hooks/use-vault-pages';
import { useVaultClient } from '../vault-client-context';

export type { VaultFilter };

/** Each type's icon, beside the row's name: the type at a glance (the words are in the subtitle). */
const TYPE_ICONS: Record<ItemType, IconName> = {
  1: 'login',
  2: 'secureNote',
  3: 'card',
  4: 'identity',
  5: 'sshKey',
  6: 'bankAccount',
  7: 'driversLicense',
  8: 'passport',
};

export interface VaultViewProps {
  /** The vault's folders, as the popup fetched them once for every view. */
  folders: readonly Folder[];
  filter: VaultFilter;
  onFilterChange(filter: VaultFilter): void;
  onOpenItem(id: string): void;
  onNewItem(folderId: string | null): void;
  /** Opens Import Data: the empty vault's first suggestion. */
  onImport(): void;
  /** Opens the password and passphrase generator. */
  onGenerator(): void;
}

export function VaultView({
  folders,
  filter,
  onFilterChange,
  onOpenItem,
  onNewItem,
  onImport,
  onGenerator,
}: VaultViewProps) {
  const client = useVaultClient();
  // Each folder's count in the filter, as the Vault screen opens (any change is made elsewhere).
  const counts = useLoaded(useCallback(() => client.folderCounts(), [client]));
  const filters = useRef<HTMLDivElement>(null);
  useSlashToSearch(filters);
  // The background keeps, sorts and searches the list: the popup fetches what is on screen.
  const { pages, error, want } = useVaultPages(client, filter);

  const folderChoice = SPECIAL_FILTERS.includes(filter.folder) ? null : filter.folder;
  /** What the last quick copy did: "Copied", or why nothing was. */
  const [notice, setNotice] = useState<string | null>(null);
  /** The row whose quick actions are shown. */
  const [activeRow, setActiveRow] = useState<string | null>(null);
  const copied = () => setNotice(t('copied'));
  const say = (key: MessageKey) => setNotice(t(key));
  /** Ctrl+C (Cmd+C) on a login's row copies its password, as in the managers people know. */
  const copyOnShortcut = async (e: KeyboardEvent, item: ItemSummary) => {
    if (e.key.toLowerCase() !== 'c' || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
    if (item.type !== 1) return;
    e.preventDefault();
    const password = await loginSecret(client, item.id, 'password', say);
    if (password === null) return;
    await copyText(client, password, true);
    copied();
  };
  const renderRow = (item: ItemSummary) => (
    // The quick actions are put in the page for the row under the pointer or holding
    // the focus only: a row each would double the list's DOM.
    <div
      class="row-line"
      onMouseEnter={() => setActiveRow(item.id)}
      onMouseLeave={() => setActiveRow((now) => (now === item.id ? null : now))}
      onFocusIn={() => setActiveRow(item.id)}
      onFocusOut={(e) => {
        const next = e.relatedTarget as Node | null;
        if (next && e.currentTarget.contains(next)) return;
        setActiveRow((now) => (now === item.id ? null : now));
      }}
    >
      <button
        type="button"
        class="item-row"
        onClick={() => onOpenItem(item.id)}
        onKeyDown={(e) => void copyOnShortcut(e, item)}
      >
        <span class="item-icon">
          <Icon name={TYPE_ICONS[item.type]} />
        </span>
        <span class="item-name">{item.name || t('noName')}</span>
        <span class="item-meta">
          {item.favorite && <span aria-label={t('favorite')}>★ </span>}
          {item.subtitle ?? t(ITEM_TYPE_LABELS[item.type])}
        </span>
      </button>
      {activeRow === item.id && (
        <QuickCopy item={item} client={client} onCopied={copied} say={say} />
      )}
    </div>
  );
  // A vault with nothing in it (a new account): its two ways to start take the list's place.
  const emptyVault = pages?.vaultSize === 0;

  return (
    <section aria-labelledby="vault-title" class="view">
      <div class="view-header">
        <h1 id="vault-title">{t('vault')}</h1>
        <button type="button" onClick={onGenerator}>
          {t('generator')}
        </button>
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
            ...folderOptions(folders, counts.value ?? undefined),
          ]}
        />
      </div>
      <ErrorAlert message={error} />
      {notice && <StatusMessage message={notice} />}
      {!pages && !error && <StatusMessage message={t('loading')} />}
      {pages && !emptyVault && (
        <>
          <p class="count" aria-live="polite">
            {tCount('itemCount', pages.total, pages.total)}
          </p>
          {pages.total === 0 ? (
            <p class="empty">{t('noMatches')}</p>
          ) : (
            <ItemLists pages={pages} want={want} renderRow={renderRow} />
          )}
        </>
      )}
    </section>
  );
}

interface ItemListsProps {
  pages: VaultPages;
  want(first: number, end: number): void;
  renderRow(item: ItemSummary): ComponentChildren;
}

/**
 * The filter's rows: one list, or where the list starts with favorites, those under their own
 * heading and the others under theirs. Each is a list of its own to assistive technology (its
 * size and each row's place), and the arrow keys go on from one into the other.
 */
function ItemLists({ pages, want, renderRow }: ItemListsProps) {
  const favoritesRef = useRef<HTMLElement>(null);
  const othersRef = useRef<HTMLElement>(null);
  const { total, favorites } = pages;
  const list = (offset: number, count: number, onLeave?: (towards: 'before' | 'after') => void) => (
    <WindowedList
      class="item-list"
      count={count}
      itemAt={(index) => pages.rowAt(offset + index)}
      onRange={(first, end) => want(offset + first, offset + end)}
      onLeave={onLeave}
      loadingLabel={t('loading')}
      keyOf={(item) => item.id}
      renderRow={renderRow}
    />
  );
  if (favorites === 0) return list(0, total);
  /** Focuses a row of the other list: the first of the others, the last favorite. */
  const focusRow = (section: HTMLElement | null, index: number) =>
    section?.querySelector<HTMLElement>(`li[data-index="${index}"] .item-row`)?.focus();
  return (
    <>
      <section ref={favoritesRef} aria-labelledby="favorites-title">
        <h2 id="favorites-title" class="list-heading">
          {t('favorites')}
        </h2>
        {list(0, favorites, (towards) => {
          if (towards === 'after') focusRow(othersRef.current, 0);
        })}
      </section>
      {total > favorites && (
        <section ref={othersRef} aria-labelledby="other-items-title">
          <h2 id="other-items-title" class="list-heading">
            {t('otherItems')}
          </h2>
          {list(favorites, total - favorites, (towards) => {
            if (towards === 'before') focusRow(favoritesRef.current, favorites - 1);
          })}
        </section>
      )}
    </>
  );
}
