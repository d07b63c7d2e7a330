/**
 * 1Password's .1pux export. Sources: support.1password.com/1pux-format/ (a ZIP holding
 * export.attributes, export.data and files/; export.data is accounts[].vaults[].items[]) and
 * keepassxreboot/keepassxc src/format/OPUXReader.cpp (loginFields by designation, notesPlain,
 * section fields whose `value` has one key naming its kind, createdAt/updatedAt in seconds; files
 * at `files/<documentId>__<fileName>`, named by a Document's `details.documentAttributes` and by
 * section fields of kind `file`).
 */
import { strFromU8 } from 'fflate';
import { CofferError, readingAt } from '@/src/errors/coffer-error';
import { describeValue } from '@/src/errors/describe-value';
import type { Field, Item } from '@/src/vault/item';
import {
  isJsonObject,
  optionalList,
  optionalString,
  parseUntrustedJson,
  readObject,
  type JsonObject,
} from '@/src/vault/untrusted-json';
import { attachmentList } from '../attachment-zip-read';
import {
  IMPORT_LIMITS,
  type ImportContext,
  type MissingAttachment,
  type ParsedImport,
} from '../import-types';
import type { FileContent } from '../file-content';
import { entryName, readZipDirectory, readZipEntry, type ZipEntry } from '../zip-guard';
import {
  blankToNull,
  buildItem,
  epochToIso,
  folderRegistry,
  nameOrHost,
  urisOf,
  type LooseItem,
} from './build-item';

/** 1Password's times are numbers of seconds since 1970. */
const seconds = (value: unknown, field: string) =>
  epochToIso(value, 's', { field }, 'errExpectedEpochSeconds');

/** One field of an item's sections: `kind` is the key of its value ("string", "concealed", …). */
interface SectionField {
  /** Where the field is in the item, for messages: `details.sections[0].fields[2]`. */
  at: string;
  id: string;
  title: string;
  kind: string;
  value: unknown;
}
type Common = Pick<
  LooseItem,
  'name' | 'notes' | 'folderId' | 'favorite' | 'creationDate' | 'revisionDate'
>;

/**
 * Categories with an item type of their own; the others (documents, bank accounts, passports,
 * servers, …) become secure notes holding their fields.
 */
const CATEGORY = { login: '001', card: '002', identity: '004', password: '005', sshKey: '114' };
/**
 * 1Password's card type codes; others are kept as written. Maps, not object literals: the keys
 * come from the file, and "constructor" must find nothing rather than Object's.
 */
const CARD_BRANDS = new Map([
  ['visa', 'Visa'],
  ['mc', 'Mastercard'],
  ['amex', 'Amex'],
  ['discover', 'Discover'],
  ['diners', 'Diners Club'],
  ['jcb', 'JCB'],
  ['maestro', 'Maestro'],
  ['unionpay', 'UnionPay'],
]);
const IDENTITY_IDS = new Map([
  ['firstname', 'firstName'],
  ['initial', 'middleName'],
  ['lastname', 'lastName'],
  ['company', 'company'],
  ['defphone', 'phone'],
  ['email', 'email'],
  ['username', 'username'],
]);

export function parseOnePassword1pux(input: FileContent, ctx: ImportContext): ParsedImport {
  if (input.kind !== 'bytes') {
    throw new CofferError('err1puxNotText');
  }
  const { data, entries } = readExportData(input.bytes);
  const files = attachedFiles(input.bytes, entries);
  const folders = folderRegistry(ctx);
  const items: Item[] = [];
  optionalList(data.accounts, 'accounts').forEach((account, a) => {
    const accountAt = `accounts[${a}]`;
    optionalList(readObject(account, accountAt).vaults, `${accountAt}.vaults`).forEach(
      (vault, v) => {
        const vaultAt = `${accountAt}.vaults[${v}]`;
        const { attrs, items: vaultItems } = readObject(vault, vaultAt);
        const folderId = folders.idFor(
          optionalString(readObject(attrs ?? {}, `${vaultAt}.attrs`).name, vaultAt),
        );
        for (const item of optionalList(vaultItems, `${vaultAt}.items`)) {
          if (items.length === IMPORT_LIMITS.maxItems) {
            throw new CofferError('errMoreThanMaxItems', {
              args: [IMPORT_LIMITS.maxItems],
            });
          }
          const read = readItem(item, items.length + 1, folderId, ctx);
          items.push(read.item);
          read.files.forEach((file) => files.add(read.item.id, file));
        }
      },
    );
  });
  return { folders: folders.folders(), items, unknownTypes: [], ...files.found() };
}

