import { useCallback, useState } from 'preact/hooks';
import {
  DATE_FIELDS,
  FIELD_TYPE,
  ITEM_TYPE,
  recordOf,
  type Folder,
  type Item,
} from '@/src/vault/item';
import { AttachmentsSection } from '../components/AttachmentsSection';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { LoadingView } from '../components/LoadingView';
import { ErrorAlert } from '../components/Messages';
import { TextField } from '../components/TextField';
import { TotpCodeRow } from '../components/TotpCodeRow';
import { ValueRow } from '../components/ValueRow';
import { t } from '../i18n';
import {
  isClearedOnCopy,
  isHiddenField,
  isIsoDate,
  ITEM_TYPE_LABELS,
  LINKED_FIELDS,
  recordFields,
} from '../item-fields';
import { useAsyncAction } from '../hooks/use-async-action';
import { useLoaded } from '../hooks/use-loaded';
import { useVaultClient } from '../vault-client-context';

export interface ItemViewProps {
  id: string;
  folders: Folder[];
  onEdit(id: string): void;
  onBack(): void;
  onDeleted(): void;
}

export function ItemView({ id, folders, onEdit, onBack, onDeleted }: ItemViewProps) {
  const client = useVaultClient();
  const loaded = useLoaded(useCallback(() => client.getItem({ id }), [client, id]));
  const item = loaded.value;
  const [verified, setVerified] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = useAsyncAction(async () => {
    setConfirmDelete(false);
    await client.deleteItem({ id });
    onDeleted();
  });
  // The answer is the item as getItem gives it; a confirmed re-prompt item stays confirmed here.
  const archive = useAsyncAction(async (archived: boolean) => {
    const next = await client.setItemArchived({ id, archived });
    const shown = loaded.value;
    loaded.set(
      next.secretsWithheld && shown && !shown.secretsWithheld
        ? { ...shown, archivedDate: next.archivedDate, revisionDate: next.revisionDate }
        : next,
    );
  });

  if (!item) return <LoadingView error={loaded.error} leaveLabel={t('back')} onLeave={onBack} />;

  // The popup asks every time a re-prompt item is opened; the background, which withholds its
  // secrets until the password is confirmed for it, answers the whole item then.
  const locked = (item.reprompt === 1 && !verified) || item.secretsWithheld === true;
  const folder = folders.find((f) => f.id === item.folderId);

  return (
    <section aria-labelledby="item-title" class="view">
      <div class="view-header">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <h1 id="item-title">{item.name || t('noName')}</h1>
      </div>
      <p class="item-meta">
        {t(ITEM_TYPE_LABELS[item.type])}
        {folder ? ` · ${folder.name}` : ''}
        {item.favorite ? ` · ★ ${t('favorite')}` : ''}
        {item.archivedDate
          ? ` · ${t('archivedOn', new Date(item.archivedDate).toLocaleDateString())}`
          : ''}
      </p>
      {locked ? (
        <RepromptGate
          itemId={item.id}
          onVerified={(full) => {
            loaded.set(full);
            setVerified(true);
          }}
        />
      ) : (
        <dl class="values">
          <TypeValues item={item} />
          <ValueRow label={t('notes')} value={item.notes} multiline copy />
          {(item.fields ?? []).map((field, i) => (
            <ValueRow
              key={i}
              label={field.name ?? ''}
              value={
                field.type === FIELD_TYPE.boolean
                  ? field.value === 'true'
                    ? t('yes')
                    : t('no')
                  : field.type === FIELD_TYPE.linked
                    ? `→ ${linkedLabel(item, field.linkedId)}`
                    : field.value
              }
              secret={field.type === FIELD_TYPE.hidden}
              copy={field.type === FIELD_TYPE.text || field.type === FIELD_TYPE.hidden}
            />
          ))}
        </dl>
      )}
      {!locked && item.passwordHistory && item.passwordHistory.length > 0 && (
        <details class="history">
          <summary>{t('passwordHistoryCount', item.passwordHistory.length)}</summary>
          <dl class="values">
            {item.passwordHistory.map((entry, i) => (
              <ValueRow
                key={i}
                label={new Date(entry.lastUsedDate).toLocaleString()}
                value={entry.password}
                secret
                copy
              />
            ))}
          </dl>
        </details>
      )}
      {/* A re-prompt item's attachments are asked for only once its password is confirmed. */}
      {!locked && <AttachmentsSection key={item.id} itemId={item.id} />}
      <p class="dates">
        {t('updatedOn', new Date(item.revisionDate).toLocaleString())}
        <br />
        {t('createdOn', new Date(item.creationDate).toLocaleString())}
      </p>
      <ErrorAlert message={remove.error ?? archive.error} />
      <div class="actions">
        <button
          type="button"
          onClick={() => void archive.run(!item.archivedDate)}
          disabled={archive.pending}
        >
          {item.archivedDate ? t('unarchive') : t('archive')}
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => setConfirmDelete(true)}
          disabled={locked || remove.pending}
        >
          {t('delete')}
        </button>
        <button type="button" class="primary" onClick={() => onEdit(item.id)} disabled={locked}>
          {t('edit')}
        </button>
      </div>
      {confirmDelete && (
        <ConfirmDialog
          title={t('deleteItemTitle')}
          confirmLabel={t('delete')}
          danger
          onConfirm={() => void remove.run()}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>{t('deleteItemText', item.name)}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function TypeValues({ item }: { item: Item }) {
  switch (item.type) {
    case ITEM_TYPE.login:
      return (
        <>
          <ValueRow label={t('username')} value={item.login.username} copy />
          <ValueRow label={t('password')} value={item.login.password} secret copy />
          <ValueRow label={t('totp')} value={item.login.totp} secret copy />
          {item.login.totp && <TotpCodeRow stored={item.login.totp} />}
          {(item.login.uris ?? []).map((uri, i) => (
            <ValueRow key={i} label={t('uri')} value={uri.uri} link copy />
          ))}
          {(item.login.fido2Credentials ?? []).map((passkey, i) => (
            <ValueRow
              key={`passkey-${i}`}
              label={t('passkey')}
              value={t(
                'passkeyFor',
                passkey.rpId ?? '',
                passkey.creationDate ? new Date(passkey.creationDate).toLocaleDateString() : '',
              )}
            />
          ))}
        </>
      );
    case ITEM_TYPE.secureNote:
      return null;
    default: {
      const { kind, record } = recordOf(item)!;
      return (
        <>
          {recordFields(kind).map(({ name, label }) => (
            <ValueRow
              key={name}
              label={t(label)}
              value={
                DATE_FIELDS.has(name) ? dateText(record[name] ?? null) : (record[name] ?? null)
              }
              secret={isHiddenField(item.type, name)}
              clearCopy={isClearedOnCopy(item.type, name)}
              copy
              multiline={name === 'privateKey'}
            />
          ))}
        </>
      );
    }
  }
}

/** A `YYYY-MM-DD` date in the reader's locale; any other text as it was written. */
function dateText(value: string | null): string | null {
  if (value === null || !isIsoDate(value)) return value;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime())
    ? value
    : date.toLocaleDateString(undefined, { timeZone: 'UTC', dateStyle: 'medium' });
}

function linkedLabel(item: Item, linkedId: number | null): string {
  const target = LINKED_FIELDS[item.type]?.find((f) => f.id === linkedId);
  return target ? t(target.label) : String(linkedId);
}

/**
 * Items marked "Master password re-prompt": the background hands out their secrets, and saves
 * them, only after the password was confirmed for that item; it answers the whole item.
 */
export function RepromptGate({
  itemId,
  onVerified,
}: {
  itemId: string;
  onVerified(item: Item): void;
}) {
  const client = useVaultClient();
  const [password, setPassword] = useState('');
  const action = useAsyncAction(async () => {
    try {
      onVerified(await client.confirmReprompt({ itemId, masterPassword: password }));
    } finally {
      setPassword('');
    }
  });
  return (
    <form
      class="reprompt"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run();
      }}
    >
      <p>{t('repromptText')}</p>
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
      <div class="actions">
        <button type="submit" class="primary" disabled={action.pending}>
          {t('confirm')}
        </button>
      </div>
    </form>
  );
}
