import { describe, expect, it } from 'vitest';
import { decryptBytes } from '@/src/crypto/aes-cbc-hmac';
import { startEncryptStream } from '@/src/crypto/encrypt-stream';
import { randomBytes } from '@/src/crypto/random';
import { importSymmetricKey } from '@/src/crypto/symmetric-key';
import { randomInt } from '@/src/vault/password-generator';
import { pieceText } from '../helpers/file-pieces';
import { PureCrypto } from '../helpers/sdk';

const SEGMENT = 48 * 16_384;

describe('encrypting a large value in pieces', () => {
  it.each([0, 1, 15, 16, 17, SEGMENT - 1, SEGMENT, SEGMENT + 1, Math.floor(3.5 * SEGMENT)])(
    'gives one EncString of %i bytes that Coffer and the SDK decrypt',
    async (size) => {
      const keyBytes = randomBytes(64);
      const key = await importSymmetricKey(keyBytes);
      const data = randomBytes(size);
      const pieces: string[] = [];
      const stream = await startEncryptStream(key, (piece) => pieces.push(pieceText(piece)));
      for (let offset = 0; offset < size;) {
        const piece = Math.min(size - offset, 1 + randomInt(200_000));
        await stream.write(data.subarray(offset, offset + piece));
        offset += piece;
      }
      await stream.finish();
      const text = pieces.join('');
      expect(Buffer.from(await decryptBytes(text, key)).equals(Buffer.from(data))).toBe(true);
      expect(
        Buffer.from(PureCrypto.symmetric_decrypt_bytes(text, keyBytes)).equals(Buffer.from(data)),
      ).toBe(true);
    },
  );
});
