import { useCallback, useState } from 'preact/hooks';
import type { VaultStatus } from '@/src/protocol/vault-api';
import {
  CLEAR_CLIPBOARD_CHOICES,
  VAULT_TIMEOUTS,
  type ClearClipboard,
  type VaultSettings,
  type VaultTimeout,
} from '@/src/vault/settings';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { Checkbox } from '../components/Checkbox';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { errorText } from '../error-text';
import { t } from '../i18n';
import type { Screen } from '../screens';
import { useAsyncAction } from '../hooks/use-async-action';
import { useLoaded } from '../hooks/use-loaded';
import { useVaultClient } from '../vault-client-context';
import { openFileView } from '../open-file-view';

export interface SettingsViewProps {
  onNavigate(screen: Screen): void;
  onStatus(status: VaultStatus): void;
}

/** The reminder's choices, in days (the default is 30). */
const REMINDER_DAYS = [7, 14, 30, 60, 90];

function reminderLabel(days: number | null): string {
  return days === null ? t('reminderNever') : t('reminderAfterDays', days);
}

function timeoutLabel(timeout: VaultTimeout): string {
  if (timeout === 'immediately') return t('timeoutImmediately');
  if (timeout === 'onRestart') return t('timeoutOnRestart');
  if (timeout === 'never') return t('timeoutNever');
  if (timeout < 60) return t(timeout === 1 ? 'timeoutOneMinute' : 'timeoutMinutes', timeout);
  return t(timeout === 60 ? 'timeoutOneHour' : 'timeoutHours', timeout / 60);
}

function clearClipboardLabel(delay: ClearClipboard): string {
  if (delay === 'never') return t('clearClipboardNever');
  if (delay < 60) return t('clearClipboardSeconds', delay);
  return delay === 60 ? t('clearClipboardOneMinute') : t('clearClipboardMinutes', delay / 60);
}

