import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { DEFAULT_ARGON2ID, DEFAULT_PBKDF2, type KdfConfig } from '@/src/crypto/kdf-config';
import type {
  ExportInfo,
  ExportRequest,
  ExportResult,
  ExportScope,
  ItemSummary,
} from '@/src/protocol/vault-api';
import { EXPORT_FORMATS, type ExportFormatId } from '@/src/formats/registry';
import type { BackupEntry } from '@/src/vault/backup-entry';
import type { FileProtection } from '@/src/vault/file-protection';
import type { Folder } from '@/src/vault/item';
import { generatePassword } from '@/src/vault/password-generator';
import { MIN_FILE_PASSWORD_LENGTH } from '@/src/vault/policy';
import { Checkbox } from '../components/Checkbox';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CopyButton } from '../components/CopyButton';
import { ErrorAlert, StatusMessage, Warning } from '../components/Messages';
import { RadioGroup } from '../components/RadioGroup';
import { SelectField } from '../components/SelectField';
import { StrengthMeter } from '../components/StrengthMeter';
import { TextField } from '../components/TextField';
import { errorText, inputError } from '../error-text';
import { formatLabel } from '../format-label';
import { t, tCount } from '../i18n';
import { useProgress } from '../hooks/use-progress';
import { useVaultClient } from '../vault-client-context';

type Format = ExportFormatId;
type Mode = Exclude<FileProtection, 'plain'>;
type ScopeKind = ExportScope['kind'];
type FileKdf = 'account' | 'pbkdf2' | 'argon2id';

const GENERATED_FILE_PASSWORD_LENGTH = 24;

export interface ExportVaultViewProps {
  folders: Folder[];
  /** Start on a password-protected export (offered right after a key rotation). */
  passwordProtected?: boolean;
  onBack(): void;
}

function describeBackup(entry: BackupEntry): string {
  const kind =
    entry.kind === 'plain'
      ? `.${entry.format}`
      : entry.kind === 'account'
        ? t('accountRestricted')
        : t('passwordProtected');
  return tCount(
    'lastExportLine',
    entry.itemCount,
    new Date(entry.date).toLocaleString(),
    entry.fileName,
    kind,
    entry.itemCount,
  );
}

