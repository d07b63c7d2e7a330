/**
 * The import preview's words for what an update keeps of the vault's item (item-merge.ts):
 * "Example login: keeps 1 passkey, hidden field type of “PIN”".
 */
import type { KeptData, ValueName } from '@/src/vault/item-merge';
import type { UpdateNote } from '@/src/vault/import-plan';
import { t, tCount, type MessageKey } from './i18n';
import { RECORD_LABELS } from './item-fields';

const FIELD_TYPE_WORDS = {
  hidden: 'keptHiddenFieldType',
  checkbox: 'keptCheckboxFieldType',
  linked: 'keptLinkedFieldType',
} as const satisfies Record<string, MessageKey>;

/** One line of the preview's list of updates. */
export function updateNoteText(note: UpdateNote): string {
  const name = note.name || t('noName');
  return note.kept.length === 0
    ? name
    : t('previewUpdateKeeps', name, note.kept.map(keptText).join(', '));
}

function keptText(kept: KeptData): string {
  switch (kept.kind) {
    case 'passkeys':
      return tCount('keptPasskeys', kept.count, kept.count);
    case 'passwordHistory':
      return tCount('keptPasswordHistory', kept.count, kept.count);
    case 'previousPassword':
      return t('keptPreviousPassword');
    case 'customFields':
      return tCount(
        'keptCustomFields',
        kept.names.length,
        kept.names.map((name) => `“${name}”`).join(', '),
      );
    case 'fieldType':
      return t(FIELD_TYPE_WORDS[kept.fieldType], kept.field);
    case 'fieldValue':
      return t('keptFieldValue', kept.field);
    case 'uriMatch':
      return tCount('keptUriMatch', kept.count, kept.count);
    case 'uris':
      return tCount('keptUris', kept.count, kept.count);
    case 'valueCleared':
      return t('keptValue', t(VALUE_LABELS[kept.field]));
  }
}

const VALUE_LABELS: Record<ValueName, MessageKey> = {
  notes: 'notes',
  folder: 'folder',
  'login.username': 'username',
  'login.password': 'password',
  'login.totp': 'totp',
  ...prefixed('card', RECORD_LABELS.card),
  ...prefixed('identity', RECORD_LABELS.identity),
  ...prefixed('sshKey', RECORD_LABELS.sshKey),
  ...prefixed('bankAccount', RECORD_LABELS.bankAccount),
  ...prefixed('driversLicense', RECORD_LABELS.driversLicense),
  ...prefixed('passport', RECORD_LABELS.passport),
};

function prefixed<P extends string, K extends string>(
  prefix: P,
  labels: Record<K, MessageKey>,
): Record<`${P}.${K}`, MessageKey> {
  return Object.fromEntries(
    Object.entries(labels).map(([key, label]) => [`${prefix}.${key}`, label]),
  ) as Record<`${P}.${K}`, MessageKey>;
}
