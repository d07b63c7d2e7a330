/**
 * Drives Coffer's popup as a person would, by the words of ui.md: labels, button texts, tab
 * names. Every lookup is exact, so "Master password" never finds "Confirm master password".
 */
import type { Locator, Page } from 'playwright-core';
import { CLICKABLE_ROLES, type ClickOptions, type PopupDriver } from './popup-driver';

export const MASTER_PASSWORD = 'correct horse battery staple';

export interface ItemInput {
  type: 'Login' | 'Secure note' | 'Card' | 'Identity' | 'SSH key';
  name: string;
  /** Label → value, typed into the editor's fields. */
  fields: Record<string, string>;
  notes?: string;
}

export class PopupPage implements PopupDriver {
  constructor(readonly page: Page) {}

  async fill(label: string, value: string): Promise<void> {
    await this.field(label).fill(value);
  }

  async click(name: string, options: ClickOptions = {}): Promise<void> {
    const scope = options.within ? this.page.locator(options.within) : this.page;
    const roles = options.role ? [options.role] : CLICKABLE_ROLES;
    const controls = roles
      .map((role) => scope.getByRole(role, { name, exact: true }))
      .reduce((all: Locator, one) => all.or(one));
    await controls.click();
  }

  async select(label: string, option: string): Promise<void> {
    await this.field(label).selectOption({ label: option });
  }

  async chooseFile(label: string, filePath: string): Promise<void> {
    await this.field(label).setInputFiles(filePath);
  }

  async openItem(name: string): Promise<void> {
    await this.page
      .getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}`) })
      .first()
      .click();
  }

  async waitForText(pattern: RegExp, role?: 'status' | 'alert', timeout = 60_000): Promise<string> {
    const scope = role ? this.page.getByRole(role) : this.page.locator('body');
    const match = scope.filter({ hasText: pattern }).first();
    await match.waitFor({ timeout });
    return (await match.textContent()) ?? '';
  }

  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  button(name: string) {
    return this.page.getByRole('button', { name, exact: true });
  }

  async createAccount(
    email: string,
    kdf: {
      algorithm: 'PBKDF2 SHA-256' | 'Argon2id';
      iterations?: string;
      memory?: string;
      parallelism?: string;
    } = {
      algorithm: 'PBKDF2 SHA-256',
    },
    password = MASTER_PASSWORD,
  ): Promise<void> {
    await this.field('Email address').fill(email);
    await this.field('Master password').fill(password);
    await this.field('Confirm master password').fill(password);
    await this.field('KDF algorithm').selectOption({ label: kdf.algorithm });
    if (kdf.iterations || kdf.memory || kdf.parallelism) {
      await this.page.getByText('Advanced', { exact: true }).click();
      if (kdf.iterations) await this.field('KDF iterations').fill(kdf.iterations);
      if (kdf.memory) await this.field('KDF memory (MiB)').fill(kdf.memory);
      if (kdf.parallelism) await this.field('KDF parallelism').fill(kdf.parallelism);
    }
    await this.button('Create account').click();
    await this.button('New item').waitFor({ timeout: 60_000 });
  }

  async addItem(item: ItemInput): Promise<void> {
    await this.page.getByRole('tab', { name: 'Vault', exact: true }).click();
    await this.button('New item').click();
    await this.field('Type').selectOption({ label: item.type });
    await this.field('Name').fill(item.name);
    for (const [label, value] of Object.entries(item.fields)) await this.field(label).fill(value);
    if (item.notes) await this.field('Notes').fill(item.notes);
    await this.button('Save').click();
    await this.page.getByRole('heading', { name: item.name, exact: true }).waitFor();
    await this.button('Back').click();
  }

  async lock(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Settings', exact: true }).click();
    await this.button('Lock now').click();
    await this.button('Unlock').waitFor();
  }

  async unlock(password = MASTER_PASSWORD): Promise<void> {
    await this.field('Master password').fill(password);
    await this.button('Unlock').click();
  }

  /** The names of the items the vault list shows. */
  async itemNames(): Promise<string[]> {
    await this.page.getByRole('tab', { name: 'Vault', exact: true }).click();
    await this.page.locator('.item-list, .empty').first().waitFor();
    return this.page.locator('.item-list .item-name').allTextContents();
  }

  /** Opens an item and returns its label → value pairs as the item view shows them. */
  async readItem(name: string): Promise<Record<string, string>> {
    await this.page.getByRole('tab', { name: 'Vault', exact: true }).click();
    await this.page.getByRole('button', { name }).first().click();
    await this.page.getByRole('heading', { name, exact: true }).waitFor();
    // Each "Show" becomes "Hide" once pressed, so always press the first one left.
    const show = this.page.locator('.value-row').getByRole('button', { name: 'Show', exact: true });
    while ((await show.count()) > 0) await show.first().click();
    const rows = await this.page.locator('.value-row').all();
    const out: Record<string, string> = {};
    for (const row of rows) {
      const label = (await row.locator('dt').textContent()) ?? '';
      out[label] = (await row.locator('dd .value').textContent()) ?? '';
    }
    await this.button('Back').click();
    return out;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
