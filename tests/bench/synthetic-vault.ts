/**
 * A vault of any size made from a fixture's 22 plaintext items (every type, every field kind,
 * long notes, Unicode), each copy with its own id and name: the same plaintext feeds Coffer and
 * Bitwarden's SDK, so both export the same vault.
 */
import { readTruth, type Truth } from '../helpers/fixtures';

export interface SyntheticVault {
  truth: Truth;
  /** CipherView-shaped objects, as the fixture generator fed the SDK. */
  views: Record<string, unknown>[];
  folders: { id: string; name: string; revisionDate: string }[];
}

export function syntheticVault(count: number): SyntheticVault {
  const truth = readTruth('pbkdf2');
  const views = Array.from({ length: count }, (_, i) => {
    const base = truth.items[i % truth.items.length]!;
    return {
      ...structuredClone(base),
      id: crypto.randomUUID(),
      name: `${base.name as string} #${i}`,
    };
  });
  return { truth, views, folders: truth.folders };
}
