/** The one dependency every view needs: the typed client of the background's VaultApi. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { VaultClient } from '@/src/protocol/vault-api';

export const VaultClientContext = createContext<VaultClient | null>(null);

export function useVaultClient(): VaultClient {
  const client = useContext(VaultClientContext);
  if (!client) throw new Error('useVaultClient needs a VaultClientContext.Provider above it');
  return client;
}
