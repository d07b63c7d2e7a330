import { useRef, useState } from 'preact/hooks';
import { toBase64 } from '@/src/crypto/bytes';
import type { ItemKind } from '@/src/vault/item';
import { CofferError } from '@/src/errors/coffer-error';
import { IMPORT_FORMATS, importFormat, type ImportFormatId } from '@/src/formats/registry';
import type { ImportPreview, ImportRequest, ImportSummary } from '@/src/protocol/vault-api';
import type { DuplicatePolicy } from '@/src/vault/import-plan';
import {
  MAX_IMPORT_FILE_BYTES,
  MAX_IMPORT_UPLOAD_BYTES,
  MAX_KEY_FILE_BYTES,
} from '@/src/vault/policy';
import { AttachmentsPreview } from '../components/AttachmentsPreview';
import { Checkbox } from '../components/Checkbox';
import { FilePasswordForm } from '../components/FilePasswordForm';
import { ErrorAlert, StatusMessage, Warning } from '../components/Messages';
import { OpeningFileStatus } from '../components/OpeningFileStatus';
import { ProgressStatus } from '../components/ProgressStatus';
import { RadioGroup } from '../components/RadioGroup';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { errorText, inputError } from '../error-text';
import { formatLabel } from '../format-label';
import { t, tCount, type MessageKey } from '../i18n';
import { updateNoteText } from '../kept-data-text';
import { useAsyncAction } from '../hooks/use-async-action';
import { useFilePasswordFlow } from '../hooks/use-file-password-flow';
import { useImportUpload } from '../hooks/use-import-upload';
import { useProgress } from '../hooks/use-progress';
import { useVaultClient } from '../vault-client-context';

const KIND_LABELS: Record<ItemKind, MessageKey> = {
  login: 'kindLogins',
  secureNote: 'kindSecureNotes',
  card: 'kindCards',
  identity: 'kindIdentities',
  sshKey: 'kindSshKeys',
  bankAccount: 'kindBankAccounts',
  driversLicense: 'kindDriversLicenses',
  passport: 'kindPassports',
};

export interface ImportDataViewProps {
  onBack(): void;
  onImported(): void;
}

type Ready = Extract<ImportPreview, { needsFilePassword: false }>;

