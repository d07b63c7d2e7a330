/**
 * The background's answer to every VaultApi method. `satisfies` makes a missing or mistyped
 * handler a compile error, and the spread of the groups reads as the list of what the
 * background can do.
 */
import type { Handlers, VaultApi } from '@/src/protocol/vault-api';
import { createAccountHandlers } from './account-handlers';
import type { BackgroundContext } from './context';
import { createExportHandlers } from './export-handlers';
import { createImportHandlers } from './import-handlers';
import { createItemHandlers } from './item-handlers';
import { createSettingsHandlers } from './settings-handlers';

export function createHandlers(ctx: BackgroundContext): Handlers<VaultApi> {
  return {
    ...createAccountHandlers(ctx),
    ...createItemHandlers(ctx),
    ...createExportHandlers(ctx),
    ...createImportHandlers(ctx),
    ...createSettingsHandlers(ctx),
  } satisfies Handlers<VaultApi>;
}