/** Settings → Tools → Export Vault (ui.md), with an optional partial export. */
export function ExportVaultView({ folders, passwordProtected, onBack }: ExportVaultViewProps) {
  const client = useVaultClient();
  const [info, setInfo] = useState<ExportInfo | null>(null);
  const [format, setFormat] = useState<Format>(passwordProtected ? 'encrypted_json' : 'json');
  const [mode, setMode] = useState<Mode>(passwordProtected ? 'password' : 'account');
  const [filePassword, setFilePassword] = useState('');
  const [confirmFilePassword, setConfirmFilePassword] = useState('');
  const [generated, setGenerated] = useState<string | null>(null);
  const [fileKdf, setFileKdf] = useState<FileKdf>('account');
  const [masterPassword, setMasterPassword] = useState('');
  const [scopeKind, setScopeKind] = useState<ScopeKind>('all');
  const [folderId, setFolderId] = useState<string>('');
  const [items, setItems] = useState<ItemSummary[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState<ExportRequest | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [progress, clearProgress] = useProgress('export');

  const loadInfo = useCallback(
    () => client.getExportInfo().then(setInfo, (e: unknown) => setError(errorText(e))),
    [client],
  );
  useEffect(() => {
    void loadInfo();
  }, [loadInfo]);
  useEffect(() => {
    if (scopeKind === 'items' && items === null)
      client.listVault().then(
        (l) => setItems(l.items),
        (e: unknown) => setError(errorText(e)),
      );
  }, [scopeKind, items, client]);

  const leftOutOfCsv = info ? info.counts.card + info.counts.identity + info.counts.sshKey : 0;

  const buildRequest = (): ExportRequest => {
    if (masterPassword === '') throw inputError('enterMasterPassword');
    const scope: ExportScope =
      scopeKind === 'all'
        ? { kind: 'all' }
        : scopeKind === 'folder'
          ? { kind: 'folder', folderId: folderId === '' ? null : folderId }
          : { kind: 'items', ids: [...chosen] };
    if (scope.kind === 'items' && scope.ids.length === 0) throw inputError('chooseItems');
    if (format !== 'encrypted_json') return { format, masterPassword, scope };
    if (mode === 'account') return { format, mode, masterPassword, scope };
    if ([...filePassword].length < MIN_FILE_PASSWORD_LENGTH)
      throw inputError('filePasswordTooShort', MIN_FILE_PASSWORD_LENGTH);
    if (filePassword !== confirmFilePassword) throw inputError('filePasswordsDiffer');
    const kdf: KdfConfig | undefined =
      fileKdf === 'pbkdf2' ? DEFAULT_PBKDF2 : fileKdf === 'argon2id' ? DEFAULT_ARGON2ID : undefined;
    return { format, mode, masterPassword, filePassword, scope, ...(kdf ? { kdf } : {}) };
  };

  const start = () => {
    setError(null);
    setResult(null);
    try {
      setConfirming(buildRequest());
    } catch (e) {
      setError(errorText(e));
    }
  };

  const run = async (request: ExportRequest) => {
    setConfirming(null);
    setRunning(true);
    clearProgress();
    try {
      setResult(await client.exportVault(request));
      setFilePassword('');
      setConfirmFilePassword('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setMasterPassword('');
      setRunning(false);
    }
    await loadInfo();
  };

  const generate = () => {
    const password = generatePassword({
      length: GENERATED_FILE_PASSWORD_LENGTH,
      uppercase: true,
      lowercase: true,
      numbers: true,
      special: true,
      avoidAmbiguous: true,
    });
    setFilePassword(password);
    setConfirmFilePassword(password);
    setGenerated(password);
  };

  const accountKdfLabel = info ? kdfLabel(info.kdf) : '';
  const itemMatches = useMemo(() => items ?? [], [items]);

  return (
    <section aria-labelledby="export-title" class="view">
      <div class="view-header">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <h1 id="export-title">{t('exportVault')}</h1>
      </div>
      {info?.lastExport ? (
        <p class="hint">{describeBackup(info.lastExport)}</p>
      ) : (
        info && <p class="hint">{t('noExportYet')}</p>
      )}
      {info?.lastExport && info.lastExport.keyGeneration < info.keyGeneration && (
        <Warning>
          {info.lastExport.kind === 'account'
            ? t('latestBackupUndecryptable')
            : t('latestBackupPredatesKey', new Date(info.keyCreatedAt).toLocaleString())}
        </Warning>
      )}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <SelectField<Format>
          label={t('fileFormat')}
          value={format}
          onChange={setFormat}
          options={EXPORT_FORMATS.map((f) => ({ value: f.id, label: formatLabel(f.label) }))}
        />
        {format !== 'encrypted_json' && <Warning>{t('plainExportWarning')}</Warning>}
        {/* The file stays byte-identical to Bitwarden's, which leaves such cells as they are. */}
        {format === 'csv' && <Warning>{t('csvFormulaWarning')}</Warning>}
        {format === 'csv' && info && leftOutOfCsv > 0 && (
          <Warning>
            {t('csvLeavesOut', info.counts.card, info.counts.identity, info.counts.sshKey)}
          </Warning>
        )}
        {format === 'encrypted_json' && (
          <>
            <RadioGroup<Mode>
              label={t('exportType')}
              value={mode}
              onChange={setMode}
              options={[
                { value: 'account', label: t('accountRestricted') },
                { value: 'password', label: t('passwordProtected') },
              ]}
            />
            {mode === 'account' ? (
              <Warning>{t('accountRestrictedWarning')}</Warning>
            ) : (
              <>
                <p class="hint">{t('passwordProtectedDescription')}</p>
                <TextField
                  label={t('filePassword')}
                  type="password"
                  value={filePassword}
                  onInput={setFilePassword}
                  autoComplete="new-password"
                />
                <StrengthMeter password={filePassword} />
                <TextField
                  label={t('confirmFilePassword')}
                  type="password"
                  value={confirmFilePassword}
                  onInput={setConfirmFilePassword}
                  autoComplete="new-password"
                />
                <button type="button" onClick={generate}>
                  {t('generateFilePassword')}
                </button>
                {generated && generated === filePassword && (
                  <div class="generated-box">
                    <output class="generated monospace" aria-label={t('generatedFilePassword')}>
                      {generated}
                    </output>
                    <CopyButton
                      what={t('filePassword').toLowerCase()}
                      value={() => generated}
                      secret
                    />
                    <p class="hint">{t('keepFilePassword')}</p>
                  </div>
                )}
                <SelectField<FileKdf>
                  label={t('fileKdf')}
                  value={fileKdf}
                  onChange={setFileKdf}
                  options={[
                    { value: 'account', label: t('fileKdfAccount', accountKdfLabel) },
                    { value: 'pbkdf2', label: kdfLabel(DEFAULT_PBKDF2) },
                    { value: 'argon2id', label: kdfLabel(DEFAULT_ARGON2ID) },
                  ]}
                />
              </>
            )}
          </>
        )}

        <details class="advanced" open={scopeKind !== 'all'}>
          <summary>{t('partialExport')}</summary>
          <RadioGroup<ScopeKind>
            label={t('whatToExport')}
            value={scopeKind}
            onChange={setScopeKind}
            options={[
              { value: 'all', label: t('wholeVault') },
              { value: 'folder', label: t('oneFolder') },
              { value: 'items', label: t('selectedItems') },
            ]}
          />
          {scopeKind === 'folder' && (
            <SelectField
              label={t('folder')}
              value={folderId}
              onChange={setFolderId}
              options={[
                { value: '', label: t('noFolder') },
                ...folders.map((f) => ({ value: f.id, label: f.name })),
              ]}
            />
          )}
          {scopeKind === 'items' && (
            <fieldset class="group item-choice">
              <legend>{t('chosenItems', chosen.size)}</legend>
              {itemMatches.map((item) => (
                <Checkbox
                  key={item.id}
                  label={item.name || t('noName')}
                  checked={chosen.has(item.id)}
                  onChange={(on) => {
                    const next = new Set(chosen);
                    if (on) next.add(item.id);
                    else next.delete(item.id);
                    setChosen(next);
                  }}
                />
              ))}
            </fieldset>
          )}
        </details>

        <TextField
          label={t('masterPassword')}
          type="password"
          value={masterPassword}
          onInput={setMasterPassword}
          autoComplete="current-password"
        />
        <ErrorAlert message={error} />
        {running && (
          <StatusMessage
            message={
              progress && progress.total > 0
                ? t('exportProgress', progress.done, progress.total)
                : t('exporting')
            }
          />
        )}
        {result && !running && (
          <StatusMessage
            message={tCount('exportSaved', result.itemCount, result.fileName, result.itemCount)}
          />
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={running}>
            {t('exportVault')}
          </button>
        </div>
      </form>

      {confirming && (
        <ConfirmDialog
          title={t('confirmExportTitle')}
          confirmLabel={t('exportVault')}
          onConfirm={() => void run(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {confirming.format !== 'encrypted_json'
              ? t('confirmPlainExport')
              : confirming.mode === 'account'
                ? t('confirmAccountExport')
                : t('confirmPasswordExport')}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function kdfLabel(kdf: KdfConfig): string {
  return kdf.type === 'pbkdf2'
    ? t('kdfLabelPbkdf2', kdf.iterations.toLocaleString())
    : t('kdfLabelArgon2', kdf.iterations, kdf.memoryMiB, kdf.parallelism);
}
