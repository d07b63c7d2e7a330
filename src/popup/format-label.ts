/** A format's label from the registry, in the reader's language when it is words. */
import type { FormatLabel } from '@/src/formats/registry';
import { t } from './i18n';

export function formatLabel(label: FormatLabel): string {
  return 'key' in label ? t(label.key) : label.text;
}
