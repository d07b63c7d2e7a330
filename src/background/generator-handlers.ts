/**
 * The generator's history: kept as one EncString under the account key, outside the vault's
 * items (a value remembered is no vault write: the list and its snapshot stay as they are).
 * These run in the vault's turn (handlers.ts), so a rotation never re-encrypts the history while
 * a value is being added under the old key.
 */
import { decryptString, encryptString } from '@/src/crypto/aes-cbc-hmac';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError } from '@/src/errors/coffer-error';
import {
  MAX_GENERATED_LENGTH,
  parseGeneratorHistory,
  withGenerated,
  type GeneratedKind,
  type GeneratedValue,
} from '@/src/vault/generator-history';
import type { BackgroundContext } from './context';

/**
 * The history a stored record holds, under `key`; empty when there is none. A record that does
 * not decrypt or parse is said to be unreadable (clearing it is the way out), never read in part.
 */
export async function readGeneratorHistory(
  record: string | undefined,
  key: SymmetricKey,
): Promise<GeneratedValue[]> {
  if (record === undefined) return [];
  let json: string;
  try {
    json = await decryptString(record, key);
  } catch (cause) {
    throw new CofferError('errGeneratorHistoryUnreadable', { cause });
  }
  const history = parseGeneratorHistory(json);
  if (!history) throw new CofferError('errGeneratorHistoryUnreadable');
  return history;
}

export function createGeneratorHandlers(ctx: BackgroundContext) {
  const read = async (key: SymmetricKey) =>
    readGeneratorHistory(await ctx.store.getGeneratorHistory(), key);

  return {
    async generatorHistory(): Promise<GeneratedValue[]> {
      return read(await ctx.session.requireKey());
    },

    async rememberGenerated(params: {
      value: string;
      kind: GeneratedKind;
    }): Promise<GeneratedValue[]> {
      if (params.value === '' || params.value.length > MAX_GENERATED_LENGTH) {
        throw new CofferError('errGeneratedValue', {
          args: [MAX_GENERATED_LENGTH],
          field: 'value',
        });
      }
      const key = await ctx.session.requireKey();
      const next = withGenerated(await read(key), {
        value: params.value,
        kind: params.kind,
        date: ctx.now().toISOString(),
      });
      await ctx.store.putGeneratorHistory(await encryptString(JSON.stringify(next), key));
      return next;
    },

    async clearGeneratorHistory(): Promise<GeneratedValue[]> {
      // Unlocked only, as every other change to the vault; nothing needs reading to delete it.
      await ctx.session.requireKey();
      await ctx.store.putGeneratorHistory(null);
      return [];
    },
  };
}
