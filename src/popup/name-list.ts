/** Names in a sentence (Verify backup's differences): the first few, and how many more. */
import { t } from './i18n';

/** Names shown per difference; the rest are counted, so a long list stays one line. */
const NAMES_SHOWN = 5;

export function nameList(names: readonly string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  return names.length > NAMES_SHOWN ? t('andMore', shown, names.length - NAMES_SHOWN) : shown;
}