/** The one file of a .1pux that holds the items (support.1password.com/1pux-format/). */
const EXPORT_DATA = 'export.data';
/** What a Bitwarden .zip export (with attachments) holds instead. */
const BITWARDEN_ZIP_DATA = 'data.json';
/** Names listed when an archive has no export.data: enough to recognise what it is. */
const MAX_NAMES_SHOWN = 3;

function readExportData(bytes: Uint8Array): { data: JsonObject; entries: ZipEntry[] } {
  // The directory is checked before anything is inflated, and only export.data is here: the
  // files under files/ can be large, and are unpacked one at a time when the import asks.
  const entries = readingZip(() => readZipDirectory(bytes));
  const data = entries.filter((entry) => entry.name === EXPORT_DATA);
  if (data.length > 1) {
    throw new CofferError('err1puxDataTwice', { args: [data.length] });
  }
  const entry = data[0];
  if (entry === undefined) throw noExportData(entries.map((e) => e.name));
  if (entry.uncompressedSize > IMPORT_LIMITS.maxFileBytes) {
    throw new CofferError('err1puxDataTooLarge');
  }
  const json = parseUntrustedJson(
    strFromU8(readZipEntry(bytes, entry)),
    'err1puxDataNotJson',
    EXPORT_DATA,
  );
  const document = readObject(json, EXPORT_DATA);
  if (!Array.isArray(document.accounts)) {
    // A Bitwarden export renamed or zipped as .1pux would otherwise "import" nothing.
    const bitwarden = Object.hasOwn(document, 'items') || Object.hasOwn(document, 'encrypted');
    throw new CofferError(bitwarden ? 'err1puxDataIsBitwarden' : 'err1puxNoAccounts', {
      field: EXPORT_DATA,
    });
  }
  return { data: document, entries };
}

/** Where 1Password puts the file an item names (as KeePassXC's OPUXReader finds it). */
const FILES_FOLDER = 'files/';

/** A file an item names: a Document's own, or a section field of kind `file`. */
interface FileRef {
  fileName: string;
  documentId: string;
}

/** The items' files, found in the archive by the path 1Password gives them, as they are named. */
function attachedFiles(bytes: Uint8Array, entries: readonly ZipEntry[]) {
  const byName = new Map<string, ZipEntry>();
  const twice = new Set<string>();
  for (const entry of entries) {
    if (!entry.name.startsWith(FILES_FOLDER)) continue;
    if (byName.has(entry.name)) twice.add(entry.name);
    byName.set(entry.name, entry);
  }
  const attachments = attachmentList(bytes);
  const missing: MissingAttachment[] = [];
  return {
    add(itemId: string, { fileName, documentId }: FileRef) {
      const path = `${FILES_FOLDER}${documentId}__${fileName}`;
      // Which of two entries of one name is the file would be a guess.
      if (twice.has(path)) {
        throw new CofferError('errZipDuplicateEntry', { args: [entryName(path)] });
      }
      const entry = documentId === '' ? undefined : byName.get(path);
      if (entry === undefined) missing.push({ itemId, fileName, path });
      else attachments.add(entry, itemId, fileName);
    },
    /** Only what there is: a file without attachments reads as it always did. */
    found(): Pick<ParsedImport, 'attachments' | 'missingAttachments'> {
      return {
        ...(attachments.list.length > 0 && { attachments: attachments.list }),
        ...(missing.length > 0 && { missingAttachments: missing }),
      };
    },
  };
}

/** The files an item names: a Document's own (details.documentAttributes) and its file fields. */
function fileRefs(details: JsonObject, fields: readonly SectionField[]): FileRef[] {
  const document = details.documentAttributes;
  const refs = document == null ? [] : [fileRef(document, 'details.documentAttributes')];
  for (const field of fields) {
    if (field.kind === 'file') refs.push(fileRef(field.value, `${field.at}.value.file`));
  }
  return refs;
}

function fileRef(value: unknown, at: string): FileRef {
  const raw = readObject(value, at);
  return {
    fileName: optionalString(raw.fileName, `${at}.fileName`) ?? '',
    documentId: optionalString(raw.documentId, `${at}.documentId`) ?? '',
  };
}

/** The guard's "not a ZIP" said for this format: a .1pux is one. */
function readingZip<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof CofferError && error.key === 'errZipNotZip') {
      throw new CofferError('err1puxNotZip');
    }
    throw error;
  }
}

/** An archive without export.data, named by what it holds instead. */
function noExportData(names: string[]): CofferError {
  if (names.includes(BITWARDEN_ZIP_DATA)) {
    return new CofferError('err1puxLooksLikeBitwardenZip');
  }
  const files = names.filter((name) => !name.endsWith('/'));
  if (files.length === 0) return new CofferError('err1puxNoData');
  const shown = files.slice(0, MAX_NAMES_SHOWN).map(describeValue);
  if (files.length > MAX_NAMES_SHOWN) shown.push('…');
  return new CofferError('err1puxHoldsInstead', {
    args: [files.length, shown.join(', ')],
  });
}

