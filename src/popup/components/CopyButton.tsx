import { useState } from 'preact/hooks';
import { copyText } from '../copy-text';
import { t } from '../i18n';
import { useVaultClient } from '../vault-client-context';
import { Icon, type IconName } from './Icon';

export interface CopyButtonProps {
  /** What is copied, for the accessible name: "Copy username". */
  what: string;
  value: () => Promise<string | null> | string | null;
  /**
   * A secret (password, code, card number, …): the background clears it from the clipboard
   * after the chosen delay. It is told only the text's hash.
   */
  secret?: boolean;
  /** Told once the text is on the clipboard (the vault list announces it). */
  onCopied?(): void;
  /** What it copies, drawn (the list's three quick actions); a plain copy icon otherwise. */
  icon?: IconName;
}

export function CopyButton({ what, value, secret, onCopied, icon = 'copy' }: CopyButtonProps) {
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
        await copyText(client, text, secret === true);
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
        onCopied?.();
      }}
    >
      <Icon name={copied ? 'check' : icon} />
    </button>
  );
}
