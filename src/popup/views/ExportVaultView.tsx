import { useCallback, useReducer, useState } from 'preact/hooks';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import {
  EXPORT_FORMATS,
  exportFormat,
  protectionWords,
  KDBX_CIPHERS,
  type EncryptedProtection,
  type ExportFormatId,
  type KdbxCipher,
} from '@/src/formats/registry';
import type { ExportRequest, ExportResult, UnreadablePolicy } from '@/src/protocol/vault-api';
import type { BackupEntry } from '@/src/vault/backup-entry';
import type { Folder } from '@/src/vault/item';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CopyButton } from '../components/CopyButton';
import { ItemChooser } from '../components/ItemChooser';
import { ErrorAlert, StatusMessage, Warning } from '../components/Messages';
import { ProgressStatus } from '../components/ProgressStatus';
import { RadioGroup } from '../components/RadioGroup';
import { SelectField } from '../components/SelectField';
import { StrengthMeter } from '../components/StrengthMeter';
import { TextField } from '../components/TextField';
import { errorText } from '../error-text';
import { formatLabel } from '../format-label';
import { useAsyncAction } from '../hooks/use-async-action';
import { useLoaded } from '../hooks/use-loaded';
import { useProgress } from '../hooks/use-progress';
import { formatNumber, t, tCount, type MessageKey } from '../i18n';
import { folderOptions } from '../folder-options';
import { useVaultClient } from '../vault-client-context';
import {
  FILE_KDF_DEFAULTS,
  backupKindLabel,
  buildExportRequest,
  confirmWords,
  exportFormReducer,
  exportNotes,
  generateFilePassword,
  initialExportForm,
  modeChoices,
  protectionOf,
  type ExportForm,
  type ExportFormEdit,
  type FileKdfChoice,
  type ScopeKind,
} from './export-form';

export interface ExportVaultViewProps {
  folders: Folder[];
  /** Start on a password-protected export (offered right after a key rotation). */
  passwordProtected?: boolean;
  onBack(): void;
}

function describeBackup(entry: BackupEntry): string {
  return tCount(
    'lastExportLine',
    entry.itemCount,
    new Date(entry.date).toLocaleString(),
    entry.fileName,
    formatLabel(backupKindLabel(entry)),
    entry.itemCount,
  );
}