/** Settings → Tools → Import Data (ui.md): read, preview, then import all or nothing. */
export function ImportDataView({ onBack, onImported }: ImportDataViewProps) {
  const client = useVaultClient();
  const [format, setFormat] = useState<ImportFormatId>(IMPORT_FORMATS[0].id);
  const [file, setFile] = useState<File | null>(null);
  const [keyFile, setKeyFile] = useState<File | null>(null);
  /** The key file's bytes (base64), read with the file and sent with the password. */
  const keyFileData = useRef<string | null>(null);
  const [pasted, setPasted] = useState('');
  const [duplicates, setDuplicates] = useState<DuplicatePolicy>('skip');
  const [skipUnknown, setSkipUnknown] = useState(false);
  const [skipUnplaced, setSkipUnplaced] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  /** The preview request opening a password-protected file, which Cancel stops. */
  const [opening, setOpening] = useState<string | null>(null);
  const [progress, clearProgress] = useProgress('import');
  const [attachmentProgress, clearAttachmentProgress] = useProgress('importAttachments');
  const upload = useImportUpload();
  const binary = importFormat(format).content === 'bytes';
  const takesKeyFile = 'keyFile' in importFormat(format);

  const inspect = useFilePasswordFlow<ImportRequest, Ready>({
    async read() {
      // A binary format cannot be pasted: only its file counts.
      if (!file && (binary || pasted.trim() === '')) throw inputError('chooseFileFirst');
      // The background refuses larger files too; checking here spares reading and sending them.
      const limit = binary ? MAX_IMPORT_UPLOAD_BYTES : MAX_IMPORT_FILE_BYTES;
      if (file && file.size > limit) {
        throw inputError('fileTooLarge', Math.floor(limit / 1024 / 1024));
      }
      keyFileData.current = null;
      if (takesKeyFile && keyFile) {
        if (keyFile.size > MAX_KEY_FILE_BYTES) {
          throw inputError('keyFileTooLarge', MAX_KEY_FILE_BYTES / 1024 / 1024);
        }
        keyFileData.current = toBase64(new Uint8Array(await keyFile.arrayBuffer()));
      }
      // A chosen file travels in pieces and stays in the background for the file password and
      // the confirmation: whole in one message, a 50,000-item export passes Chrome's 64 MiB
      // limit for one message (and its text would sit in the popup too). Pasted text is small.
      if (file) return { format, uploadId: await upload.send(file) };
      return { format, content: pasted };
    },
    // A request id names the file's opening, so that Cancel can stop it. A KeePass key file goes
    // with the password, never before: a database may need both.
    withPassword: (request, filePassword) => ({
      ...request,
      filePassword,
      ...(keyFileData.current !== null && { keyFile: keyFileData.current }),
      requestId: crypto.randomUUID(),
    }),
    async send(request) {
      setOpening(request.requestId ?? null);
      try {
        const answer = await client.previewImport(request);
        if (!answer.needsFilePassword) {
          setSkipUnknown(false);
          setSkipUnplaced(false);
        }
        return answer;
      } catch (error) {
        // Cancelled on purpose: back to the file password, with nothing to alarm about.
        if (error instanceof CofferError && error.code === 'ERR_IMPORT_CANCELLED') return undefined;
        throw error;
      } finally {
        setOpening(null);
      }
    },
  });
  const { request, answer: preview } = inspect;

  const reset = () => {
    inspect.reset();
    upload.forget();
    setSummary(null);
  };

  const confirm = useAsyncAction(async () => {
    if (!request || !preview) return;
    if (preview.unknownTypes.length > 0 && !skipUnknown) throw inputError('agreeToLeaveOut');
    const unplaced = preview.attachments?.unplaced.length ?? 0;
    if (unplaced > 0 && !skipUnplaced) throw inputError('agreeToLeaveOutAttachments');
    clearProgress();
    clearAttachmentProgress();
    const result = await client.importVault({
      ...request,
      openedFileToken: preview.openedFileToken,
      duplicates,
      skipUnknownTypes: skipUnknown,
      ...(unplaced > 0 && { skipUnplacedAttachments: skipUnplaced }),
    });
    upload.used();
    inspect.reset();
    setSummary(result);
    onImported();
  });

  return (
    <section aria-labelledby="import-title" class="view">
      <div class="view-header">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <h1 id="import-title">{t('importData')}</h1>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSummary(null);
          void inspect.open();
        }}
      >
        <SelectField<ImportFormatId>
          label={t('fileFormat')}
          value={format}
          onChange={(value) => {
            setFormat(value);
            reset();
          }}
          options={IMPORT_FORMATS.map((f) => ({ value: f.id, label: formatLabel(f.label) }))}
        />
        <div class="field">
          <label for="import-file">{t('chooseFile')}</label>
          <input
            id="import-file"
            type="file"
            accept={importFormat(format).accept}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              reset();
            }}
          />
        </div>
        {takesKeyFile && (
          <div class="field">
            <label for="import-key-file">{t('keyFile')}</label>
            <input
              id="import-key-file"
              type="file"
              aria-describedby="import-key-file-hint"
              onChange={(e) => {
                setKeyFile(e.currentTarget.files?.[0] ?? null);
                reset();
              }}
            />
            <p id="import-key-file-hint" class="hint">
              {t('keyFileHint')}
            </p>
          </div>
        )}
        {!binary && (
          <TextField
            label={t('pasteContents')}
            multiline
            rows={3}
            value={pasted}
            onInput={(value) => {
              setPasted(value);
              reset();
            }}
            description={t('pasteContentsHint')}
          />
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={inspect.pending}>
            {t('importData')}
          </button>
        </div>
      </form>

      {inspect.askingPassword && (
        <FilePasswordForm
          value={inspect.filePassword}
          onInput={inspect.setFilePassword}
          onSubmit={() => {
            setSummary(null);
            void inspect.submitPassword();
          }}
          pending={inspect.pending}
          {...(takesKeyFile && { hint: t('kdbxNeedsPassword') })}
        />
      )}
      {inspect.pending &&
        (upload.percent !== null ? (
          <StatusMessage message={t('sendingFile', upload.percent)} />
        ) : opening ? (
          <OpeningFileStatus
            onCancel={() =>
              void client
                .cancelImport({ requestId: opening })
                .catch((error: unknown) => inspect.setError(errorText(error)))
            }
          />
        ) : (
          <StatusMessage message={t('readingFile')} />
        ))}
      <ErrorAlert message={inspect.error} />

      {preview && (
        <section aria-labelledby="preview-title" class="preview">
          <h2 id="preview-title">{t('importPreview')}</h2>
          <p>{t('previewCounts', preview.itemCount, preview.folderCount)}</p>
          <ul>
            {Object.entries(preview.byKind)
              .filter(([, n]) => n > 0)
              .map(([kind, n]) => (
                <li key={kind}>{t(KIND_LABELS[kind as ItemKind], n)}</li>
              ))}
          </ul>
          <p>
            {t(
              'previewAgainstVault',
              preview.toAdd,
              preview.identical,
              preview.toUpdate,
              preview.older,
            )}
          </p>
          {preview.updates.length > 0 && (
            <>
              <p id="preview-updates">{t('previewUpdates')}</p>
              <ul aria-labelledby="preview-updates">
                {preview.updates.map((note, i) => (
                  <li key={i}>{updateNoteText(note)}</li>
                ))}
              </ul>
            </>
          )}
          {preview.newFolders.length > 0 && (
            <p>{t('previewNewFolders', preview.newFolders.join(', '))}</p>
          )}
          {(preview.recycleBinEntries ?? 0) > 0 && (
            <p>{t('kdbxRecycleBinLeftOut', preview.recycleBinEntries!)}</p>
          )}
          {preview.attachments && (
            <AttachmentsPreview
              attachments={preview.attachments}
              leaveOut={skipUnplaced}
              onLeaveOutChange={setSkipUnplaced}
            />
          )}
          {preview.unknownTypes.length > 0 && (
            <Warning>
              <p>{t('unknownTypesFound', preview.unknownTypes.length)}</p>
              <ul>
                {preview.unknownTypes.map((u) => (
                  <li key={u.index}>
                    {t(
                      'unknownTypeItem',
                      u.index + 1,
                      u.nameEncrypted ? t('encryptedName') : u.name || t('noName'),
                      u.typeText,
                    )}
                  </li>
                ))}
              </ul>
              <Checkbox
                label={t('leaveThemOut', preview.unknownTypes.length)}
                checked={skipUnknown}
                onChange={setSkipUnknown}
              />
            </Warning>
          )}
          <RadioGroup<DuplicatePolicy>
            label={t('duplicates')}
            value={duplicates}
            onChange={setDuplicates}
            options={[
              { value: 'skip', label: t('skipDuplicates') },
              { value: 'all', label: t('importAll') },
            ]}
          />
          <p class="hint">{duplicates === 'skip' ? t('skipDuplicatesHint') : t('importAllHint')}</p>
          <ErrorAlert message={confirm.error} />
          {confirm.pending &&
            (attachmentProgress && attachmentProgress.total > 0 ? (
              <ProgressStatus
                progress={attachmentProgress}
                working="importing"
                counting="importAttachmentsProgress"
              />
            ) : (
              <ProgressStatus progress={progress} working="importing" counting="importProgress" />
            ))}
          <div class="actions">
            <button type="button" onClick={reset}>
              {t('cancel')}
            </button>
            <button
              type="button"
              class="primary"
              disabled={confirm.pending}
              onClick={() => void confirm.run()}
            >
              {t('confirmImport')}
            </button>
          </div>
        </section>
      )}
      {summary && (
        <StatusMessage
          message={[
            tCount('importedItems', summary.added, summary.added),
            summary.foldersCreated > 0 ? t('importedFolders', summary.foldersCreated) : '',
            summary.attachments && summary.attachments.added > 0
              ? t('importedAttachments', summary.attachments.added)
              : '',
            summary.attachments && summary.attachments.skipped > 0
              ? t('importedAttachmentsSkipped', summary.attachments.skipped)
              : '',
            summary.attachments && summary.attachments.leftOut > 0
              ? t('importedAttachmentsLeftOut', summary.attachments.leftOut)
              : '',
            summary.updated > 0 ? t('importedUpdated', summary.updated) : '',
            summary.skipped > 0 ? t('importedSkipped', summary.skipped) : '',
            summary.failed > 0 ? t('importedFailed', summary.failed) : '',
          ]
            .filter(Boolean)
            .join(' ')}
        />
      )}
    </section>
  );
}
