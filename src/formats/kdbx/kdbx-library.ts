/**
 * kdbxweb (KeePass's `.kdbx` reader and writer, the library Bitwarden's importer uses) made ready
 * for Coffer, once, wherever a `.kdbx` is read or written:
 * - Argon2d/Argon2id come from hash-wasm, as Coffer's own KDF does (kdbxweb has none built in),
 *   through the `derive` of the database being opened or saved (`withKdbxDerive`): the
 *   background's runs it in a Worker, which the popup can cancel. A database's Argon2 may ask for
 *   1 GiB and 100 iterations, minutes of WebAssembly that would otherwise hold the background's
 *   one thread, so that nothing else (a lock among them) is answered;
 * - every database's XML is read, made and written with xmldom (below), and refused before
 *   parsing if it declares a document type or an entity. KeePass never writes one; a DTD is the
 *   only way to an external entity (a file or URL fetched while parsing) or to an entity that
 *   expands a billion times, and no parser must ever be handed either.
 */
import * as kdbxweb from 'kdbxweb';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import type { DeriveKdfMaterial } from '@/src/crypto/file-key';
import { deriveFileKdf } from '@/src/crypto/keepass-argon2';
import { CofferError } from '@/src/errors/coffer-error';

/** Argon2's version 1.3 (0x13): the only one hash-wasm computes, and what KeePass writes. */
const ARGON2_VERSION_13 = 0x13;

/**
 * Throws if the XML declares a document type or an entity (reasons above). Text inside KeePass's
 * elements is escaped (`&lt;!DOCTYPE`), so a raw `<!` of either kind anywhere is markup.
 */
function refuseDocumentType(xml: string): void {
  // An external DTD is fetched like an external entity.
  if (/<!(DOCTYPE|ENTITY)[^>[]*\s(SYSTEM|PUBLIC)[\s"']/i.test(xml)) {
    throw new CofferError('errKdbxXmlExternalEntity');
  }
  if (/<!ENTITY/i.test(xml)) throw new CofferError('errKdbxXmlEntityExpansion');
  if (/<!DOCTYPE/i.test(xml)) throw new CofferError('errKdbxXmlDoctype');
}

/** The characters XML 1.0 forbids (§2.2) but KeePass files sometimes hold: dropped, as KeePass does. */
// eslint-disable-next-line no-control-regex -- these control characters are what it removes
const FORBIDDEN_IN_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F]/g;

function parseKeePassXml(text: string): Document {
  refuseDocumentType(text);
  // Warnings too, as kdbxweb's own parse has it: a tag left open is one, and KeePass's XML has none.
  const fail = (message: unknown) => {
    throw new CofferError('errKdbxXmlInvalid', { cause: message });
  };
  const parser = new DOMParser({
    errorHandler: { warning: fail, error: fail, fatalError: fail },
  });
  const doc = parser.parseFromString(text.replace(FORBIDDEN_IN_XML, ''), 'application/xml');
  if (!doc.documentElement) fail('no root element');
  return doc as unknown as Document;
}

let ready = false;

/**
 * kdbxweb's Argon2 is one function for every database, so the databases that derive a key take
 * turns, each with its own `derive` in place for its turn (a preview and an export at once must
 * not cancel each other's). Outside a turn, a key is derived on this thread.
 */
let currentDerive: DeriveKdfMaterial = deriveFileKdf;
let lastTurn: Promise<unknown> = Promise.resolve();

/** Runs `work` (a database's opening or saving) with `derive` as its Argon2. */
export function withKdbxDerive<T>(
  derive: DeriveKdfMaterial | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const turn = lastTurn.then(async () => {
    currentDerive = derive ?? deriveFileKdf;
    try {
      return await work();
    } finally {
      currentDerive = deriveFileKdf;
    }
  });
  lastTurn = turn.catch(() => undefined);
  return turn;
}

/** kdbxweb with Argon2 and the XML guard in place. */
export function kdbxLibrary(): typeof kdbxweb {
  if (ready) return kdbxweb;
  kdbxweb.CryptoEngine.setArgon2Impl(
    async (password, salt, memory, iterations, length, parallelism, type, version) => {
      if (version !== ARGON2_VERSION_13) throw new CofferError('errKdbxArgon2Version');
      const bytes = await currentDerive(new Uint8Array(password), new Uint8Array(salt), {
        type: 'keepass-argon2',
        variant: type === kdbxweb.CryptoEngine.Argon2TypeArgon2id ? 'argon2id' : 'argon2d',
        // kdbxweb hands the memory in KiB, as hash-wasm takes it.
        memoryKiB: memory,
        iterations,
        parallelism,
        length,
      });
      return bytes.slice().buffer;
    },
  );
  // kdbxweb calls its XML module's functions through the module object, so these replacements
  // serve every database and XML key file it reads or writes. All of them use xmldom: kdbxweb
  // would take the page's own DOMParser where there is one (Firefox's background page, not
  // Chrome's service worker), and the same file must be read the same way everywhere. Its own
  // parse also deletes tab characters before parsing, which would change every note and password
  // holding one.
  const xml = kdbxweb.XmlUtils as {
    parse(text: string): Document;
    create(root: string): Document;
    serialize(doc: Document): string;
  };
  xml.parse = parseKeePassXml;
  xml.create = (root) =>
    parseKeePassXml(`<?xml version="1.0" encoding="utf-8" standalone="yes"?><${root}/>`);
  xml.serialize = (doc) => new XMLSerializer().serializeToString(doc as unknown as Node);
  ready = true;
  return kdbxweb;
}
