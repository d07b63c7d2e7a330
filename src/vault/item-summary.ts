/** The one line under an item's name in the vault list, per item type. */
import type { Item } from './item';

export function itemSubtitle(item: Item): string | null {
  switch (item.type) {
    case 1:
      return item.login.username || null;
    case 2:
      return null;
    case 3: {
      const digits = item.card.number?.replace(/\D/g, '') ?? '';
      const last = digits.length >= 4 ? `*${digits.slice(-4)}` : null;
      return [item.card.brand, last].filter(Boolean).join(', ') || null;
    }
    case 4:
      return [item.identity.firstName, item.identity.lastName].filter(Boolean).join(' ') || null;
    case 5:
      return item.sshKey.keyFingerprint || null;
    case 6: {
      // Like a card: the bank and the last digits of the account, never the whole number.
      const digits = (item.bankAccount.accountNumber ?? item.bankAccount.iban ?? '').replace(
        /\W/g,
        '',
      );
      const last = digits.length >= 4 ? `*${digits.slice(-4)}` : null;
      return [item.bankAccount.bankName, last].filter(Boolean).join(', ') || null;
    }
    case 7:
      return (
        [item.driversLicense.firstName, item.driversLicense.lastName].filter(Boolean).join(' ') ||
        null
      );
    case 8:
      return [item.passport.givenName, item.passport.surname].filter(Boolean).join(' ') || null;
  }
}

export function itemUris(item: Item): string[] {
  return item.type === 1 ? (item.login.uris ?? []).flatMap((u) => (u.uri ? [u.uri] : [])) : [];
}
