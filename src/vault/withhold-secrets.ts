/**
 * An item marked "Master password re-prompt" as the background hands it out before the master
 * password was confirmed for it: everything that is a secret to a person reading over a shoulder
 * or to a page that got hold of the popup's channel is left out (null), the rest (name, username,
 * websites, folder) stays so the item can be found and recognised. A secure note's secret is its
 * text, so notes are withheld for every type.
 */
import { RECORD_SECRETS, recordOf, withRecord, type Field, type Item } from './item';

export function withholdSecrets(item: Item): Item {
  const base = {
    ...item,
    notes: null,
    passwordHistory: null,
    ...(item.fields ? { fields: item.fields.map(withholdHiddenValue) } : {}),
  };
  switch (item.type) {
    case 1:
      return {
        ...base,
        type: 1,
        login: {
          ...item.login,
          password: null,
          totp: null,
          fido2Credentials:
            item.login.fido2Credentials?.map((passkey) => ({ ...passkey, keyValue: null })) ?? null,
        },
      };
    case 2:
      return { ...base, type: 2, secureNote: item.secureNote };
    default: {
      const { kind, record } = recordOf(item)!;
      const withheld = { ...record };
      for (const name of RECORD_SECRETS[kind]) withheld[name] = null;
      return withRecord(base as Item, kind, withheld);
    }
  }
}

/** Hidden custom fields (type 1) keep their name, not their value. */
function withholdHiddenValue(field: Field): Field {
  return field.type === 1 ? { ...field, value: null } : field;
}