/** Settings → Tools → Export Vault (ui.md), with an optional partial export. */
export function ExportVaultView({ folders, passwordProtected, onBack }: ExportVaultViewProps) {
  const client = useVaultClient();
  const [form, dispatch] = useReducer(exportFormReducer, passwordProtected, initialExportForm);
  const edit = (change: ExportFormEdit) => dispatch({ type: 'edit', change });
  const info = useLoaded(useCallback(() => client.getExportInfo(), [client]));
  /** The request built from the form, waiting in the confirmation dialog. */
  const [confirming, setConfirming] = useState<ExportRequest | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [progress, clearProgress] = useProgress('export');

  const exporting = useAsyncAction(async (request: ExportRequest) => {
    setConfirming(null);
    clearProgress();
    dispatch({ type: 'sent' });
    setResult(await client.exportVault(request));
    dispatch({ type: 'exported' });
    // "Saved" shows now; the last-export line follows when the background has answered.
    void info.reload();
  });

  const start = () => {
    const built = buildExportRequest(form);
    setResult(null);
    exporting.setError(built.ok ? null : errorText(built.error));
    setConfirming(built.ok ? built.request : null);
  };

  const format = exportFormat(form.format);
  const protection = protectionOf(form, format);
  const modes = modeChoices(format);
  const lastExport = info.value?.lastExport;

  return (
    <section aria-labelledby="export-title" class="view">
      <div class="view-header">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <h1 id="export-title">{t('exportVault')}</h1>
      </div>
      {lastExport ? (
        <p class="hint">{describeBackup(lastExport)}</p>
      ) : (
        info.value && <p class="hint">{t('noExportYet')}</p>
      )}
      {info.value && lastExport && lastExport.keyGeneration < info.value.keyGeneration && (
        <Warning>
          {lastExport.kind === 'account'
            ? t('latestBackupUndecryptable')
            : t('latestBackupPredatesKey', new Date(info.value.keyCreatedAt).toLocaleString())}
        </Warning>
      )}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <SelectField<ExportFormatId>
          label={t('fileFormat')}
          value={form.format}
          onChange={(value) => edit({ format: value })}
          options={EXPORT_FORMATS.map((f) => ({ value: f.id, label: formatLabel(f.label) }))}
        />
        {modes.length > 0 && (
          <RadioGroup<EncryptedProtection>
            label={t('exportType')}
            // A format with a choice offers encrypted protections only.
            value={protection as EncryptedProtection}
            onChange={(mode) => edit({ mode })}
            options={modes.map((mode) => ({
              value: mode,
              label: t(protectionWords(format, mode).label!),
            }))}
          />
        )}
        {exportNotes(format, protection, info.value?.counts ?? null).map((note) =>
          note.kind === 'warning' ? (
            <Warning key={note.key}>{t(note.key, ...note.args)}</Warning>
          ) : (
            <p key={note.key} class="hint">
              {t(note.key, ...note.args)}
            </p>
          ),
        )}
        {format.attachments && (
          <RadioGroup<UnreadablePolicy>
            label={t('unreadableAttachmentsLabel')}
            value={form.unreadable}
            onChange={(unreadable) => edit({ unreadable })}
            options={[
              { value: 'skip', label: t('unreadableSkip') },
              { value: 'stop', label: t('unreadableStop') },
            ]}
          />
        )}
        {protection === 'password' && (
          <FilePasswordFields
            form={form}
            accountKdf={info.value?.kdf ?? null}
            onEdit={edit}
            onGenerate={() => dispatch({ type: 'generated', password: generateFilePassword() })}
            kdbx={format.kdbx === true}
          />
        )}

        <details class="advanced" open={form.scope !== 'all'}>
          <summary>{t('partialExport')}</summary>
          <RadioGroup<ScopeKind>
            label={t('whatToExport')}
            value={form.scope}
            onChange={(scope) => edit({ scope })}
            options={[
              { value: 'all', label: t('wholeVault') },
              { value: 'folder', label: t('oneFolder') },
              { value: 'items', label: t('selectedItems') },
            ]}
          />
          {form.scope === 'folder' && (
            <SelectField
              label={t('folder')}
              value={form.folderId}
              onChange={(folderId) => edit({ folderId })}
              options={[{ value: '', label: t('noFolder') }, ...folderOptions(folders)]}
            />
          )}
          {form.scope === 'items' && (
            <ItemChooser
              chosen={form.chosen}
              onChoose={(id, on) => dispatch({ type: 'choose', id, on })}
            />
          )}
        </details>

        <TextField
          label={t('masterPassword')}
          type="password"
          value={form.masterPassword}
          onInput={(masterPassword) => edit({ masterPassword })}
          autoComplete="current-password"
        />
        <ErrorAlert message={exporting.error ?? info.error} />
        {exporting.pending && (
          <ProgressStatus progress={progress} working="exporting" counting="exportProgress" />
        )}
        {result && !exporting.pending && (
          <StatusMessage
            message={[
              tCount('exportSaved', result.itemCount, result.fileName, result.itemCount),
              result.attachmentCount === undefined
                ? ''
                : t('exportAttachmentsSaved', formatNumber(result.attachmentCount)),
            ]
              .filter(Boolean)
              .join(' ')}
          />
        )}
        {result && !exporting.pending && (result.leftOutAttachments?.length ?? 0) > 0 && (
          <Warning>
            {t(
              'exportAttachmentsLeftOut',
              result
                .leftOutAttachments!.map((a) => t('attachmentOfItem', a.itemName, a.fileName))
                .join(', '),
            )}
          </Warning>
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={exporting.pending}>
            {t('exportVault')}
          </button>
        </div>
      </form>

      {confirming && (
        <ConfirmDialog
          title={t('confirmExportTitle')}
          confirmLabel={t('exportVault')}
          onConfirm={() => void exporting.run(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>{t(confirmWords(confirming))}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

interface FilePasswordFieldsProps {
  form: ExportForm;
  /** The account's KDF settings, once known: the first `File KDF` choice. */
  accountKdf: KdfConfig | null;
  onEdit(change: ExportFormEdit): void;
  onGenerate(): void;
  /** A `.kdbx`: its cipher is chosen instead of its KDF (always Argon2id). */
  kdbx: boolean;
}

const CIPHER_LABELS: Record<KdbxCipher, MessageKey> = {
  aes256: 'kdbxCipherAes256',
  chacha20: 'kdbxCipherChaCha20',
};

/** The file password of a password-protected file: typed twice or generated, and its KDF. */
function FilePasswordFields({
  form,
  accountKdf,
  onEdit,
  onGenerate,
  kdbx,
}: FilePasswordFieldsProps) {
  const { generated } = form;
  return (
    <>
      <TextField
        label={t('filePassword')}
        type="password"
        value={form.filePassword}
        onInput={(filePassword) => onEdit({ filePassword })}
        autoComplete="new-password"
      />
      <StrengthMeter password={form.filePassword} />
      <TextField
        label={t('confirmFilePassword')}
        type="password"
        value={form.confirmFilePassword}
        onInput={(confirmFilePassword) => onEdit({ confirmFilePassword })}
        autoComplete="new-password"
      />
      <button type="button" onClick={onGenerate}>
        {t('generateFilePassword')}
      </button>
      {generated && generated === form.filePassword && (
        <div class="generated-box">
          <output class="generated monospace" aria-label={t('generatedFilePassword')}>
            {generated}
          </output>
          <CopyButton what={t('filePassword').toLowerCase()} value={() => generated} secret />
          <p class="hint">{t('keepFilePassword')}</p>
        </div>
      )}
      {kdbx ? (
        <SelectField<KdbxCipher>
          label={t('kdbxCipher')}
          value={form.cipher}
          onChange={(cipher) => onEdit({ cipher })}
          options={KDBX_CIPHERS.map((cipher) => ({
            value: cipher,
            label: t(CIPHER_LABELS[cipher]),
          }))}
        />
      ) : (
        <SelectField<FileKdfChoice>
          label={t('fileKdf')}
          value={form.fileKdf}
          onChange={(fileKdf) => onEdit({ fileKdf })}
          options={[
            {
              value: 'account',
              label: t('fileKdfAccount', accountKdf ? kdfLabel(accountKdf) : ''),
            },
            { value: 'pbkdf2', label: kdfLabel(FILE_KDF_DEFAULTS.pbkdf2) },
            { value: 'argon2id', label: kdfLabel(FILE_KDF_DEFAULTS.argon2id) },
          ]}
        />
      )}
    </>
  );
}

function kdfLabel(kdf: KdfConfig): string {
  return kdf.type === 'pbkdf2'
    ? t('kdfLabelPbkdf2', kdf.iterations.toLocaleString())
    : t('kdfLabelArgon2', kdf.iterations, kdf.memoryMiB, kdf.parallelism);
}
