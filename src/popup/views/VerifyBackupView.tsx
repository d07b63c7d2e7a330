import { useState } from 'preact/hooks';
import { CofferError } from '@/src/errors/coffer-error';
import type { VerifyRequest, VerifyResult } from '@/src/protocol/vault-api';
import { errorFromData } from '@/src/protocol/envelope';
import { attachmentsMatch } from '@/src/vault/attachment-diff';
import { MAX_IMPORT_FILE_BYTES, MAX_IMPORT_UPLOAD_BYTES } from '@/src/vault/policy';
import { AttachmentsVerdict } from '../components/AttachmentsVerdict';
import { FilePasswordForm } from '../components/FilePasswordForm';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { ProgressStatus } from '../components/ProgressStatus';
import { errorText, inputError } from '../error-text';
import { t, tCount } from '../i18n';
import { nameList } from '../name-list';
import { useFilePasswordFlow } from '../hooks/use-file-password-flow';
import { useImportUpload } from '../hooks/use-import-upload';
import { useProgress } from '../hooks/use-progress';
import { useVaultClient } from '../vault-client-context';

type Answer = Extract<VerifyResult, { needsFilePassword: false }>;
type Readable = Extract<Answer, { readable: true }>;

/** What the file chooser offers: `.json` backups, and backups with attachments. */
const ACCEPTED = '.json,.zip,.coffer,application/json,application/zip';

/** A `.json` backup is read as text (up to MAX_IMPORT_FILE_BYTES); anything else as an archive. */
const isJsonFile = (file: File) => /\.json$/i.test(file.name) || file.type === 'application/json';

/**
 * Tools → Verify backup: can this backup be restored now, what does it hold, and how does it
 * differ from the vault. Nothing is imported.
 */
export function VerifyBackupView({ onBack }: { onBack(): void }) {
  const client = useVaultClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, clearProgress] = useProgress('verifyAttachments');
  const upload = useImportUpload();
  const verify = useFilePasswordFlow<VerifyRequest, Answer>({
    async read() {
      if (!file) throw inputError('chooseFileFirst');
      const json = isJsonFile(file);
      // The background refuses larger files too; checking here spares reading and sending them.
      const limit = json ? MAX_IMPORT_FILE_BYTES : MAX_IMPORT_UPLOAD_BYTES;
      if (file.size > limit) {
        throw new CofferError('errFileTooLargeToRead', { args: [Math.floor(limit / 1024 / 1024)] });
      }
      // Any file travels in pieces (a large `.json` would pass Chrome's 64 MiB limit for one
      // message), and stays in the background while its password is asked.
      return { uploadId: await upload.send(file) };
    },
    async send(request) {
      clearProgress();
      const answer = await client.verifyBackup(request);
      // Answered: the background is done with the upload (verifying again sends the file again).
      if (!answer.needsFilePassword && request.uploadId !== undefined) upload.used();
      return answer;
    },
  });
  const result = verify.answer;

  return (
    <section aria-labelledby="verify-title" class="view">
      <div class="view-header">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <h1 id="verify-title">{t('verifyBackup')}</h1>
      </div>
      <p class="hint">{t('verifyBackupExplanation')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void verify.open();
        }}
      >
        <div class="field">
          <label for="verify-file">{t('chooseFile')}</label>
          <input
            id="verify-file"
            type="file"
            accept={ACCEPTED}
            aria-describedby="verify-formats"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              verify.reset();
              upload.forget();
            }}
          />
          <span id="verify-formats" class="hint">
            {t('verifyBackupFormats')}
          </span>
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={verify.pending}>
            {t('verifyBackup')}
          </button>
        </div>
      </form>

      {verify.askingPassword && (
        <FilePasswordForm
          value={verify.filePassword}
          onInput={verify.setFilePassword}
          onSubmit={() => void verify.submitPassword()}
          pending={verify.pending}
        />
      )}
      {verify.pending &&
        (upload.percent !== null ? (
          <StatusMessage message={t('sendingFile', upload.percent)} />
        ) : (
          <ProgressStatus
            progress={progress}
            working="verifyingBackup"
            counting="verifyingAttachments"
          />
        ))}
      <ErrorAlert message={verify.error} />
      {result && !result.readable && (
        <ErrorAlert message={t('backupUnreadable', errorText(errorFromData(result.reason)))} />
      )}
      {result?.readable && <Findings result={result} />}
    </section>
  );
}

function Findings({ result }: { result: Readable }) {
  const { diff } = result;
  const differences = (
    [
      ['onlyInFile', diff.onlyInFile],
      ['onlyInVault', diff.onlyInVault],
      ['changedSince', diff.changed],
    ] as const
  ).filter(([, names]) => names.length > 0);
  const matches = differences.length === 0 && attachmentsMatch(diff.attachments);
  return (
    <div role="status" class="status">
      <p>
        {tCount('backupReadable', result.itemCount, result.itemCount, result.folderCount)}{' '}
        {matches ? t('backupMatchesVault') : t('backupDiffers')}
      </p>
      {differences.length > 0 && (
        <ul>
          {differences.map(([key, names]) => (
            <li key={key}>{t(key, nameList(names))}</li>
          ))}
        </ul>
      )}
      {diff.attachments && <AttachmentsVerdict attachments={diff.attachments} />}
    </div>
  );
}