/** An item and the files it names. */
interface ReadItem {
  item: Item;
  files: FileRef[];
}

function readItem(
  value: unknown,
  n: number,
  folderId: string | null,
  ctx: ImportContext,
): ReadItem {
  return readingAt({ item: n }, () => {
    const raw = readObject(value, '');
    const overview = readObject(raw.overview ?? {}, 'overview');
    const title = blankToNull(optionalString(overview.title, 'overview.title'));
    return readingAt({ item: n, name: title ?? '' }, () =>
      readContents(raw, overview, title, folderId, ctx),
    );
  });
}

function readContents(
  raw: JsonObject,
  overview: JsonObject,
  title: string | null,
  folderId: string | null,
  ctx: ImportContext,
): ReadItem {
  const details = readObject(raw.details ?? {}, 'details');
  const urls = [
    optionalString(overview.url, 'overview.url'),
    ...optionalList(overview.urls, 'overview.urls').map((u, i) =>
      optionalString(readObject(u, `overview.urls[${i}]`).url, `overview.urls[${i}]`),
    ),
  ].filter((u, i, all): u is string => blankToNull(u) !== null && all.indexOf(u) === i);
  const fields = sectionFields(details.sections);
  const common: Common = {
    name: nameOrHost(title, urls[0]),
    notes: blankToNull(optionalString(details.notesPlain, 'details.notesPlain')),
    folderId,
    // favIndex is the item's place among the favourites; 0 means it is not one.
    favorite: typeof raw.favIndex === 'number' && raw.favIndex > 0,
    creationDate: seconds(raw.createdAt, 'createdAt'),
    revisionDate: seconds(raw.updatedAt, 'updatedAt'),
  };
  // Archived items are imported like the others: Coffer has no archive, and they are still the
  // user's.
  return {
    item: buildItem(byCategory(raw.categoryUuid, common, details, urls, fields), ctx),
    files: fileRefs(details, fields),
  };
}

function byCategory(
  category: unknown,
  common: Common,
  details: JsonObject,
  urls: string[],
  fields: SectionField[],
): LooseItem {
  switch (category) {
    case CATEGORY.login:
    case CATEGORY.password:
      return login(common, details, urls, fields);
    case CATEGORY.card:
      return card(common, fields);
    case CATEGORY.identity:
      return identity(common, fields);
    case CATEGORY.sshKey:
      return sshKey(common, fields) ?? note(common, fields);
    default:
      return note(common, fields);
  }
}

function login(
  common: Common,
  details: JsonObject,
  urls: string[],
  fields: SectionField[],
): LooseItem {
  const loginFields = optionalList(details.loginFields, 'details.loginFields').map((f, i) =>
    readObject(f, `details.loginFields[${i}]`),
  );
  const designated = (name: string) =>
    blankToNull(
      optionalString(loginFields.find((f) => f.designation === name)?.value, 'details.loginFields'),
    );
  const totp = fields.find((f) => f.kind === 'totp');
  const history = optionalList(details.passwordHistory, 'details.passwordHistory').flatMap(
    (h, i) => {
      const at = `details.passwordHistory[${i}]`;
      const entry = readObject(h, at);
      const password = blankToNull(optionalString(entry.value, at));
      return password === null ? [] : [{ password, lastUsedDate: seconds(entry.time, at) ?? '' }];
    },
  );
  return {
    type: 1,
    ...common,
    // Other login fields are the website's form fields (check boxes, …), not the user's data.
    login: {
      username: designated('username'),
      // Password items (category 005) keep theirs outside the form fields.
      password:
        designated('password') ?? blankToNull(optionalString(details.password, 'details.password')),
      totp: totp ? display(totp) : null,
      uris: urisOf(urls),
    },
    fields: customFields(fields.filter((f) => f !== totp)),
    passwordHistory: history.length > 0 ? history : null,
  };
}

function card(common: Common, fields: SectionField[]): LooseItem {
  const byId = (id: string) => fields.find((f) => f.id === id);
  const expiry = monthYear(byId('expiry')?.value);
  const type = byId('type');
  const brand = type ? display(type) : null;
  const used = ['cardholder', 'type', 'ccnum', 'cvv', ...(expiry ? ['expiry'] : [])];
  const value = (id: string) => {
    const field = byId(id);
    return field ? display(field) : null;
  };
  return {
    type: 3,
    ...common,
    card: {
      cardholderName: value('cardholder'),
      brand: brand === null ? null : (CARD_BRANDS.get(brand.toLowerCase()) ?? brand),
      number: value('ccnum'),
      code: value('cvv'),
      expMonth: expiry?.month ?? null,
      expYear: expiry?.year ?? null,
    },
    fields: customFields(fields.filter((f) => !used.includes(f.id))),
  };
}

