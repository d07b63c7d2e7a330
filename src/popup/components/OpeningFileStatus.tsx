import { t } from '../i18n';

/**
 * While a password-protected file is being opened: its KDF can take many seconds at strong file
 * settings, so the popup says it is working and offers to stop.
 */
export function OpeningFileStatus({ onCancel }: { onCancel(): void }) {
  return (
    <div class="actions">
      <p role="status" class="status">
        {t('openingFile')}
      </p>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
