/** A new, empty item of each type, as the editor starts it. */
import { RECORD_FIELDS, recordKindOf, type Item, type ItemType } from './item';

type Draft = Item extends infer I
  ? I extends unknown
    ? Omit<I, 'id' | 'revisionDate' | 'creationDate'>
    : never
  : never;

export function emptyDraft(type: ItemType, folderId: string | null = null): Draft {
  const base = {
    folderId,
    organizationId: null,
    collectionIds: null,
    name: '',
    notes: null,
    favorite: false,
    reprompt: 0 as const,
    passwordHistory: null,
    deletedDate: null,
  };
  switch (type) {
    case 1:
      return {
        ...base,
        type,
        login: {
          username: null,
          password: null,
          totp: null,
          uris: [{ uri: '', match: null }],
          fido2Credentials: [],
        },
      };
    case 2:
      return { ...base, type, secureNote: { type: 0 } };
    default: {
      const kind = recordKindOf(type)!;
      return { ...base, type, [kind]: nulls(RECORD_FIELDS[kind]) } as Draft;
    }
  }
}

/** Moves what all types share (name, notes, folder, flags, custom fields) to another type. */
export function changeDraftType<D extends Draft>(draft: D, type: ItemType): Draft {
  const next = emptyDraft(type, draft.folderId);
  const { name, notes, favorite, reprompt, fields } = draft;
  return { ...next, name, notes, favorite, reprompt, ...(fields ? { fields } : {}) };
}

function nulls(names: readonly string[]): Record<string, null> {
  return Object.fromEntries(names.map((n) => [n, null]));
}
