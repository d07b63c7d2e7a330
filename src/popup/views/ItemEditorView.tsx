import { useMemo, useState } from 'preact/hooks';
import { CofferError } from '@/src/errors/coffer-error';
import type { ItemDraft, ItemResult } from '@/src/protocol/vault-api';
import { changeDraftType, emptyDraft } from '@/src/vault/empty-item';
import {
  FIELD_TYPE,
  ITEM_TYPE,
  type Field,
  recordKindOf,
  type FieldType,
  type FlatRecord,
  type Folder,
  type ItemType,
  type LoginUri,
  type RecordKind,
} from '@/src/vault/item';
import { Checkbox } from '../components/Checkbox';
import { Icon } from '../components/Icon';
import { LoadingView } from '../components/LoadingView';
import { ErrorAlert } from '../components/Messages';
import { PasswordGenerator } from '../components/PasswordGenerator';
import { folderOptions } from '../folder-options';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { inputError } from '../error-text';
import { t } from '../i18n';
import {
  fieldInputType,
  ITEM_TYPE_LABELS,
  LINKED_FIELDS,
  recordFields,
  URI_MATCH_LABELS,
} from '../item-fields';
import { useAsyncAction } from '../hooks/use-async-action';
import { useLoaded } from '../hooks/use-loaded';
import { useVaultClient } from '../vault-client-context';
import { RepromptGate } from './ItemView';

export interface ItemEditorViewProps {
  /** null for a new item. */
  id: string | null;
  folders: Folder[];
  defaultFolderId: string | null;
  onSaved(id: string): void;
  onCancel(): void;
}

const FIELD_TYPE_LABELS = [
  { type: FIELD_TYPE.text, label: 'fieldText' },
  { type: FIELD_TYPE.hidden, label: 'fieldHidden' },
  { type: FIELD_TYPE.boolean, label: 'fieldBoolean' },
  { type: FIELD_TYPE.linked, label: 'fieldLinked' },
] as const;

