/**
 * Issue 13 in the built popup, driven by the words of ui.md's last section: bank accounts,
 * driver's licenses and passports made and read back, a login's live verification code, and an
 * item archived out of the main list into the Archive filter and back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createAccount } from './account-flow';
import { addItem, type ItemInput } from './item-flow';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';

const ITEMS: ItemInput[] = [
  {
    type: 'Bank account',
    name: 'Checking',
    fields: {
      'Bank name': 'Example Bank',
      'Name on account': 'Ann Lee',
      'Account number': '000123456789',
      PIN: '4321',
      IBAN: 'DE89370400440532013000',
    },
  },
  {
    type: "Driver's license",
    name: 'License',
    fields: {
      'First name': 'Ann',
      'Last name': 'Lee',
      'License number': 'D1234567',
      'Date of birth': '1990-02-03',
      'License class': 'C',
    },
  },
  {
    type: 'Passport',
    name: 'Passport',
    fields: {
      Surname: 'Mustermann',
      'Given name': 'Erika',
      'Passport number': 'C01X00T47',
      'National identification number': 'T22000129',
      'Expiration date': '2027-10-30',
    },
  },
  {
    type: 'Login',
    name: 'With a code',
    fields: { Username: 'ann', 'Authenticator key (TOTP)': 'JBSWY3DPEHPK3PXP' },
  },
];

describe('new item kinds, archive and live codes in Chromium', () => {
  const sessions: ExtensionSession[] = [];
  afterAll(async () => {
    for (const s of sessions) await s.close().catch(() => undefined);
  });

  it('makes and shows each new kind, shows a live code, and archives an item', async () => {
    const session = await launchExtension();
    sessions.push(session);
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'kinds.user@example.com');
    for (const item of ITEMS) await addItem(popup, item);

    expect(await popup.readItem('Checking')).toMatchObject({
      'Bank name': 'Example Bank',
      'Account number': '000123456789',
      PIN: '4321',
      IBAN: 'DE89370400440532013000',
    });
    const license = await popup.readItem('License');
    expect(license).toMatchObject({ 'License number': 'D1234567', 'License class': 'C' });
    expect(license['Date of birth']).toMatch(/1990/);
    const passport = await popup.readItem('Passport');
    expect(passport).toMatchObject({
      Surname: 'Mustermann',
      'Passport number': 'C01X00T47',
      'National identification number': 'T22000129',
    });
    expect(passport['Expiration date']).toMatch(/2027/);

    // The live code: its label as ui.md words it, six digits in two groups, and its copy button.
    await popup.openItem('With a code');
    await popup.waitForText(/^Verification code \(TOTP\)$/);
    expect(await popup.waitForText(/^\d{3} \d{3}$/)).toMatch(/^\d{3} \d{3}$/);
    await popup.waitFor('Copy verification code (totp)');
    await popup.click('Back');

    await popup.openItem('Passport');
    await popup.click('Archive');
    await popup.waitFor('Unarchive');
    await popup.click('Back');
    expect((await popup.itemNames()).sort()).toEqual(['Checking', 'License', 'With a code']);
    await popup.select('Filter by folder', 'Archive');
    await popup.openItem('Passport');
    await popup.click('Unarchive');
    await popup.waitFor('Archive');
    await popup.click('Back');
    await popup.select('Filter by folder', 'All items');
    expect((await popup.itemNames()).sort()).toEqual([
      'Checking',
      'License',
      'Passport',
      'With a code',
    ]);
  });
});