function identity(common: Common, fields: SectionField[]): LooseItem {
  const identity: Record<string, string | null> = {};
  const rest: SectionField[] = [];
  for (const field of fields) {
    const name = IDENTITY_IDS.get(field.id);
    const address = field.id === 'address' ? asObject(field.value) : null;
    if (name !== undefined && !Object.hasOwn(identity, name)) {
      identity[name] = display(field);
    } else if (address !== null && identity.address1 === undefined) {
      identity.address1 = asText(address.street);
      identity.city = asText(address.city);
      identity.state = asText(address.state);
      identity.postalCode = asText(address.zip);
      identity.country = asText(address.country);
    } else {
      rest.push(field);
    }
  }
  return { type: 4, ...common, identity, fields: customFields(rest) };
}

function sshKey(common: Common, fields: SectionField[]): LooseItem | null {
  const keyField = fields.find((f) => f.kind === 'sshKey');
  const key = asObject(keyField?.value);
  if (keyField === undefined || key === null) return null;
  const metadata = asObject(key.metadata);
  return {
    type: 5,
    ...common,
    sshKey: {
      privateKey: asText(key.privateKey),
      publicKey: asText(metadata?.publicKey),
      keyFingerprint: asText(metadata?.fingerprint),
    },
    fields: customFields(fields.filter((f) => f !== keyField)),
  };
}

function note(common: Common, fields: SectionField[]): LooseItem {
  return { type: 2, ...common, fields: customFields(fields) };
}

function sectionFields(sections: unknown): SectionField[] {
  return optionalList(sections, 'details.sections').flatMap((section, s) => {
    const at = `details.sections[${s}]`;
    return optionalList(readObject(section, at).fields, `${at}.fields`).map((field, f) => {
      const raw = readObject(field, `${at}.fields[${f}]`);
      const [kind, value] = Object.entries(
        readObject(raw.value ?? {}, `${at}.fields[${f}].value`),
      )[0] ?? ['', null];
      return {
        at: `${at}.fields[${f}]`,
        id: optionalString(raw.id, `${at}.fields[${f}].id`) ?? '',
        title: optionalString(raw.title, `${at}.fields[${f}].title`) ?? '',
        kind,
        value,
      };
    });
  });
}

/** Section fields the item type has no place for. Secrets stay hidden; empty ones are dropped. */
function customFields(fields: SectionField[]): Field[] {
  return fields.flatMap((field) => {
    const value = blankToNull(display(field));
    if (value === null) return [];
    const hidden = field.kind === 'concealed' || field.kind === 'totp' || field.kind === 'sshKey';
    return [{ name: field.title || field.id, value, type: hidden ? 1 : 0, linkedId: null }];
  });
}

/** A field's value as the text a person would read in 1Password. */
function display(field: SectionField): string | null {
  const { kind, value } = field;
  if (kind === 'file' || kind === 'reference') return null; // attachments; links to other items
  if (kind === 'date' && typeof value === 'number') return dateOf(field, value);
  if (kind === 'monthYear') {
    const my = monthYear(value);
    return my ? `${my.month.padStart(2, '0')}/${my.year}` : null;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = asObject(value);
  if (inner === null) return null;
  if (kind === 'email' && typeof inner.email_address === 'string') return inner.email_address;
  if (kind === 'sshKey' && typeof inner.privateKey === 'string') return inner.privateKey;
  if (kind === 'address') {
    return [inner.street, inner.city, inner.state, inner.zip, inner.country]
      .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
      .join(', ');
  }
  // A kind this importer does not know: kept readable rather than lost.
  return JSON.stringify(value);
}

/** A date field (seconds since 1970) as YYYY-MM-DD; beyond what a Date holds is an error. */
function dateOf(field: SectionField, seconds: number): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) {
    throw new CofferError('err1puxDateOutOfRange', {
      args: [describeValue(seconds)],
      field: `${field.at}.value.date`,
    });
  }
  return date.toISOString().slice(0, 10);
}

/** 1Password writes expiry dates as the number YYYYMM. */
function monthYear(value: unknown): { month: string; year: string } | null {
  const digits = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
  const month = Number(digits.slice(4));
  if (!/^\d{6}$/.test(digits) || month < 1 || month > 12) return null;
  return { month: String(month), year: digits.slice(0, 4) };
}

// The structure is read strictly (untrusted-json.ts names what it refuses); a field's value is
// taken as far as it makes sense, as 1Password adds kinds over time.

function asObject(value: unknown): JsonObject | null {
  return isJsonObject(value) ? value : null;
}

function asText(value: unknown): string | null {
  return typeof value === 'string' ? blankToNull(value) : null;
}
