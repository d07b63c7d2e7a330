import { scorePassword } from '@/src/vault/password-strength';
import { t, type MessageKey } from '../i18n';

const LABELS: MessageKey[] = [
  'strengthVeryWeak',
  'strengthWeak',
  'strengthFair',
  'strengthStrong',
  'strengthVeryStrong',
];

export function StrengthMeter({ password }: { password: string }) {
  const score = scorePassword(password);
  return (
    <div class="strength">
      <meter
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={password ? score : 0}
        aria-label={t('passwordStrength')}
      />
      <span aria-live="polite">{password ? t(LABELS[score]!) : ''}</span>
    </div>
  );
}
