/**
 * An import's update of a stored item (issue 11): the file's version wins where it has a value,
 * and whatever the stored item has that the file lacks is kept, because most files cannot carry
 * all of it (a CSV has no passkeys, password history, hidden fields or URI match types) and a
 * plain replacement would silently delete it. The merge also says what a replacement would have
 * lost, so the preview can tell the person what is being kept.
 */
import type {
  Fido2Credential,
  Field,
  FlatRecord,
  Item,
  LoginUri,
  PasswordHistoryEntry,
  RecordKind,
} from './item';
import { RECORD_FIELDS, recordOf, withRecord } from './item';

/** `card.number`, `passport.issueDate`: a field of a record kind, named as the file does. */
type RecordValueName = {
  [K in RecordKind]: `${K}.${(typeof RECORD_FIELDS)[K][number]}`;
}[RecordKind];

/** A value of an item, named by where it sits; words for it are the popup's business. */
export type ValueName =
  'notes' | 'folder' | 'login.username' | 'login.password' | 'login.totp' | RecordValueName;

/** A custom field type a CSV cannot say: every field it holds comes back as text. */
type KeptFieldType = 'hidden' | 'checkbox' | 'linked';

/**
 * One kind of data the stored item has and the file lacks, kept by the merge. It crosses to the
 * popup, so it holds counts and names (of items and fields), never a secret value. Attachments,
 * once items have them, join as one more kind.
 */
export type KeptData =
  | { kind: 'passkeys'; count: number }
  | { kind: 'passwordHistory'; count: number }
  /** The stored password, which the file changes, goes into the history (as an edit does). */
  | { kind: 'previousPassword' }
  | { kind: 'customFields'; names: string[] }
  | { kind: 'fieldType'; field: string; fieldType: KeptFieldType }
  | { kind: 'fieldValue'; field: string }
  | { kind: 'uriMatch'; count: number }
  | { kind: 'uris'; count: number }
  | { kind: 'valueCleared'; field: ValueName };

export interface MergeResult {
  item: Item;
  /** Empty when replacing the stored item by the file's would have lost nothing. */
  kept: KeptData[];
}

/**
 * `file` is the file's version, already given the stored item's id, a folder of the vault and the
 * revision date it is stored with; that date is the moment of the change, so it dates the stored
 * password when it enters the history. Items of different types are not merged (planImport adds
 * such a file item as a new one).
 */
export function mergeItem(stored: Item, file: Item): MergeResult {
  const kept: KeptData[] = [];
  let item = {
    ...file,
    id: stored.id,
    creationDate: stored.creationDate,
    notes: keepValue(stored.notes, file.notes, 'notes', kept),
    folderId: file.folderId ?? stored.folderId,
    // Not shown by Coffer, but Bitwarden's: a file without them must not detach the item.
    organizationId: file.organizationId ?? stored.organizationId,
    collectionIds: isEmpty(file.collectionIds) ? stored.collectionIds : file.collectionIds,
  } as Item;
  if (file.folderId === null && stored.folderId !== null) {
    kept.push({ kind: 'valueCleared', field: 'folder' });
  }

  const fields = mergeFields(stored.fields ?? [], file.fields ?? [], kept);
  if (fields.length > 0) item.fields = fields;
  else if (stored.fields !== undefined) item.fields = stored.fields;
  else delete item.fields;

  let previousPassword: PasswordHistoryEntry | null = null;
  if (stored.type === 1 && item.type === 1) {
    const login = { ...item.login };
    login.username = keepValue(stored.login.username, login.username, 'login.username', kept);
    login.password = keepValue(stored.login.password, login.password, 'login.password', kept);
    login.totp = keepValue(stored.login.totp, login.totp, 'login.totp', kept);
    login.uris = mergeUris(stored.login.uris, login.uris, kept);
    login.fido2Credentials = mergePasskeys(
      stored.login.fido2Credentials,
      login.fido2Credentials,
      kept,
    );
    const oldPassword = stored.login.password;
    if (!isBlank(oldPassword) && oldPassword !== login.password) {
      previousPassword = { lastUsedDate: item.revisionDate, password: oldPassword! };
      login.passwordRevisionDate = login.passwordRevisionDate ?? item.revisionDate;
    } else if (isBlank(login.passwordRevisionDate) && stored.login.passwordRevisionDate) {
      login.passwordRevisionDate = stored.login.passwordRevisionDate;
    }
    item.login = login;
  } else if (stored.type === item.type) {
    const storedRecord = recordOf(stored);
    const fileRecord = recordOf(item);
    if (storedRecord && fileRecord) {
      const { kind } = fileRecord;
      const merged = keepValues(
        storedRecord.record,
        fileRecord.record,
        RECORD_FIELDS[kind],
        kind,
        kept,
      );
      item = withRecord(item, kind, merged);
    }
  }
  item.passwordHistory = mergeHistory(
    stored.passwordHistory,
    file.passwordHistory,
    previousPassword,
    kept,
  );
  return { item, kept };
}

