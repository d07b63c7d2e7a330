import { useState } from 'preact/hooks';
import type { Folder } from '@/src/vault/item';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { TextField } from '../components/TextField';
import { t } from '../i18n';
import { useAsyncAction } from '../hooks/use-async-action';
import { useVaultClient } from '../vault-client-context';

export interface FoldersViewProps {
  folders: Folder[];
  onChanged(): Promise<void>;
  onBack(): void;
}

/** Settings → Folders: create, rename and delete folders. */
export function FoldersView({ folders, onChanged, onBack }: FoldersViewProps) {
  const client = useVaultClient();
  const [editing, setEditing] = useState<{ id?: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<Folder | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const save = useAsyncAction(async () => {
    if (!editing) return;
    const folder = await client.saveFolder(
      editing.id ? { id: editing.id, name: editing.name } : { name: editing.name },
    );
    setEditing(null);
    setMessage(t('folderSaved', folder.name));
    await onChanged();
  });
  const remove = useAsyncAction(async () => {
    if (!deleting) return;
    await client.deleteFolder({ id: deleting.id });
    setMessage(t('folderDeleted', deleting.name));
    setDeleting(null);
    await onChanged();
  });

  return (
    <section aria-labelledby="folders-title" class="view">
      <div class="view-header">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <h1 id="folders-title">{t('folders')}</h1>
      </div>
      {folders.length === 0 ? (
        <p class="empty">{t('noFolders')}</p>
      ) : (
        <ul class="folder-list">
          {folders.map((folder) => (
            <li key={folder.id}>
              <span>{folder.name}</span>
              <button
                type="button"
                class="link"
                aria-label={t('renameFolder', folder.name)}
                onClick={() => setEditing({ id: folder.id, name: folder.name })}
              >
                {t('rename')}
              </button>
              <button
                type="button"
                class="link danger"
                aria-label={t('deleteFolder', folder.name)}
                onClick={() => setDeleting(folder)}
              >
                {t('delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save.run();
          }}
        >
          <TextField
            label={t('folderName')}
            value={editing.name}
            onInput={(name) => setEditing({ ...editing, name })}
            required
            autoFocus
            description={t('folderNestingHint')}
          />
          <ErrorAlert message={save.error} />
          <div class="actions">
            <button type="button" onClick={() => setEditing(null)}>
              {t('cancel')}
            </button>
            <button type="submit" class="primary" disabled={save.pending}>
              {t('save')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" class="primary" onClick={() => setEditing({ name: '' })}>
          {t('newFolder')}
        </button>
      )}
      <StatusMessage message={message} />
      <ErrorAlert message={remove.error} />
      {deleting && (
        <ConfirmDialog
          title={t('deleteFolderTitle')}
          confirmLabel={t('delete')}
          danger
          onConfirm={() => void remove.run()}
          onCancel={() => setDeleting(null)}
        >
          <p>{t('deleteFolderText', deleting.name)}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
