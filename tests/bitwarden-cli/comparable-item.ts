/**
 * Items' content in one normal form, whichever side wrote them (a test's plain vault, the CLI's
 * `.json` export, a decrypted import request): Bitwarden leaves out nulls and empty lists in some
 * places and not others, and that is not a difference worth failing on.
 */
import { decryptEncString } from './standin-crypto';
import type { ImportRequest } from './standin-server';
import {
  ENCRYPTED_FIELDS,
  RECORD_KINDS,
  asArray,
  asObject,
  decryptCipher,
  type Json,
  type JsonObject,
} from './standin-vault';

/** Items of a `{ folders, items }` document in normal form, folder ids turned into names. */
export function comparableVault(document: {
  folders: Array<{ id: string; name: string }>;
  items: JsonObject[];
}) {
  const folderNames = new Map(document.folders.map(({ id, name }) => [id, name]));
  return document.items
    .map((item) =>
      comparableItem(
        item,
        typeof item.folderId === 'string' ? (folderNames.get(item.folderId) ?? null) : null,
      ),
    )
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

/** An import request decrypted under the account key, folders by name, in normal form. */
export function comparableImport(request: ImportRequest, userKey: Buffer) {
  const folderNames = request.folders.map((folder) =>
    typeof folder.name === 'string' ? decryptEncString(folder.name, userKey) : null,
  );
  const folderOf = new Map(request.folderRelationships.map(({ key, value }) => [key, value]));
  return request.ciphers
    .map((cipher, index) => {
      const folderIndex = folderOf.get(index);
      return comparableItem(
        decryptCipher(cipher, userKey),
        folderIndex === undefined ? null : (folderNames[folderIndex] ?? null),
      );
    })
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

function comparableItem(item: JsonObject, folderName: string | null): JsonObject {
  const login = asObject(item.login);
  return {
    type: item.type ?? null,
    name: item.name ?? null,
    notes: item.notes ?? null,
    favorite: item.favorite ?? false,
    reprompt: item.reprompt ?? 0,
    folder: folderName,
    archivedDate: item.archivedDate ?? null,
    fields: asArray(item.fields).map((field) => {
      const f = asObject(field) ?? {};
      return {
        type: f.type ?? null,
        name: f.name ?? null,
        value: f.value ?? null,
        linkedId: f.linkedId ?? null,
      };
    }),
    passwordHistory: asArray(item.passwordHistory).map((entry) => {
      const e = asObject(entry) ?? {};
      return { password: e.password ?? null, lastUsedDate: e.lastUsedDate ?? null };
    }),
    login:
      login === null
        ? null
        : {
            ...pick(login, ENCRYPTED_FIELDS.login),
            uris: asArray(login.uris).map((uri) => {
              const u = asObject(uri) ?? {};
              return { uri: u.uri ?? null, match: u.match ?? null };
            }),
            fido2Credentials: asArray(login.fido2Credentials).map((credential) => {
              const c = asObject(credential) ?? {};
              return {
                ...pick(c, ENCRYPTED_FIELDS.fido2Credential),
                creationDate: c.creationDate ?? null,
              };
            }),
          },
    secureNote: pickObject(item.secureNote, ['type']),
    ...Object.fromEntries(
      RECORD_KINDS.map((kind) => [kind, pickObject(item[kind], ENCRYPTED_FIELDS[kind])]),
    ),
  };
}

function pickObject(value: Json | undefined, names: readonly string[]): JsonObject | null {
  const object = asObject(value);
  return object === null ? null : pick(object, names);
}

function pick(object: JsonObject, names: readonly string[]): JsonObject {
  return Object.fromEntries(names.map((name) => [name, object[name] ?? null]));
}
