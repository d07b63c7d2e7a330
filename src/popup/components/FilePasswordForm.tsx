import { TextField } from './TextField';
import { t } from '../i18n';

interface Props {
  value: string;
  onInput: (value: string) => void;
  onSubmit: () => void;
  pending: boolean;
  /** Said under the question, for files that need more than a password (a KeePass key file). */
  hint?: string;
}

/** Asks for the file password of a password-protected file that was just chosen. */
export function FilePasswordForm({ value, onInput, onSubmit, pending, hint }: Props) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <p>{t('fileIsPasswordProtected')}</p>
      {hint && <p class="hint">{hint}</p>}
      <TextField
        label={t('filePassword')}
        type="password"
        value={value}
        onInput={onInput}
        autoFocus
        autoComplete="off"
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={pending}>
          {t('confirm')}
        </button>
      </div>
    </form>
  );
}
