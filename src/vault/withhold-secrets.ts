/**
 * An item marked "Master password re-prompt" as the background hands it out before the master
 * password was confirmed for it: everything that is a secret to a person reading over a shoulder
 * or to a page that got hold of the popup's channel is left out (null), the rest (name, username,
 * websites, folder) stays so the item can be found and recognised. A secure note's secret is its
 * text, so notes are withheld for every type.
 */
import type { Field, Item } from './item';

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
    case 3:
      return { ...base, type: 3, card: { ...item.card, number: null, code: null } };
    case 4:
      return {
        ...base,
        type: 4,
        identity: { ...item.identity, ssn: null, passportNumber: null, licenseNumber: null },
      };
    case 5:
      return { ...base, type: 5, sshKey: { ...item.sshKey, privateKey: null } };
  }
}

/** Hidden custom fields (type 1) keep their name, not their value. */
function withholdHiddenValue(field: Field): Field {
  return field.type === 1 ? { ...field, value: null } : field;
}
