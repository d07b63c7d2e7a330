/**
 * What a `.kdbx` asks of this computer, checked before any key is derived: its header names the
 * cipher and the KDF with its own settings, and an attacker's file could ask Argon2 for gigabytes
 * (allocated at once) or AES-KDF for hours of rounds. KeePassXC's defaults (64 MiB and a few
 * dozen Argon2 iterations, or its one-second AES-KDF benchmark) sit well inside these bounds.
 */
import { checkFileKdfParameter } from '@/src/crypto/kdf-bounds';
import { KEEPASS_ARGON2_BOUNDS } from '@/src/crypto/keepass-argon2';
import { CofferError } from '@/src/errors/coffer-error';
import { kdbxLibrary } from './kdbx-library';

/** The bounds a KeePass database's KDF must keep to (named in the refusal). */
const KDBX_KDF_BOUNDS = {
  argon2MemoryMiB: KEEPASS_ARGON2_BOUNDS.memoryMiB,
  argon2Iterations: KEEPASS_ARGON2_BOUNDS.iterations,
  argon2Parallelism: KEEPASS_ARGON2_BOUNDS.parallelism,
  aesRounds: [1, 100_000_000],
} as const satisfies Record<string, readonly [number, number]>;

/** KeePass's Twofish plug-in's cipher UUID (ad68f29f-576f-4bb9-a36a-d47af965346c). */
const TWOFISH = 'rWjyn1dvS7mjatR6+WU0bA==';

const MIB = 1024 * 1024;

export function checkKdbxHeader(bytes: Uint8Array): void {
  const kdbxweb = kdbxLibrary();
  const { Consts } = kdbxweb;
  let header: InstanceType<typeof kdbxweb.KdbxHeader>;
  let headerEnd: number;
  try {
    const ctx = new kdbxweb.KdbxContext({ kdbx: new kdbxweb.Kdbx() });
    // The header is only read: the file's own buffer serves when the bytes fill it (no copy of
    // a database of many megabytes to read its first few hundred bytes).
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const stream = new kdbxweb.BinaryStream(
      whole ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer,
    );
    header = kdbxweb.KdbxHeader.read(stream, ctx);
    headerEnd = stream.pos;
  } catch (error) {
    if (error instanceof kdbxweb.KdbxError) {
      if (error.code === Consts.ErrorCodes.BadSignature) throw new CofferError('errKdbxNotKdbx');
      if (error.code === Consts.ErrorCodes.InvalidVersion) throw new CofferError('errKdbxVersion');
      if (error.code === Consts.ErrorCodes.Unsupported) {
        throw new CofferError('errKdbxUnsupported', { args: [error.message] });
      }
    }
    // The header ends before its end marker, or a field's length runs past the file.
    throw new CofferError('errKdbxTruncated', { cause: error });
  }

  if (endsTooSoon(bytes, headerEnd, header.versionMajor)) throw new CofferError('errKdbxTruncated');

  const cipher = header.dataCipherUuid?.toString();
  if (cipher === TWOFISH) throw new CofferError('errKdbxTwofish');
  if (cipher !== Consts.CipherId.Aes && cipher !== Consts.CipherId.ChaCha20) {
    throw new CofferError('errKdbxCipherUnsupported');
  }

  if (header.versionMajor < 4) {
    checkFileKdfParameter(
      'kdfParamAesRounds',
      header.keyEncryptionRounds,
      KDBX_KDF_BOUNDS.aesRounds,
    );
    return;
  }
  const params = header.kdfParameters;
  const kdf = bytesToBase64(params?.get('$UUID'));
  if (kdf === Consts.KdfId.Aes) {
    checkFileKdfParameter(
      'kdfParamAesRounds',
      numberOf(params!.get('R')),
      KDBX_KDF_BOUNDS.aesRounds,
    );
    return;
  }
  if (kdf !== Consts.KdfId.Argon2d && kdf !== Consts.KdfId.Argon2id) {
    throw new CofferError('errFileKdfUnknown');
  }
  const memory = numberOf(params!.get('M'));
  checkFileKdfParameter(
    'kdfParamKdbxArgon2Memory',
    // In MiB as the bounds are; a part of one counts as a whole.
    memory === undefined ? undefined : Math.ceil(memory / MIB),
    KDBX_KDF_BOUNDS.argon2MemoryMiB,
  );
  checkFileKdfParameter(
    'kdfParamKdbxArgon2Iterations',
    numberOf(params!.get('I')),
    KDBX_KDF_BOUNDS.argon2Iterations,
  );
  checkFileKdfParameter(
    'kdfParamKdbxArgon2Parallelism',
    numberOf(params!.get('P')),
    KDBX_KDF_BOUNDS.argon2Parallelism,
  );
}

/** SHA-256 of the header, then its HMAC (KDBX 4). */
const HEADER_HASHES = 64;
/** Each KDBX 4 block: its HMAC-SHA-256 and its length, then its bytes; a block of 0 ends them. */
const BLOCK_HEAD = 36;
const AES_BLOCK = 16;

/**
 * Whether the file stops before its data does: KDBX 4's blocks must reach their empty last block,
 * and KDBX 3's data is whole cipher blocks. Said as such, rather than as a wrong password or a
 * damaged block, which is how decrypting a file cut short would fail.
 */
function endsTooSoon(bytes: Uint8Array, headerEnd: number, version: number): boolean {
  if (version < 4) {
    const data = bytes.length - headerEnd;
    return data <= 0 || data % AES_BLOCK !== 0;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = headerEnd + HEADER_HASHES;
  for (;;) {
    if (offset + BLOCK_HEAD > bytes.length) return true;
    const length = view.getUint32(offset + 32, true);
    offset += BLOCK_HEAD + length;
    if (offset > bytes.length) return true;
    if (length === 0) return false;
  }
}

/** A VarDictionary number (UInt32, or UInt64 as kdbxweb's Int64) as a JavaScript number. */
function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && 'hi' in value && 'lo' in value) {
    const { hi, lo } = value as { hi: number; lo: number };
    return hi * 2 ** 32 + lo;
  }
  return undefined;
}

function bytesToBase64(value: unknown): string | undefined {
  if (!(value instanceof ArrayBuffer)) return undefined;
  return kdbxLibrary().ByteUtils.bytesToBase64(value);
}