function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value === '';
}

function isEmpty(list: unknown[] | null | undefined): boolean {
  return list === null || list === undefined || list.length === 0;
}

function keepValue(
  stored: string | null,
  file: string | null,
  field: ValueName,
  kept: KeptData[],
): string | null {
  if (!isBlank(file)) return file;
  // Blank in both ("" or null): the stored form, so that nothing changes for nothing.
  if (!isBlank(stored)) kept.push({ kind: 'valueCleared', field });
  return stored;
}

function keepValues(
  stored: FlatRecord<string>,
  file: FlatRecord<string>,
  names: readonly string[],
  prefix: RecordKind,
  kept: KeptData[],
): FlatRecord<string> {
  const out = { ...file };
  for (const name of names) {
    out[name] = keepValue(
      stored[name] ?? null,
      file[name] ?? null,
      `${prefix}.${name}` as RecordValueName,
      kept,
    );
  }
  return out;
}

const FIELD_TYPE_NAMES = { 1: 'hidden', 2: 'checkbox', 3: 'linked' } as const;

/**
 * Fields pair up by name (the n-th of a name with the n-th of that name). A text field of the
 * file takes the stored field's type when its value fits that type: a CSV writes hidden,
 * checkbox and linked fields as text. Stored fields the file lacks are kept, after the file's.
 */
function mergeFields(stored: Field[], file: Field[], kept: KeptData[]): Field[] {
  const left = new Set(stored);
  const byName = new Map<string, Field[]>();
  for (const field of stored) {
    const queue = byName.get(field.name ?? '');
    if (queue) queue.push(field);
    else byName.set(field.name ?? '', [field]);
  }
  const take = (match: Field | undefined) => {
    if (match) left.delete(match);
    return match;
  };
  const paired = file.map((field) => ({
    field,
    match: take(byName.get(field.name ?? '')?.shift()),
  }));
  // A CSV splits "name: value" at its first ": ", which a name may hold ("Q: why?: because"):
  // a file field left alone that reads as the same line as a stored one is that field.
  const line = (f: Field) => `${f.name ?? ''}: ${f.value ?? ''}`;
  for (const pair of paired) {
    if (pair.match || pair.field.type !== 0) continue;
    pair.match = take([...left].find((s) => line(s) === line(pair.field)));
    if (pair.match) pair.field = { ...pair.match, type: 0, linkedId: null };
  }
  const merged = paired.map(({ field, match }) => {
    if (!match) return field;
    // The same name, in the stored form (a CSV reads a missing name back as "").
    let out: Field = { ...field, name: match.name };
    if (field.type === 0 && match.type !== 0 && fitsType(match.type, field.value)) {
      out = { ...out, type: match.type, linkedId: match.linkedId };
      if (match.type === 3) out.value = match.value;
      kept.push({
        kind: 'fieldType',
        field: field.name ?? '',
        fieldType: FIELD_TYPE_NAMES[match.type],
      });
    }
    if (out.type !== 3 && isBlank(out.value)) {
      if (!isBlank(match.value)) kept.push({ kind: 'fieldValue', field: field.name ?? '' });
      out = { ...out, value: match.value };
    }
    return out;
  });
  // In the stored item's order, as a person arranged them.
  const extras = stored.filter((field) => left.has(field));
  if (extras.length > 0) {
    kept.push({ kind: 'customFields', names: extras.map((f) => f.name ?? '') });
  }
  return [...merged, ...extras];
}

