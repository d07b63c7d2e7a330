/**
 * What saving an edited item changes besides the fields a person typed: dates, and the password
 * history (Bitwarden keeps the last five passwords of a login, newest first).
 */
import type { Item } from './item';

const PASSWORD_HISTORY_LIMIT = 5;

export function applyEdit(previous: Item | undefined, next: Item, now: string): Item {
  const item: Item = {
    ...next,
    creationDate: previous?.creationDate ?? now,
    revisionDate: now,
  };
  if (previous?.type === 1 && item.type === 1) {
    const oldPassword = previous.login.password;
    if (oldPassword && oldPassword !== item.login.password) {
      const history = [
        { lastUsedDate: now, password: oldPassword },
        ...(item.passwordHistory ?? []),
      ];
      item.passwordHistory = history.slice(0, PASSWORD_HISTORY_LIMIT);
      item.login = { ...item.login, passwordRevisionDate: now };
    }
  }
  return item;
}
