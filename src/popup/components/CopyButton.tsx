import { useState } from 'preact/hooks';
import { clipboardHash } from '@/src/vault/clipboard-clear';
import { t } from '../i18n';
import { useVaultClient } from '../vault-client-context';
import { Icon } from './Icon';

export interface CopyButtonProps {
  /** What is copied, for the accessible name: "Copy username". */
  what: string;
  value: () => Promise<string | null> | string | null;
  /**
   * A secret (password, code, card number, …): the background clears it from the clipboard
   * after the chosen delay. It is told only the text's hash.
   */
  secret?: boolean;
}

export function CopyButton({ what, value, secret }: CopyButtonProps) {
  const client = useVaultClient();
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
        if (secret) {
          // The copy itself worked; a clear that cannot be scheduled must not undo it.
          await client
            .clipboardCopied({ hash: await clipboardHash(text) })
            .catch((error: unknown) =>
              console.warn('Coffer: clipboard clear not scheduled', error),
            );
        }
      }}
    >
      <Icon name={copied ? 'check' : 'copy'} />
    </button>
  );
}
