/**
 * Which strings of an item are secret (formats.md, account restricted: "Encrypted"), as one walk
 * that maps each of them. Encryption, decryption and validation all go through it, so a field
 * can never be encrypted on the way in and forgotten on the way out.
 */
import {
  FIDO2_STRING_FIELDS,
  RECORD_FIELDS,
  recordOf,
  withRecord,
  type Field,
  type Fido2Credential,
  type Folder,
  type Item,
  type LoginUri,
} from './item';

/**
 * Called for every secret string that is present (null stays null). `field` is the field's own
 * name ("password", "uriChecksum"); `path` builds its full location ("login.uris[1].uri") only
 * when asked, since walks over a whole vault seldom need it.
 */
export type SecretMapper<S, T> = (value: S, field: string, path: () => string) => T;

export function mapItemSecrets<S, T>(item: Item<S>, fn: SecretMapper<S, T>): Item<T> {
  const opt = (value: S | null | undefined, field: string, path: () => string): T | null =>
    value === null || value === undefined ? null : fn(value, field, path);
  const base = {
    ...item,
    name: fn(item.name, 'name', () => 'name'),
    notes: opt(item.notes, 'notes', () => 'notes'),
    passwordHistory:
      item.passwordHistory === null
        ? null
        : item.passwordHistory.map((entry, i) => ({
            lastUsedDate: entry.lastUsedDate,
            password: fn(entry.password, 'password', () => `passwordHistory[${i}].password`),
          })),
  };
  if (item.fields !== undefined) {
    (base as { fields?: Field<T>[] }).fields = item.fields.map((field, i) => ({
      ...field,
      name: opt(field.name, 'name', () => `fields[${i}].name`),
      value: opt(field.value, 'value', () => `fields[${i}].value`),
    }));
  }
  switch (item.type) {
    case 1: {
      const login = item.login;
      return {
        ...(base as unknown as Item<T>),
        type: 1,
        login: {
          ...login,
          username: opt(login.username, 'username', () => 'login.username'),
          password: opt(login.password, 'password', () => 'login.password'),
          totp: opt(login.totp, 'totp', () => 'login.totp'),
          uris:
            login.uris === null
              ? null
              : login.uris.map((uri, i) => mapUri(uri, fn, `login.uris[${i}]`)),
          fido2Credentials:
            login.fido2Credentials === null
              ? null
              : login.fido2Credentials.map((credential, i) =>
                  mapFido2(credential, fn, `login.fido2Credentials[${i}]`),
                ),
        },
      } as Item<T>;
    }
    case 2:
      return { ...(base as unknown as Item<T>), type: 2, secureNote: { type: 0 } } as Item<T>;
    default: {
      const { kind, record } = recordOf(item)!;
      return withRecord(
        base as unknown as Item<S>,
        kind,
        mapRecord(record, RECORD_FIELDS[kind], kind, opt),
      ) as Item<T>;
    }
  }
}

export function mapFolderSecrets<S, T>(folder: Folder<S>, fn: SecretMapper<S, T>): Folder<T> {
  return { ...folder, name: fn(folder.name, 'name', () => 'name') };
}

function mapUri<S, T>(uri: LoginUri<S>, fn: SecretMapper<S, T>, prefix: string): LoginUri<T> {
  const out: LoginUri<T> = {
    uri: uri.uri === null ? null : fn(uri.uri, 'uri', () => `${prefix}.uri`),
    match: uri.match,
  };
  if (uri.uriChecksum !== undefined) {
    out.uriChecksum =
      uri.uriChecksum === null
        ? null
        : fn(uri.uriChecksum, 'uriChecksum', () => `${prefix}.uriChecksum`);
  }
  return out;
}

function mapFido2<S, T>(
  credential: Fido2Credential<S>,
  fn: SecretMapper<S, T>,
  prefix: string,
): Fido2Credential<T> {
  const out = { ...credential } as unknown as Fido2Credential<T>;
  for (const name of FIDO2_STRING_FIELDS) {
    const value = credential[name];
    (out as unknown as Record<string, T | null>)[name] =
      value === null ? null : fn(value, name, () => `${prefix}.${name}`);
  }
  return out;
}

function mapRecord<S, T>(
  record: Record<string, S | null>,
  names: readonly string[],
  prefix: string,
  opt: (value: S | null | undefined, field: string, path: () => string) => T | null,
): Record<string, T | null> {
  const out: Record<string, T | null> = {};
  for (const name of names) out[name] = opt(record[name], name, () => `${prefix}.${name}`);
  return out;
}
