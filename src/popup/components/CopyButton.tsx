import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { Icon } from './Icon';

export interface CopyButtonProps {
  /** What is copied, for the accessible name: "Copy username". */
  what: string;
  value: () => Promise<string | null> | string | null;
}

export function CopyButton({ what, value }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      class="icon-button"
      aria-label={t('copyValue', what)}
      title={t('copyValue', what)}
      onClick={async () => {
        const text = await value();
        if (text === null) return;
        await navigator.clipboard.writeText(text);
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      <Icon name={copied ? 'check' : 'copy'} />
    </button>
  );
}