function fitsType(type: 1 | 2 | 3, value: string | null): boolean {
  if (type === 2) return isBlank(value) || value === 'true' || value === 'false';
  if (type === 3) return isBlank(value);
  return true;
}

/**
 * The file's websites, each taking the stored match type where the file has none for the same
 * address; stored websites the file lacks are kept after them.
 */
function mergeUris(
  stored: LoginUri[] | null,
  file: LoginUri[] | null,
  kept: KeptData[],
): LoginUri[] | null {
  const left = [...(stored ?? [])];
  let matches = 0;
  const merged = (file ?? []).map((uri) => {
    const index = left.findIndex((s) => s.uri === uri.uri);
    if (index < 0) return uri;
    const [match] = left.splice(index, 1);
    if (uri.match !== null || match!.match === null) return uri;
    matches++;
    return { ...uri, match: match!.match };
  });
  if (matches > 0) kept.push({ kind: 'uriMatch', count: matches });
  if (left.length > 0) kept.push({ kind: 'uris', count: left.length });
  const all = [...merged, ...left];
  // Nothing on either side: the stored form (null or []), so that nothing changes for nothing.
  return all.length === 0 ? stored : all;
}

/** Passkeys are told apart by credential id; the stored ones the file lacks are kept. */
function mergePasskeys(
  stored: Fido2Credential[] | null,
  file: Fido2Credential[] | null,
  kept: KeptData[],
): Fido2Credential[] | null {
  const ids = new Set((file ?? []).map((c) => c.credentialId));
  const left = (stored ?? []).filter((c) => !ids.has(c.credentialId));
  if (left.length === 0) return isEmpty(file) ? stored : file;
  kept.push({ kind: 'passkeys', count: left.length });
  return [...(file ?? []), ...left];
}

/**
 * Both histories, one entry per password, newest first. Nothing is cut: Bitwarden's limit of
 * five applies when a person edits, and an import must not be the thing that drops an entry.
 */
function mergeHistory(
  stored: PasswordHistoryEntry[] | null,
  file: PasswordHistoryEntry[] | null,
  previous: PasswordHistoryEntry | null,
  kept: KeptData[],
): PasswordHistoryEntry[] | null {
  const inFile = new Set((file ?? []).map((e) => e.password));
  const extras = (stored ?? []).filter((e) => !inFile.has(e.password));
  const addPrevious = previous !== null && !inFile.has(previous.password);
  if (addPrevious) kept.push({ kind: 'previousPassword' });
  if (extras.length > 0) kept.push({ kind: 'passwordHistory', count: extras.length });
  if (!addPrevious && extras.length === 0) return isEmpty(file) ? stored : file;
  const inStored = new Set((stored ?? []).map((e) => e.password));
  // Nothing new to add: the stored history as it is, in its own order.
  if (!addPrevious && (file ?? []).every((e) => inStored.has(e.password))) return stored;
  const byPassword = new Map<string, PasswordHistoryEntry>();
  for (const entry of [...(addPrevious ? [previous!] : []), ...(file ?? []), ...extras]) {
    if (!byPassword.has(entry.password)) byPassword.set(entry.password, entry);
  }
  return [...byPassword.values()].sort(
    (a, b) => Date.parse(b.lastUsedDate) - Date.parse(a.lastUsedDate),
  );
}