export function SettingsView({ onNavigate, onStatus }: SettingsViewProps) {
  const client = useVaultClient();
  const loaded = useLoaded(useCallback(() => client.getSettings(), [client]));
  const settings = loaded.value;
  const [message, setMessage] = useState<string | null>(null);
  /** Why the last change could not be saved. */
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  const lock = useAsyncAction(async () => onStatus(await client.lock()));
  const save = async (change: Partial<VaultSettings>, saved: string) => {
    try {
      loaded.set(await client.updateSettings(change));
      setMessage(saved);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const changeTimeout = (value: string) => {
    const vaultTimeout = VAULT_TIMEOUTS.find((v) => String(v) === value)!;
    return save({ vaultTimeout }, t('timeoutSaved', timeoutLabel(vaultTimeout)));
  };
  const changeClearClipboard = (value: string) => {
    const clearClipboard = CLEAR_CLIPBOARD_CHOICES.find((v) => String(v) === value)!;
    return save({ clearClipboard }, t('clearClipboardSaved', clearClipboardLabel(clearClipboard)));
  };

  return (
    <section aria-labelledby="settings-title" class="view">
      <h1 id="settings-title">{t('settings')}</h1>

      <section aria-labelledby="security-title" class="settings-section">
        <h2 id="security-title">{t('security')}</h2>
        {settings && (
          <SelectField
            label={t('vaultTimeout')}
            value={String(settings.vaultTimeout)}
            onChange={(v) => void changeTimeout(v)}
            options={VAULT_TIMEOUTS.map((v) => ({ value: String(v), label: timeoutLabel(v) }))}
          />
        )}
        <p class="hint">{t('vaultTimeoutDescription')}</p>
        {settings && (
          <SelectField
            label={t('clearClipboard')}
            value={String(settings.clearClipboard)}
            onChange={(v) => void changeClearClipboard(v)}
            options={CLEAR_CLIPBOARD_CHOICES.map((v) => ({
              value: String(v),
              label: clearClipboardLabel(v),
            }))}
          />
        )}
        <p class="hint">{t('clearClipboardDescription')}</p>
        <button type="button" onClick={() => void lock.run()} disabled={lock.pending}>
          {t('lockNow')}
        </button>
        <button type="button" onClick={() => onNavigate({ name: 'change-password' })}>
          {t('changeMasterPassword')}
        </button>
        <button type="button" onClick={() => onNavigate({ name: 'rotate-key' })}>
          {t('rotateAccountKey')}
        </button>
      </section>

      <section aria-labelledby="tools-title" class="settings-section">
        <h2 id="tools-title">{t('tools')}</h2>
        <button type="button" onClick={() => void openFileView('import', onNavigate)}>
          {t('importData')}
        </button>
        <button type="button" onClick={() => onNavigate({ name: 'export' })}>
          {t('exportVault')}
        </button>
        <button type="button" onClick={() => void openFileView('verify', onNavigate)}>
          {t('verifyBackup')}
        </button>
      </section>

      {settings && (
        <section aria-labelledby="backups-title" class="settings-section">
          <h2 id="backups-title">{t('backups')}</h2>
          <SelectField
            label={t('backupReminder')}
            value={String(settings.backupReminderDays)}
            onChange={(v) =>
              void save(
                { backupReminderDays: v === 'null' ? null : Number(v) },
                t('reminderSaved', reminderLabel(v === 'null' ? null : Number(v))),
              )
            }
            options={[...REMINDER_DAYS, null].map((days) => ({
              value: String(days),
              label: reminderLabel(days),
            }))}
          />
          <Checkbox
            label={t('automaticBackup')}
            description={t('automaticBackupDescription')}
            checked={settings.autoBackup}
            onChange={(on) =>
              void save({ autoBackup: on }, t(on ? 'automaticBackupOn' : 'automaticBackupOff'))
            }
          />
          <div class="nested-setting">
            <Checkbox
              label={t('autoBackupAttachments')}
              description={t('autoBackupAttachmentsDescription')}
              checked={settings.autoBackupAttachments}
              disabled={!settings.autoBackup}
              onChange={(on) =>
                void save(
                  { autoBackupAttachments: on },
                  t(on ? 'autoBackupAttachmentsOn' : 'autoBackupAttachmentsOff'),
                )
              }
            />
          </div>
        </section>
      )}

      <section aria-labelledby="organize-title" class="settings-section">
        <h2 id="organize-title">{t('organize')}</h2>
        <button type="button" onClick={() => onNavigate({ name: 'folders' })}>
          {t('folders')}
        </button>
      </section>

      <section aria-labelledby="account-title" class="settings-section">
        <h2 id="account-title">{t('account')}</h2>
        <button type="button" class="danger" onClick={() => setDeleting(true)}>
          {t('deleteAccount')}
        </button>
      </section>

      <StatusMessage message={message} />
      <ErrorAlert message={error ?? loaded.error ?? lock.error} />
      {deleting && <DeleteAccountDialog onDone={onStatus} onCancel={() => setDeleting(false)} />}
    </section>
  );
}

function DeleteAccountDialog({
  onDone,
  onCancel,
}: {
  onDone(status: VaultStatus): void;
  onCancel(): void;
}) {
  const client = useVaultClient();
  const [password, setPassword] = useState('');
  const action = useAsyncAction(async () => {
    try {
      onDone(await client.deleteAccount({ masterPassword: password }));
    } finally {
      setPassword('');
    }
  });
  return (
    <ConfirmDialog
      title={t('deleteAccount')}
      confirmLabel={t('deleteAccount')}
      danger
      onConfirm={() => void action.run()}
      onCancel={onCancel}
    >
      <p>{t('deleteAccountText')}</p>
      <TextField
        label={t('masterPassword')}
        type="password"
        value={password}
        onInput={setPassword}
        autoComplete="current-password"
      />
      <ErrorAlert message={action.error} />
    </ConfirmDialog>
  );
}