export function ItemEditorView({
  id,
  folders,
  defaultFolderId,
  onSaved,
  onCancel,
}: ItemEditorViewProps) {
  const client = useVaultClient();
  // A new item starts empty; an existing one is fetched, then edited in place.
  const {
    value: draft,
    error: loadError,
    set: setDraft,
  } = useLoaded<ItemDraft & Pick<ItemResult, 'secretsWithheld'>>(
    useMemo(() => (id === null ? null : () => client.getItem({ id })), [client, id]),
    id === null ? emptyDraft(ITEM_TYPE.login, defaultFolderId) : null,
  );
  const [generatorOpen, setGeneratorOpen] = useState(false);
  /** The re-prompt confirmation ran out while editing: asked again, then the save goes on. */
  const [confirmToSave, setConfirmToSave] = useState(false);

  const save = useAsyncAction(async () => {
    if (!draft) return;
    if (draft.name.trim() === '') throw inputError('nameRequired');
    const cleaned = withoutEmptyUris(draft);
    try {
      const saved = await client.saveItem({ item: cleaned });
      onSaved(saved.id);
    } catch (e) {
      if (!(e instanceof CofferError && e.code === 'ERR_REPROMPT_REQUIRED')) throw e;
      setConfirmToSave(true);
    }
  });

  if (!draft) return <LoadingView error={loadError} leaveLabel={t('cancel')} onLeave={onCancel} />;

  // A re-prompt item: its secrets come only after the master password, and so does saving it.
  if (id !== null && (draft.secretsWithheld || confirmToSave)) {
    return (
      <section aria-labelledby="editor-title" class="view">
        <h1 id="editor-title">{t('editItem')}</h1>
        <RepromptGate
          itemId={id}
          onVerified={(item) => {
            if (draft.secretsWithheld) return setDraft(item);
            setConfirmToSave(false);
            void save.run();
          }}
        />
        <div class="actions">
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      </section>
    );
  }

  const set = (change: Partial<ItemDraft> | Record<string, unknown>) =>
    setDraft({ ...draft, ...change } as ItemDraft);
  const recordKind = recordKindOf(draft.type);
  const text = (value: string) => (value === '' ? null : value);

  return (
    <section aria-labelledby="editor-title" class="view">
      <h1 id="editor-title">{id === null ? t('newItem') : t('editItem')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        {id === null && (
          <SelectField
            label={t('type')}
            value={String(draft.type)}
            onChange={(v) => setDraft(changeDraftType(draft, Number(v) as ItemType))}
            options={Object.values(ITEM_TYPE).map((type) => ({
              value: String(type),
              label: t(ITEM_TYPE_LABELS[type]),
            }))}
          />
        )}
        <TextField
          label={t('name')}
          value={draft.name}
          onInput={(name) => set({ name })}
          required
          autoFocus={id === null}
        />
        <SelectField
          label={t('folder')}
          value={draft.folderId ?? ''}
          onChange={(v) => set({ folderId: v === '' ? null : v })}
          options={[{ value: '', label: t('noFolder') }, ...folderOptions(folders)]}
        />

        {draft.type === ITEM_TYPE.login && (
          <>
            <TextField
              label={t('username')}
              value={draft.login.username ?? ''}
              onInput={(v) => set({ login: { ...draft.login, username: text(v) } })}
              autoComplete="off"
            />
            <TextField
              label={t('password')}
              type="password"
              value={draft.login.password ?? ''}
              onInput={(v) => set({ login: { ...draft.login, password: text(v) } })}
              autoComplete="new-password"
              actions={
                <button
                  type="button"
                  class="icon-button"
                  aria-label={t('generate')}
                  title={t('generatePassword')}
                  aria-expanded={generatorOpen}
                  onClick={() => setGeneratorOpen(!generatorOpen)}
                >
                  <Icon name="refresh" />
                </button>
              }
            />
            {generatorOpen && (
              <PasswordGenerator
                // The generator closes as the value is used: the password going into the item
                // does not wait for the history, nor fail with it.
                onKeep={(value, kind) => {
                  client.rememberGenerated({ value, kind }).catch(() => undefined);
                }}
                onUse={(password) => {
                  set({ login: { ...draft.login, password } });
                  setGeneratorOpen(false);
                }}
                onClose={() => setGeneratorOpen(false)}
              />
            )}
            <TextField
              label={t('totp')}
              type="password"
              value={draft.login.totp ?? ''}
              onInput={(v) => set({ login: { ...draft.login, totp: text(v) } })}
            />
            <UriList
              uris={draft.login.uris ?? []}
              onChange={(uris) => set({ login: { ...draft.login, uris } })}
            />
            {(draft.login.fido2Credentials ?? []).length > 0 && (
              <p class="hint">{t('passkeysKept', (draft.login.fido2Credentials ?? []).length)}</p>
            )}
          </>
        )}
        {recordKind !== null &&
          recordFields(recordKind).map(({ name, label }) => {
            const record = (draft as unknown as Record<RecordKind, FlatRecord<string>>)[recordKind];
            const value = record[name] ?? '';
            return (
              <TextField
                key={name}
                label={t(label)}
                type={fieldInputType(draft.type, name, value)}
                multiline={name === 'privateKey'}
                value={value}
                onInput={(v) => set({ [recordKind]: { ...record, [name]: text(v) } })}
              />
            );
          })}

        <TextField
          label={t('notes')}
          multiline
          value={draft.notes ?? ''}
          onInput={(v) => set({ notes: text(v) })}
        />
        <CustomFields
          type={draft.type}
          fields={draft.fields ?? []}
          onChange={(fields) => set({ fields: fields.length ? fields : undefined })}
        />
        <Checkbox
          label={t('favorite')}
          checked={draft.favorite}
          onChange={(favorite) => set({ favorite })}
        />
        <Checkbox
          label={t('masterPasswordReprompt')}
          description={t('masterPasswordRepromptDescription')}
          checked={draft.reprompt === 1}
          onChange={(on) => set({ reprompt: on ? 1 : 0 })}
        />

        <ErrorAlert message={save.error} />
        <div class="actions">
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary" disabled={save.pending}>
            {t('save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function UriList({ uris, onChange }: { uris: LoginUri[]; onChange(uris: LoginUri[]): void }) {
  const update = (i: number, change: Partial<LoginUri>) =>
    onChange(uris.map((u, j) => (j === i ? { ...u, ...change } : u)));
  return (
    <fieldset class="group">
      <legend>{t('uris')}</legend>
      {uris.map((uri, i) => (
        <div key={i} class="uri-row">
          <TextField
            label={t('uri')}
            type="url"
            value={uri.uri ?? ''}
            onInput={(v) => update(i, { uri: v })}
          />
          <SelectField
            label={t('matchDetection')}
            value={URI_MATCH_LABELS.find((m) => m.match === uri.match)?.value ?? 'default'}
            onChange={(v) =>
              update(i, { match: URI_MATCH_LABELS.find((m) => m.value === v)?.match ?? null })
            }
            options={URI_MATCH_LABELS.map((m) => ({ value: m.value, label: t(m.label) }))}
          />
          <button
            type="button"
            class="link"
            aria-label={t('removeUri', i + 1)}
            onClick={() => onChange(uris.filter((_, j) => j !== i))}
          >
            {t('remove')}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...uris, { uri: '', match: null }])}>
        {t('newUri')}
      </button>
    </fieldset>
  );
}

function CustomFields({
  type,
  fields,
  onChange,
}: {
  type: ItemType;
  fields: Field[];
  onChange(fields: Field[]): void;
}) {
  const update = (i: number, change: Partial<Field>) =>
    onChange(fields.map((f, j) => (j === i ? { ...f, ...change } : f)));
  const linkable = LINKED_FIELDS[type] ?? [];
  return (
    <fieldset class="group">
      <legend>{t('customFields')}</legend>
      {fields.map((field, i) => (
        <div key={i} class="custom-field">
          <SelectField
            label={t('fieldType')}
            value={String(field.type)}
            onChange={(v) => {
              const fieldType = Number(v) as FieldType;
              update(i, {
                type: fieldType,
                value:
                  fieldType === FIELD_TYPE.boolean
                    ? 'false'
                    : fieldType === FIELD_TYPE.linked
                      ? null
                      : (field.value ?? ''),
                linkedId: fieldType === FIELD_TYPE.linked ? (linkable[0]?.id ?? null) : null,
              });
            }}
            options={FIELD_TYPE_LABELS.filter(
              (o) => o.type !== FIELD_TYPE.linked || linkable.length > 0,
            ).map((o) => ({ value: String(o.type), label: t(o.label) }))}
          />
          <TextField
            label={t('fieldName')}
            value={field.name ?? ''}
            onInput={(name) => update(i, { name })}
          />
          {field.type === FIELD_TYPE.boolean ? (
            <Checkbox
              label={t('fieldValue')}
              checked={field.value === 'true'}
              onChange={(on) => update(i, { value: on ? 'true' : 'false' })}
            />
          ) : field.type === FIELD_TYPE.linked ? (
            <SelectField
              label={t('linkedTo')}
              value={String(field.linkedId ?? linkable[0]?.id ?? '')}
              onChange={(v) => update(i, { linkedId: Number(v) })}
              options={linkable.map((l) => ({ value: String(l.id), label: t(l.label) }))}
            />
          ) : (
            <TextField
              label={t('fieldValue')}
              type={field.type === FIELD_TYPE.hidden ? 'password' : 'text'}
              value={field.value ?? ''}
              onInput={(value) => update(i, { value })}
            />
          )}
          <button
            type="button"
            class="link"
            aria-label={t('removeField', field.name || String(i + 1))}
            onClick={() => onChange(fields.filter((_, j) => j !== i))}
          >
            {t('remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          onChange([...fields, { name: '', value: '', type: FIELD_TYPE.text, linkedId: null }])
        }
      >
        {t('newCustomField')}
      </button>
    </fieldset>
  );
}

/** Empty URI rows are a way of leaving the field blank, not URIs. */
function withoutEmptyUris(draft: ItemDraft): ItemDraft {
  if (draft.type !== ITEM_TYPE.login) return draft;
  return {
    ...draft,
    login: {
      ...draft.login,
      uris: (draft.login.uris ?? []).filter((u) => (u.uri ?? '').trim() !== ''),
    },
  };
}
