/**
 * Every screen of the unlocked popup in one table: the tab it belongs to, where Back leads, and
 * the view it shows. The table is typed over the `Screen` union, so a new screen without its
 * tab, back target or view does not compile, and the App renders whatever the table says.
 */
import type { JSX } from 'preact';
import type { VaultStatus } from '@/src/protocol/vault-api';
import type { Folder } from '@/src/vault/item';
import { openFileView } from './open-file-view';
import type { Screen } from './screens';
import { ChangeMasterPasswordView } from './views/ChangeMasterPasswordView';
import { ExportVaultView } from './views/ExportVaultView';
import { FoldersView } from './views/FoldersView';
import { GeneratorView } from './views/GeneratorView';
import { ImportDataView } from './views/ImportDataView';
import { ItemEditorView } from './views/ItemEditorView';
import { ItemView } from './views/ItemView';
import { RotateKeyView } from './views/RotateKeyView';
import { SettingsView } from './views/SettingsView';
import { VaultView, type VaultFilter } from './views/VaultView';
import { VerifyBackupView } from './views/VerifyBackupView';

export type Tab = 'vault' | 'settings';

/** What a screen's view may use besides its own screen's data. */
export interface ScreenContext {
  go(screen: Screen): void;
  /** Where Back leads from the current screen (the table's `back`). */
  back(): void;
  folders: Folder[];
  refreshFolders(): Promise<void>;
  filter: VaultFilter;
  setFilter(filter: VaultFilter): void;
  onStatus(status: VaultStatus): void;
}

type ScreenNamed<N extends Screen['name']> = Extract<Screen, { name: N }>;

interface ScreenEntry<S extends Screen> {
  tab: Tab;
  /** The screen Back leads to; null for the tabs' own first screens. */
  back: ((screen: S) => Screen) | null;
  /** Whether the backup reminder shows above the view. */
  reminder?: boolean;
  view(screen: S, ctx: ScreenContext): JSX.Element;
}

export type ScreenTable = { [N in Screen['name']]: ScreenEntry<ScreenNamed<N>> };

const VAULT: Screen = { name: 'vault' };
const SETTINGS: Screen = { name: 'settings' };

export const SCREENS: ScreenTable = {
  vault: {
    tab: 'vault',
    back: null,
    reminder: true,
    view: (_, ctx) => (
      <VaultView
        folders={ctx.folders}
        filter={ctx.filter}
        onFilterChange={ctx.setFilter}
        onOpenItem={(id) => ctx.go({ name: 'item', id })}
        onNewItem={(folderId) => ctx.go({ name: 'edit', id: null, folderId })}
        onImport={() => void openFileView('import', ctx.go)}
        onGenerator={() => ctx.go({ name: 'generator' })}
      />
    ),
  },
  generator: {
    tab: 'vault',
    back: () => VAULT,
    view: (_, ctx) => <GeneratorView onBack={ctx.back} />,
  },
  item: {
    tab: 'vault',
    back: () => VAULT,
    view: (screen, ctx) => (
      <ItemView
        id={screen.id}
        folders={ctx.folders}
        onBack={ctx.back}
        onEdit={(id) => ctx.go({ name: 'edit', id })}
        onDeleted={() => ctx.go(VAULT)}
      />
    ),
  },
  edit: {
    tab: 'vault',
    back: (screen) => (screen.id ? { name: 'item', id: screen.id } : VAULT),
    view: (screen, ctx) => (
      <ItemEditorView
        id={screen.id}
        folders={ctx.folders}
        defaultFolderId={screen.folderId ?? null}
        onSaved={(id) => ctx.go({ name: 'item', id })}
        onCancel={ctx.back}
      />
    ),
  },
  settings: {
    tab: 'settings',
    back: null,
    reminder: true,
    view: (_, ctx) => <SettingsView onNavigate={ctx.go} onStatus={ctx.onStatus} />,
  },
  folders: {
    tab: 'settings',
    back: () => SETTINGS,
    view: (_, ctx) => (
      <FoldersView folders={ctx.folders} onChanged={ctx.refreshFolders} onBack={ctx.back} />
    ),
  },
  export: {
    tab: 'settings',
    back: () => SETTINGS,
    view: (screen, ctx) => (
      <ExportVaultView
        folders={ctx.folders}
        passwordProtected={screen.passwordProtected ?? false}
        onBack={ctx.back}
      />
    ),
  },
  import: {
    tab: 'settings',
    back: () => SETTINGS,
    view: (_, ctx) => (
      <ImportDataView onBack={ctx.back} onImported={() => void ctx.refreshFolders()} />
    ),
  },
  verify: {
    tab: 'settings',
    back: () => SETTINGS,
    view: (_, ctx) => <VerifyBackupView onBack={ctx.back} />,
  },
  'rotate-key': {
    tab: 'settings',
    back: () => SETTINGS,
    view: (_, ctx) => (
      <RotateKeyView
        onBack={ctx.back}
        onExportNow={() => ctx.go({ name: 'export', passwordProtected: true })}
      />
    ),
  },
  'change-password': {
    tab: 'settings',
    back: () => SETTINGS,
    view: (_, ctx) => <ChangeMasterPasswordView onBack={ctx.back} />,
  },
};

/** The table's entry for a screen, typed for that screen. */
function entryOf<S extends Screen>(screen: S): ScreenEntry<S> {
  return SCREENS[screen.name] as unknown as ScreenEntry<S>;
}

export function tabOf(screen: Screen): Tab {
  return entryOf(screen).tab;
}

export function backOf(screen: Screen): Screen {
  return entryOf(screen).back?.(screen) ?? screen;
}

export function hasReminder(screen: Screen): boolean {
  return entryOf(screen).reminder === true;
}

export function renderScreen(screen: Screen, ctx: ScreenContext): JSX.Element {
  return entryOf(screen).view(screen, ctx);
}
