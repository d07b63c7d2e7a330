/**
 * Export Vault's "Selected items": every item, archived ones too, found by the vault's search and
 * shown a page at a time from the background's list (useVaultPages), so a 50,000-item vault
 * neither sends every summary to the popup nor puts 50,000 checkboxes in it. What was chosen
 * stays chosen while the search changes.
 */
import { useState } from 'preact/hooks';
import type { ItemSummary } from '@/src/protocol/vault-api';
import { PAGE_SIZE, useVaultPages } from '../hooks/use-vault-pages';
import { formatNumber, t } from '../i18n';
import { useVaultClient } from '../vault-client-context';
import { Checkbox } from './Checkbox';
import { ErrorAlert, StatusMessage } from './Messages';
import { TextField } from './TextField';

export interface ItemChooserProps {
  chosen: readonly string[];
  onChoose(id: string, on: boolean): void;
}

export function ItemChooser({ chosen, onChoose }: ItemChooserProps) {
  const client = useVaultClient();
  const [search, setSearch] = useState('');
  /** How many of the matches are on screen: a page more each time the person asks. */
  const [shown, setShown] = useState(PAGE_SIZE);
  const { pages, error, want } = useVaultPages(client, { search, folder: 'everything' });

  const rows: ItemSummary[] = [];
  const end = pages ? Math.min(shown, pages.total) : 0;
  for (let index = 0; index < end; index++) {
    const item = pages!.rowAt(index);
    if (item) rows.push(item);
  }
  const waiting = pages !== null && rows.length < end;

  return (
    <fieldset class="group item-choice">
      <legend>{t('chosenItems', chosen.length)}</legend>
      <TextField
        label={t('searchVault')}
        type="search"
        value={search}
        onInput={(value) => {
          setSearch(value);
          setShown(PAGE_SIZE);
        }}
      />
      {!pages && !error && <StatusMessage message={t('loading')} />}
      {pages && pages.total === 0 && (
        <p class="empty">{pages.vaultSize === 0 ? t('vaultEmpty') : t('noMatches')}</p>
      )}
      {rows.map((item) => (
        <Checkbox
          key={item.id}
          label={item.name || t('noName')}
          checked={chosen.includes(item.id)}
          onChange={(on) => onChoose(item.id, on)}
        />
      ))}
      {waiting && <StatusMessage message={t('loading')} />}
      {pages && end < pages.total && (
        <button
          type="button"
          onClick={() => {
            want(end, end + PAGE_SIZE);
            setShown(end + PAGE_SIZE);
          }}
        >
          {t('showMoreItems', formatNumber(end), formatNumber(pages.total))}
        </button>
      )}
      <ErrorAlert message={error} />
    </fieldset>
  );
}
