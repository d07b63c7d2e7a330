/** Everything the handlers need, passed in explicitly so tests can build it around fakes. */
import type { VaultStore } from '@/src/store/vault-store';
import type { Session } from './session';
import type { UnlockThrottle } from './unlock-throttle';
import type { VaultTimeout } from './vault-timeout';

export interface BackgroundContext {
  store: VaultStore;
  session: Session;
  throttle: UnlockThrottle;
  timeout: VaultTimeout;
  now(): Date;
  newId(): string;
}
