/**
 * A login row's quick actions in the vault list: copy the username, the password or the current
 * verification code without opening the item. The secrets are fetched when asked for; a
 * re-prompt item keeps them until its master password is confirmed in the item view.
 */
import type { ItemSummary, VaultClient } from '@/src/protocol/vault-api';
import { totpCode } from '@/src/vault/totp';
import { parseTotpKey } from '@/src/vault/totp-key';
import { t, type MessageKey } from '../i18n';
import { CopyButton } from './CopyButton';

/** What a quick action says instead of copying: the words for why there is nothing to copy. */
export type Say = (key: MessageKey) => void;

type Secret = 'password' | 'totp';

/**
 * The login's password or current code; null (and `say` told why) when there is none to copy or
 * it is withheld.
 */
export async function loginSecret(
  client: Pick<VaultClient, 'getItem'>,
  id: string,
  secret: Secret,
  say: Say,
): Promise<string | null> {
  const item = await client.getItem({ id });
  if (item.type !== 1) return null;
  if (item.secretsWithheld) {
    say('quickCopyReprompt');
    return null;
  }
  if (secret === 'password') {
    if (!item.login.password) say('quickCopyNoPassword');
    return item.login.password || null;
  }
  if (!item.login.totp) {
    say('quickCopyNoTotp');
    return null;
  }
  try {
    return totpCode(parseTotpKey(item.login.totp), Date.now());
  } catch {
    say('quickCopyBadTotp');
    return null;
  }
}

interface QuickCopyProps {
  item: ItemSummary;
  client: Pick<VaultClient, 'getItem'>;
  onCopied(): void;
  say: Say;
}

export function QuickCopy({ item, client, onCopied, say }: QuickCopyProps) {
  if (item.type !== 1) return null;
  return (
    <span class="quick-actions">
      {item.subtitle && (
        <CopyButton
          what={t('username').toLowerCase()}
          value={() => item.subtitle}
          icon="user"
          onCopied={onCopied}
        />
      )}
      <CopyButton
        what={t('password').toLowerCase()}
        value={() => loginSecret(client, item.id, 'password', say)}
        secret
        icon="password"
        onCopied={onCopied}
      />
      <CopyButton
        what={t('verificationCode').toLowerCase()}
        value={() => loginSecret(client, item.id, 'totp', say)}
        secret
        icon="code"
        onCopied={onCopied}
      />
    </span>
  );
}
