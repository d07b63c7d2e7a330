/**
 * Export Vault → `.kdbx (Encrypted)`: a KeePass database (KDBX 4, Argon2id, AES-256 or ChaCha20)
 * that KeePassXC, KeePass, KeePassDX, Strongbox and KeePassium open, protected by a file password.
 * Folders become groups (a Bitwarden folder `a/b` is the group b inside a), items entries, as the
 * table in docs/kdbx-mapping.md says (kdbx-fields.ts holds its names).
 */
import type { DeriveKdfMaterial } from '@/src/crypto/file-key';
import type { KdbxEntry, KdbxGroup, ProtectedValue } from 'kdbxweb';
import { CofferError } from '@/src/errors/coffer-error';
import type { Fido2Credential, Field, Folder, Item } from '@/src/vault/item';
import { recordOf } from '@/src/vault/item';
import type { KdbxCipher } from '../registry';
import { kdbxLibrary, withKdbxDerive } from './kdbx-library';
import {
  ARCHIVED_TAG,
  COFFER_TYPE_KEY,
  FAVORITE_TAG,
  KP,
  PASSKEY,
  RECORD_KEYS,
  isReservedKey,
  TYPE_WORDS,
  extraUrlKey,
  isSecretField,
  passkeyKey,
} from './kdbx-fields';
import { passkeyToKeePassXc } from './kdbx-passkey';
import { totpToOtpUri } from './kdbx-totp';

export interface KdbxArgon2 {
  iterations: number;
  memoryMiB: number;
  parallelism: number;
}

export interface KdbxProtection {
  filePassword: string;
  argon2: KdbxArgon2;
  cipher: KdbxCipher;
  /** Runs the database's Argon2 (kdbx-library.ts); on this thread when left out. */
  derive?: DeriveKdfMaterial;
}

/** The database's name and its root group's, as KeePassXC shows them. */
const DATABASE_NAME = 'Coffer';

export interface KdbxBuilder {
  addFolders(folders: Folder[]): void;
  addItems(items: Item[]): void;
  addAttachment(itemId: string, fileName: string, content: Uint8Array): Promise<void>;
  /** The database's bytes, encrypted under the file password. */
  save(): Promise<Uint8Array>;
}

export function startKdbxDatabase(protection: KdbxProtection): KdbxBuilder {
  const kdbxweb = kdbxLibrary();
  const credentials = new kdbxweb.Credentials(
    kdbxweb.ProtectedValue.fromString(protection.filePassword),
  );
  const db = kdbxweb.Kdbx.create(credentials, DATABASE_NAME);
  const root = db.getDefaultGroup();
  // A backup has nothing deleted: no recycle bin (Coffer's trash is not exported).
  root.groups = root.groups.filter((g) => g.uuid !== db.meta.recycleBinUuid);
  db.meta.recycleBinEnabled = false;
  db.meta.recycleBinUuid = undefined;

  db.setKdf(kdbxweb.Consts.KdfId.Argon2id);
  const params = db.header.kdfParameters!;
  params.set(
    'M',
    kdbxweb.VarDictionary.ValueType.UInt64,
    kdbxweb.Int64.from(protection.argon2.memoryMiB * 1024 * 1024),
  );
  params.set(
    'I',
    kdbxweb.VarDictionary.ValueType.UInt64,
    kdbxweb.Int64.from(protection.argon2.iterations),
  );
  params.set('P', kdbxweb.VarDictionary.ValueType.UInt32, protection.argon2.parallelism);
  db.header.dataCipherUuid = new kdbxweb.KdbxUuid(
    protection.cipher === 'chacha20'
      ? kdbxweb.Consts.CipherId.ChaCha20
      : kdbxweb.Consts.CipherId.Aes,
  );

  /** Groups by folder path ("a/b"), made on first use so that parents come before children. */
  const groupsByPath = new Map<string, KdbxGroup>();
  const folderPaths = new Map<string, string>();
  const groupFor = (path: string): KdbxGroup => {
    const known = groupsByPath.get(path);
    if (known) return known;
    const slash = path.lastIndexOf('/');
    const parent = slash > 0 ? groupFor(path.slice(0, slash)) : root;
    const group = db.createGroup(parent, slash > 0 ? path.slice(slash + 1) : path);
    groupsByPath.set(path, group);
    return group;
  };
  const entries = new Map<string, KdbxEntry>();
  const protect = (text: string): ProtectedValue => kdbxweb.ProtectedValue.fromString(text);

  return {
    addFolders(folders) {
      // Sorted, so that a group's place among its siblings does not depend on the vault's order.
      for (const folder of [...folders].sort((a, b) => a.name.localeCompare(b.name))) {
        folderPaths.set(folder.id, folder.name);
        groupFor(folder.name);
      }
    },
    addItems(items) {
      for (const item of items) {
        const path = item.folderId === null ? undefined : folderPaths.get(item.folderId);
        const entry = db.createEntry(path === undefined ? root : groupFor(path));
        writeEntry(entry, item, protect);
        entries.set(item.id, entry);
      }
    },
    async addAttachment(itemId, fileName, content) {
      const entry = entries.get(itemId);
      if (!entry) throw new CofferError('errItemsGone');
      const copy = content.slice().buffer;
      const binary = await db.createBinary(copy);
      entry.binaries.set(
        uniqueKey(fileName || 'attachment', (k) => entry.binaries.has(k)),
        binary,
      );
      // Every version of the entry holds the same files: KeePassXC shows them in each.
      for (const version of entry.history) version.binaries = new Map(entry.binaries);
    },
    async save() {
      const bytes = await withKdbxDerive(protection.derive, () => db.save());
      return new Uint8Array(bytes);
    },
  };
}

