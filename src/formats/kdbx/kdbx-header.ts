/**
 * What a `.kdbx` asks of this computer, checked before any key is derived: its header names the
 * cipher and the KDF with its own settings, and an attacker's file could ask Argon2 for gigabytes
 * (allocated at once) or AES-KDF for hours of rounds. KeePassXC's defaults (64 MiB and a few
 * dozen Argon2 iterations, or its one-second AES-KDF benchmark) sit well inside these bounds.
 */
import { CofferError, type MessageKey } from '@/src/errors/coffer-error';
import { describeValue } from '@/src/errors/describe-value';
import { kdbxLibrary } from './kdbx-library';

/** The bounds a KeePass database's KDF must keep to (named in the refusal). */
export const KDBX_KDF_BOUNDS = {
  argon2MemoryMiB: [1, 1024],
  argon2Iterations: [1, 100],
  argon2Parallelism: [1, 64],
  aesRounds: [1, 100_000_000],
} as const satisfies Record<string, readonly [number, number]>;

/** KeePass's Twofish plug-in's cipher UUID (ad68f29f-576f-4bb9-a36a-d47af965346c). */
const TWOFISH = 'rWjyn1dvS7mjatR6+WU0bA==';

const MIB = 1024 * 1024;

export function checkKdbxHeader(bytes: Uint8Array): void {
  const kdbxweb = kdbxLibrary();
  const { Consts } = kdbxweb;
  let header: InstanceType<typeof kdbxweb.KdbxHeader>;
  try {
    const ctx = new kdbxweb.KdbxContext({ kdbx: new kdbxweb.Kdbx() });
    header = kdbxweb.KdbxHeader.read(new kdbxweb.BinaryStream(bytes.slice().buffer), ctx);
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

  const cipher = header.dataCipherUuid?.toString();
  if (cipher === TWOFISH) throw new CofferError('errKdbxTwofish');
  if (cipher !== Consts.CipherId.Aes && cipher !== Consts.CipherId.ChaCha20) {
    throw new CofferError('errKdbxCipherUnsupported');
  }

  if (header.versionMajor < 4) {
    check('kdfParamAesRounds', header.keyEncryptionRounds, KDBX_KDF_BOUNDS.aesRounds);
    return;
  }
  const params = header.kdfParameters;
  const kdf = bytesToBase64(params?.get('$UUID'));
  if (kdf === Consts.KdfId.Aes) {
    check('kdfParamAesRounds', numberOf(params!.get('R')), KDBX_KDF_BOUNDS.aesRounds);
    return;
  }
  if (kdf !== Consts.KdfId.Argon2d && kdf !== Consts.KdfId.Argon2id) {
    throw new CofferError('errFileKdfUnknown');
  }
  const memory = numberOf(params!.get('M'));
  check(
    'kdfParamKdbxArgon2Memory',
    // In MiB as the bounds are; a part of one counts as a whole.
    memory === undefined ? undefined : Math.ceil(memory / MIB),
    KDBX_KDF_BOUNDS.argon2MemoryMiB,
  );
  check(
    'kdfParamKdbxArgon2Iterations',
    numberOf(params!.get('I')),
    KDBX_KDF_BOUNDS.argon2Iterations,
  );
  check(
    'kdfParamKdbxArgon2Parallelism',
    numberOf(params!.get('P')),
    KDBX_KDF_BOUNDS.argon2Parallelism,
  );
}

function check(name: MessageKey, value: unknown, [min, max]: readonly [number, number]): void {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) {
    return;
  }
  const shown = typeof value === 'number' ? String(value) : describeValue(value);
  throw new CofferError('errFileKdfOutOfBounds', { args: [{ key: name }, min, max, shown] });
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
