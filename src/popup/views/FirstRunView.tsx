import { t } from '../i18n';

/** Shown while no account exists on this computer. */
export function FirstRunView() {
  return (
    <section aria-labelledby="first-run-title">
      <h1 id="first-run-title">{t('firstRunTitle')}</h1>
      <p>{t('firstRunIntro')}</p>
    </section>
  );
}
