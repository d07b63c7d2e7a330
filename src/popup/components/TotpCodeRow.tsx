import { useId, useMemo } from 'preact/hooks';
import { totpCode, totpSecondsLeft } from '@/src/vault/totp';
import { parseTotpKey, type TotpKey } from '@/src/vault/totp-key';
import { errorText } from '../error-text';
import { t, tCount } from '../i18n';
import { useSecondClock } from '../hooks/use-second-clock';
import { CopyButton } from './CopyButton';

export interface TotpCodeRowProps {
  /** The login's stored authenticator key (login.totp), in any form totp-key.ts reads. */
  stored: string;
}

/**
 * The live verification code of a login (ui.md, second round): the code, the seconds it has
 * left and a copy button. A key that cannot be read shows why instead; the key itself stays in
 * its own, hidden row.
 */
export function TotpCodeRow({ stored }: TotpCodeRowProps) {
  const id = useId();
  const parsed = useMemo((): { key: TotpKey } | { unreadable: string } => {
    try {
      return { key: parseTotpKey(stored) };
    } catch (error) {
      return { unreadable: errorText(error) };
    }
  }, [stored]);
  return (
    <div class="value-row totp-row">
      <dt id={id}>{t('totpCode')}</dt>
      <dd aria-labelledby={id}>
        {'key' in parsed ? (
          <LiveCode totpKey={parsed.key} />
        ) : (
          <span class="value totp-unreadable">{parsed.unreadable}</span>
        )}
      </dd>
    </div>
  );
}

function LiveCode({ totpKey }: { totpKey: TotpKey }) {
  const now = useSecondClock();
  const left = totpSecondsLeft(totpKey, now);
  return (
    <>
      <span class="value totp-code">{groupCode(totpCode(totpKey, now))}</span>
      <span class="totp-countdown" role="timer" aria-label={tCount('totpSecondsLeft', left, left)}>
        {left}
      </span>
      <span class="row-actions">
        {/* Computed again on click: the code shown may have just been replaced. */}
        <CopyButton
          what={t('totpCode').toLowerCase()}
          value={() => totpCode(totpKey, Date.now())}
          secret
        />
      </span>
    </>
  );
}

/** Two halves, as authenticator apps show them ("123 456"); Steam's 5 characters stay whole. */
function groupCode(code: string): string {
  if (code.length < 6) return code;
  const half = Math.floor(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}
