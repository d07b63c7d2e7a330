import { useCallback, useState } from 'preact/hooks';
import { folderTree, indentedLabel } from '@/src/vault/folder-tree';
import type { Folder } from '@/src/vault/item';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { useLoaded } from '../hooks/use-loaded';
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
  /** A new folder has a parent (a path, '' for none) and its own name; a renamed one its whole name. */
  const [editing, setEditing] = useState<{ id?: string; name: string; parent?: string } | null>(
    null,
  );
  const counts = useLoaded(useCallback(() => client.folderCounts(), [client]));
  const tree = folderTree(folders);
  const byId = new Map(folders.map((folder) => [folder.id, folder]));
  const [deleting, setDeleting] = useState<Folder | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const save = useAsyncAction(async () => {
    if (!editing) return;
    // Bitwarden nests by name: `b` under `a` is the folder `a/b`.
    const name = editing.parent ? `${editing.parent}/${editing.name}` : editing.name;
    const folder = await client.saveFolder(editing.id ? { id: editing.id, name } : { name });
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
          {tree.map((node) => {
            const folder = node.id === null ? null : byId.get(node.id)!;
            return (
              <li
                key={node.path}
                style={{ paddingLeft: `${node.depth * 20}px` }}
                class={folder ? undefined : 'implied'}
              >
                <span>
                  {node.label}
                  {folder && (
                    <span class="folder-count">
                      {' '}
                      {t('folderItemCount', counts.value?.[folder.id] ?? 0)}
                    </span>
                  )}
                </span>
                {folder && (
                  <FolderActions
                    folder={folder}
                    onRename={() => setEditing({ id: folder.id, name: folder.name })}
                    onDelete={() => setDeleting(folder)}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save.run();
          }}
        >
          {editing.id === undefined && (
            <SelectField
              label={t('parentFolder')}
              value={editing.parent ?? ''}
              onChange={(parent) => setEditing({ ...editing, parent })}
              options={[
                { value: '', label: t('noParentFolder') },
                ...tree.map((node) => ({ value: node.path, label: indentedLabel(node) })),
              ]}
            />
          )}
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

interface FolderActionsProps {
  folder: Folder;
  onRename(): void;
  onDelete(): void;
}

/** A folder's Rename and Delete, named with the folder's whole name. */
function FolderActions({ folder, onRename, onDelete }: FolderActionsProps) {
  return (
    <>
      <button
        type="button"
        class="link"
        aria-label={t('renameFolder', folder.name)}
        onClick={onRename}
      >
        {t('rename')}
      </button>
      <button
        type="button"
        class="link danger"
        aria-label={t('deleteFolder', folder.name)}
        onClick={onDelete}
      >
        {t('delete')}
      </button>
    </>
  );
}
