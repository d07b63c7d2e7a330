import { useCallback, useId, useState } from 'preact/hooks';
import type { AttachmentInfo } from '@/src/protocol/vault-api';
import { inputError } from '../error-text';
import { fileSizeText } from '../file-size';
import { useAsyncAction } from '../hooks/use-async-action';
import { useAttachmentUploads, type UploadReport } from '../hooks/use-attachment-uploads';
import { useFileDrop } from '../hooks/use-file-drop';
import { useLoaded } from '../hooks/use-loaded';
import { formatNumber, t } from '../i18n';
import { filePickerClosesPopup, openScreenInTab } from '../open-file-view';
import { useVaultClient } from '../vault-client-context';
import { AttachmentRow } from './AttachmentRow';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorAlert, StatusMessage } from './Messages';

/**
 * An item's attachments (ui.md): listed with name and size, saved to disk, renamed, deleted, and
 * added from the `Add attachment` file input or by dropping files on the page.
 */
export function AttachmentsSection({ itemId }: { itemId: string }) {
  const client = useVaultClient();
  const headingId = useId();
  const inputId = useId();
  const hintId = useId();
  const list = useLoaded(useCallback(() => client.listAttachments({ itemId }), [client, itemId]));
  const [status, setStatus] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<AttachmentInfo | null>(null);
  // Read once: whether the page is Firefox's toolbar popup does not change while it is open.
  const [pickerInTab] = useState(filePickerClosesPopup);

  /** Save, rename and delete: one at a time, each answering what the status line says. */
  const action = useAsyncAction(async (run: () => Promise<string | null>) => {
    setStatus(null);
    setStatus(await run());
  });
  const report = ({ status: text, alert }: UploadReport) => {
    setStatus(text);
    action.setError(alert);
  };
  const uploads = useAttachmentUploads({
    itemId,
    onAdded: () => void list.reload(),
    onReport: report,
  });
  const dragging = useFileDrop(uploads.add);

  const save = (attachment: AttachmentInfo) =>
    action.run(async () => {
      const saved = await client.saveAttachment({ itemId, attachmentId: attachment.id });
      return t('attachmentSaved', saved.fileName, fileSizeText(saved.bytes));
    });
  const rename = (attachment: AttachmentInfo, typed: string) =>
    action.run(async () => {
      const fileName = typed.trim();
      if (fileName === '') throw inputError('errAttachmentNeedsName');
      if (fileName === attachment.fileName) {
        setRenaming(null);
        return null;
      }
      const renamed = await client.renameAttachment({
        itemId,
        attachmentId: attachment.id,
        fileName,
      });
      setRenaming(null);
      await list.reload();
      return t('attachmentRenamed', renamed.fileName);
    });
  const remove = (attachment: AttachmentInfo) =>
    action.run(async () => {
      setDeleting(null);
      await client.deleteAttachment({ itemId, attachmentId: attachment.id });
      await list.reload();
      return t('attachmentDeleted', attachment.fileName);
    });

  const attachments = list.value;
  return (
    <section
      aria-labelledby={headingId}
      class={dragging ? 'attachments drop-target' : 'attachments'}
    >
      <h2 id={headingId}>{t('attachments')}</h2>
      {dragging && <p class="drop-hint">{t('attachmentDropHint')}</p>}
      {attachments === null ? (
        !list.error && <p class="empty">{t('loading')}</p>
      ) : attachments.length === 0 ? (
        <p class="empty">{t('noAttachments')}</p>
      ) : (
        <ul class="attachment-list">
          {attachments.map((attachment) => (
            <AttachmentRow
              key={attachment.id}
              attachment={attachment}
              renaming={renaming === attachment.id}
              busy={action.pending}
              onSave={() => void save(attachment)}
              onDelete={() => setDeleting(attachment)}
              onStartRename={() => {
                action.setError(null);
                setRenaming(attachment.id);
              }}
              onRename={(fileName) => void rename(attachment, fileName)}
              onCancelRename={() => setRenaming(null)}
            />
          ))}
        </ul>
      )}
      <ErrorAlert message={list.error} />
      <div class="field">
        <label for={inputId}>{t('addAttachment')}</label>
        <input
          id={inputId}
          type="file"
          multiple
          aria-describedby={pickerInTab ? hintId : undefined}
          onClick={(e) => {
            if (!pickerInTab) return;
            // Firefox's picker would close this popup: the item opens in a tab, to choose there.
            e.preventDefault();
            void action.run(async () => {
              await openScreenInTab({ name: 'item', id: itemId });
              return null;
            });
          }}
          onChange={(e) => {
            const input = e.currentTarget;
            uploads.add(Array.from(input.files ?? []));
            // Emptied, so that choosing the same file again is a change too.
            input.value = '';
          }}
        />
        {pickerInTab && (
          <p id={hintId} class="hint">
            {t('attachmentInTabHint')}
          </p>
        )}
      </div>
      {uploads.current && (
        <div class="upload-progress">
          <StatusMessage
            message={t(
              'attachmentAdding',
              uploads.current.fileName,
              formatNumber(uploads.current.percent),
            )}
          />
          <button type="button" onClick={uploads.cancel}>
            {t('cancel')}
          </button>
        </div>
      )}
      <StatusMessage message={status} />
      <ErrorAlert message={action.error} />
      {deleting && (
        <ConfirmDialog
          title={t('deleteAttachmentTitle')}
          confirmLabel={t('delete')}
          danger
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        >
          <p>{t('deleteAttachmentText', deleting.fileName)}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
