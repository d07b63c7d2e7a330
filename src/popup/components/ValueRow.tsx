import { useId, useState } from 'preact/hooks';
import { t } from '../i18n';
import { isOpenableUri, openUri } from '../open-uri';
import { CopyButton } from './CopyButton';
import { Icon } from './Icon';

export interface ValueRowProps {
  label: string;
  value: string | null;
  /** Hidden until shown (passwords, card numbers, keys). */
  secret?: boolean;
  copy?: boolean;
  /**
   * Cleared from the clipboard after the chosen delay when copied; secret values always are,
   * and a few shown ones too (passport and license numbers).
   */
  clearCopy?: boolean;
  multiline?: boolean;
  /** Shown as a link, with an `Open` button, when it is an http(s) address. */
  link?: boolean;
}

/** One labelled value of an item, read-only, with show/hide and copy where it helps. */
export function ValueRow({
  label,
  value,
  secret,
  copy,
  clearCopy,
  multiline,
  link,
}: ValueRowProps) {
  const id = useId();
  const [revealed, setRevealed] = useState(false);
  if (value === null || value === '') return null;
  const hidden = secret && !revealed;
  const safeLink = link && isOpenableUri(value);
  // The buttons sit inside the <dd>: a <dl> may hold only name/value groups.
  return (
    <div class="value-row">
      <dt id={id}>{label}</dt>
      <dd aria-labelledby={id}>
        <span
          id={`${id}-value`}
          class={`value ${multiline ? 'multiline' : ''} ${secret ? 'monospace' : ''}`}
        >
          {hidden ? (
            <span aria-label={t('hiddenValue')}>••••••••</span>
          ) : safeLink ? (
            <a href={value} target="_blank" rel="noreferrer noopener">
              {value}
            </a>
          ) : (
            value
          )}
        </span>
        <span class="row-actions">
          {secret && (
            <button
              type="button"
              class="icon-button"
              aria-pressed={revealed}
              aria-controls={`${id}-value`}
              aria-label={revealed ? t('hide') : t('show')}
              onClick={() => setRevealed(!revealed)}
            >
              <Icon name={revealed ? 'eyeOff' : 'eye'} />
            </button>
          )}
          {safeLink && (
            <button
              type="button"
              aria-describedby={`${id}-value`}
              onClick={() => void openUri(value)}
            >
              {t('openUri')}
            </button>
          )}
          {copy && (
            <CopyButton
              what={label.toLowerCase()}
              value={() => value}
              secret={clearCopy ?? secret}
            />
          )}
        </span>
      </dd>
    </div>
  );
}
