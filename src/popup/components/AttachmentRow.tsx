import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttachmentInfo } from '@/src/protocol/vault-api';
import { MAX_ATTACHMENT_NAME_LENGTH } from '@/src/vault/policy';
import { fileSizeText } from '../file-size';
import { t } from '../i18n';
import { TextField } from './TextField';

export interface AttachmentRowProps {
  attachment: AttachmentInfo;
  /** Whether the row shows its rename field. */
  renaming: boolean;
  busy: boolean;
  onSave(): void;
  onDelete(): void;
  onStartRename(): void;
  onRename(fileName: string): void;
  onCancelRename(): void;
}

/**
 * One attachment: its name and size, and Save, Rename and Delete (ui.md names the buttons
 * `Save` and `Delete`; the row is a group named by the file, so a screen reader says which).
 */
export function AttachmentRow(props: AttachmentRowProps) {
  const { attachment, renaming, busy } = props;
  const [name, setName] = useState(attachment.fileName);
  const form = useRef<HTMLFormElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasRenaming = useRef(false);

  // Into the field as it opens, back to Rename as it closes: a keyboard user stays in the row.
  useEffect(() => {
    if (renaming) form.current?.querySelector('input')?.select();
    else if (wasRenaming.current) renameButton.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);

  return (
    <li>
      {/* Named by aria-label rather than by the visible name's id, so a test (or a script) can
          find a file's row with a plain CSS selector; the name read out is the same. */}
      <div role="group" aria-label={attachment.fileName} class="attachment-row">
        <span class="attachment-name">{attachment.fileName}</span>
        <span class="attachment-size">{fileSizeText(attachment.size)}</span>
        {renaming ? (
          <form
            ref={form}
            class="attachment-rename"
            onSubmit={(e) => {
              e.preventDefault();
              props.onRename(name);
            }}
            onKeyDown={(e) => {
              if (e.key !== 'Escape') return;
              e.preventDefault();
              props.onCancelRename();
            }}
          >
            <TextField
              label={t('attachmentFileName')}
              value={name}
              onInput={setName}
              maxLength={MAX_ATTACHMENT_NAME_LENGTH}
              required
            />
            <div class="row-actions">
              <button type="button" onClick={props.onCancelRename}>
                {t('cancel')}
              </button>
              <button type="submit" class="primary" disabled={busy}>
                {t('save')}
              </button>
            </div>
          </form>
        ) : (
          <div class="row-actions">
            <button type="button" onClick={props.onSave} disabled={busy}>
              {t('save')}
            </button>
            <button
              type="button"
              ref={renameButton}
              onClick={() => {
                setName(attachment.fileName);
                props.onStartRename();
              }}
              disabled={busy}
            >
              {t('rename')}
            </button>
            <button type="button" class="danger" onClick={props.onDelete} disabled={busy}>
              {t('delete')}
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
