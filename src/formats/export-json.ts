/**
 * Bitwarden's `.json` export (formats.md, "`.json` (plain)"): the same keys in the same order as
 * Bitwarden's exporter writes them, two-space indentation, absent values as null. The same
 * layout, with EncStrings for secrets, is the account-restricted export.
 */
import type { Fido2Credential, Folder, Item, LoginUri } from '@/src/vault/item';
import { FIDO2_STRING_FIELDS, RECORD_FIELDS, recordOf } from '@/src/vault/item';
import { jsonListBytes, type Json } from './json-bytes';

/** Bitwarden writes its export files with two-space indentation. */
export function serializeExport(document: Record<string, unknown>): string {
  return JSON.stringify(document, null, 2);
}

/*
 * The same document in pieces, so a large vault can be written item by item without holding every
 * item at once: start + item 0 + item 1 + … + end is exactly serializeExport({ ...head, folders,
 * items }). `items` is the last key, so the document ends with its array.
 */
const EMPTY_ITEMS_END = '[]\n}';

export function jsonExportStart<S>(head: Record<string, unknown>, folders: Folder<S>[]): string {
  const empty = serializeExport({ ...head, folders: folders.map(toExportFolder), items: [] });
  return empty.slice(0, -EMPTY_ITEMS_END.length);
}

/**
 * Items of the `items` array as UTF-8, `index` being the position of the first, with what
 * separates them from the items before: the items sit four spaces deep, as in the document.
 */
export function jsonExportItems<S>(items: Item<S>[], index: number): Uint8Array {
  return items.length === 0
    ? new Uint8Array(0)
    : jsonListBytes(index === 0 ? '[' : ',', items.map(toExportItem), 2);
}

export function jsonExportEnd(itemCount: number): string {
  return itemCount === 0 ? EMPTY_ITEMS_END : '\n  ]\n}';
}

function toExportFolder<S>(folder: Folder<S>): { id: string; name: S } {
  return { id: folder.id, name: folder.name };
}

/** One item in Bitwarden's key order: `S` is plain text or EncString text. */
function toExportItem<S>(item: Item<S>): Record<string, Json> {
  const out: Record<string, unknown> = {
    id: item.id,
    folderId: item.folderId,
    organizationId: item.organizationId,
    collectionIds: item.collectionIds,
    name: item.name,
    notes: item.notes,
    type: item.type,
  };
  switch (item.type) {
    case 1:
      // Bitwarden's exporter leaves out passwordRevisionDate; so does Coffer, to write its files.
      out.login = {
        username: item.login.username,
        password: item.login.password,
        uris: (item.login.uris ?? []).map(toExportUri),
        totp: item.login.totp,
        fido2Credentials: (item.login.fido2Credentials ?? []).map(toExportFido2),
      };
      break;
    case 2:
      out.secureNote = { type: 0 };
      break;
    default: {
      const { kind, record } = recordOf(item)!;
      out[kind] = pick(record, RECORD_FIELDS[kind]);
    }
  }
  out.favorite = item.favorite;
  out.reprompt = item.reprompt;
  if (item.fields && item.fields.length > 0) {
    out.fields = item.fields.map((f) => ({
      name: f.name,
      value: f.value,
      type: f.type,
      linkedId: f.linkedId,
    }));
  }
  out.passwordHistory =
    item.passwordHistory === null
      ? null
      : item.passwordHistory.map((h) => ({ password: h.password, lastUsedDate: h.lastUsedDate }));
  out.revisionDate = item.revisionDate;
  out.creationDate = item.creationDate;
  out.deletedDate = item.deletedDate;
  // Written only for archived items, so a vault without any is written exactly as Bitwarden's
  // SDK exporter writes it (which has no such key); Bitwarden's clients read it where present.
  if (item.archivedDate) out.archivedDate = item.archivedDate;
  return out as Record<string, Json>;
}

function toExportUri<S>(uri: LoginUri<S>): Record<string, unknown> {
  // Account-restricted files carry the checksum between the URI and its match type.
  return uri.uriChecksum === undefined
    ? { uri: uri.uri, match: uri.match }
    : { uri: uri.uri, uriChecksum: uri.uriChecksum, match: uri.match };
}

function toExportFido2<S>(credential: Fido2Credential<S>): Record<string, unknown> {
  return { ...pick(credential, FIDO2_STRING_FIELDS), creationDate: credential.creationDate };
}

function pick<T, K extends keyof T>(record: T, names: readonly K[]): Record<K, T[K]> {
  const out = {} as Record<K, T[K]>;
  for (const name of names) out[name] = record[name];
  return out;
}