/** Fills an entry from an item: its current state, then its password history as older versions. */
function writeEntry(entry: KdbxEntry, item: Item, protect: (text: string) => ProtectedValue): void {
  const fields = entry.fields;
  const set = (key: string, value: string | null | undefined, secret = false) => {
    if (value === null || value === undefined) return;
    fields.set(key, secret ? protect(value) : value);
  };
  set(KP.title, item.name);
  set(KP.notes, item.notes);
  entry.tags = [
    ...(item.favorite ? [FAVORITE_TAG] : []),
    ...(item.archivedDate ? [ARCHIVED_TAG] : []),
  ];
  const typeWord = TYPE_WORDS[item.type];
  if (typeWord) set(COFFER_TYPE_KEY, typeWord);
  entry.icon = iconOf(item);

  const record = recordOf(item);
  const recordKeys = record ? RECORD_KEYS[record.kind] : {};
  if (item.type === 1) {
    const login = item.login;
    set(KP.userName, login.username);
    set(KP.password, login.password, true);
    const uris = (login.uris ?? []).map((u) => u.uri).filter((u): u is string => u !== null);
    set(KP.url, uris[0]);
    uris.slice(1).forEach((uri, i) => set(extraUrlKey(i + 1), uri));
    if (login.totp !== null) set(KP.otp, totpToOtpUri(login.totp, item.name, login.username), true);
    (login.fido2Credentials ?? []).forEach((credential, i) => writePasskey(credential, i + 1, set));
  } else if (record) {
    for (const [field, key] of Object.entries(recordKeys)) {
      set(key, record.record[field], isSecretField(record.kind, field));
    }
  }
  // A record field left empty keeps its name: a custom field may not take it.
  const recordNames = new Set(Object.values(recordKeys));
  const taken = (key: string) => fields.has(key) || isReservedKey(key) || recordNames.has(key);
  for (const field of item.fields ?? []) writeCustomField(field, taken, set);

  entry.times.creationTime = new Date(item.creationDate);
  entry.times.lastModTime = new Date(item.revisionDate);
  entry.times.lastAccessTime = new Date(item.revisionDate);

  // KeePass keeps old versions oldest first; each of Coffer's old passwords becomes one, dated
  // when it was last used.
  const history = [...(item.passwordHistory ?? [])].sort((a, b) =>
    a.lastUsedDate.localeCompare(b.lastUsedDate),
  );
  if (history.length > 0) {
    const current = fields.get(KP.password);
    const modified = entry.times.lastModTime;
    for (const old of history) {
      fields.set(KP.password, protect(old.password));
      entry.times.lastModTime = new Date(old.lastUsedDate);
      entry.pushHistory();
    }
    if (current === undefined) fields.delete(KP.password);
    else fields.set(KP.password, current);
    entry.times.lastModTime = modified;
  }
}

function writePasskey(
  credential: Fido2Credential,
  n: number,
  set: (key: string, value: string | null | undefined, secret?: boolean) => void,
): void {
  const passkey = passkeyToKeePassXc(credential);
  set(passkeyKey(PASSKEY.userName, n), passkey.userName);
  set(passkeyKey(PASSKEY.credentialId, n), passkey.credentialId, true);
  set(passkeyKey(PASSKEY.privateKeyPem, n), passkey.privateKeyPem, true);
  set(passkeyKey(PASSKEY.relyingParty, n), passkey.relyingParty);
  set(passkeyKey(PASSKEY.userHandle, n), passkey.userHandle, true);
}

/**
 * A custom field as a string: hidden ones protected, the others as text (a checkbox is `true` or
 * `false`; a linked field has no value of its own). KeePass allows one string per name, so a name
 * already taken (a field the mapping reads as something else, another custom field) gets " (2)", " (3)", … after it.
 */
function writeCustomField(
  field: Field,
  taken: (key: string) => boolean,
  set: (key: string, value: string | null | undefined, secret?: boolean) => void,
): void {
  const name = field.name === null || field.name.trim() === '' ? 'Field' : field.name;
  const key = uniqueKey(name, taken);
  set(key, field.value ?? '', field.type === 1);
}

/** `name`, or `name (2)`, `name (3)`, … : the first that `taken` does not refuse. */
export function uniqueKey(name: string, taken: (key: string) => boolean): string {
  if (!taken(name)) return name;
  for (let n = 2; ; n++) {
    const key = `${name} (${n})`;
    if (!taken(key)) return key;
  }
}

/** KeePass's standard icon for an item's type (kdbxweb's Consts.Icons). */
function iconOf(item: Item): number {
  const { Icons } = kdbxLibrary().Consts;
  switch (item.type) {
    case 2:
      return Icons.Notepad;
    case 3:
      return Icons.Money;
    case 4:
    case 7:
    case 8:
      return Icons.Identity;
    case 5:
      return Icons.TerminalEncrypted;
    case 6:
      return Icons.Homebanking;
    default:
      return Icons.Key;
  }
}
