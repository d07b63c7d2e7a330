import { PasswordGenerator } from '../components/PasswordGenerator';
import { t } from '../i18n';

export interface GeneratorViewProps {
  onBack(): void;
}

/** The Vault tab's Generator: a password or passphrase to copy, outside any item. */
export function GeneratorView({ onBack }: GeneratorViewProps) {
  return (
    <section aria-labelledby="generator-title" class="view">
      <div class="view-header">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <h1 id="generator-title">{t('generator')}</h1>
      </div>
      <PasswordGenerator />
    </section>
  );
}
