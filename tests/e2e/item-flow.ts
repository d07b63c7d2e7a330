/** Adding a vault item through the editor, by the words of ui.md, in Chromium and Firefox. */
import type { PopupDriver } from './popup-driver';

export interface ItemInput {
  type:
    | 'Login'
    | 'Secure note'
    | 'Card'
    | 'Identity'
    | 'SSH key'
    | 'Bank account'
    | "Driver's license"
    | 'Passport';
  name: string;
  /** Label → value, typed into the editor's fields. */
  fields: Record<string, string>;
  notes?: string;
}

/** Adds the item from the Vault tab and returns to the vault list. */
export async function addItem(popup: PopupDriver, item: ItemInput): Promise<void> {
  await popup.click('Vault', { role: 'tab' });
  await popup.click('New item');
  await popup.select('Type', item.type);
  await popup.fill('Name', item.name);
  for (const [label, value] of Object.entries(item.fields)) await popup.fill(label, value);
  if (item.notes) await popup.fill('Notes', item.notes);
  await popup.click('Save');
  // The saved item's view is headed by its name.
  await popup.waitFor(item.name, { role: 'heading' });
  await popup.click('Back');
}
