/**
 * Issue 13 in the popup: archiving moves an item out of the main list into the Archive filter and
 * back, and the new item types are made and shown with their fields as ui.md words them.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { App } from '@/src/popup/App';
import { createUnlockedBackground } from '../helpers/background';
import { sampleDrafts } from '../helpers/items';
import { chooseOption, click, field, type } from '../helpers/popup-view';

const itemButton = (name: string) => screen.findByRole('button', { name: new RegExp(`^${name}`) });

describe('archive in the popup', () => {
  it('moves an item to the Archive filter and back', async () => {
    const { client } = await createUnlockedBackground();
    const card = await client.saveItem({ item: sampleDrafts()[2]! });
    render(<App client={client} />);
    fireEvent.click(await itemButton(card.name));
    fireEvent.click(await screen.findByRole('button', { name: 'Archive' }));
    await screen.findByRole('button', { name: 'Unarchive' });
    click('Back');
    await screen.findByText('No items match.');
    expect(screen.queryByRole('button', { name: new RegExp(`^${card.name}`) })).toBeNull();

    chooseOption('Filter by folder', 'Archive');
    fireEvent.click(await itemButton(card.name));
    fireEvent.click(await screen.findByRole('button', { name: 'Unarchive' }));
    await screen.findByRole('button', { name: 'Archive' });
    click('Back');
    chooseOption('Filter by folder', 'All items');
    await itemButton(card.name);
  });
});

describe('bank accounts, driver’s licenses and passports in the popup', () => {
  it('a passport is made with a date input, saved, and shown with its number hidden', async () => {
    const { client } = await createUnlockedBackground();
    render(<App client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'New item' }));
    await screen.findByRole('heading', { name: 'New item' });
    chooseOption('Type', 'Passport');
    type('Name', 'My passport');
    type('Surname', 'Mustermann');
    type('Given name', 'Erika');
    type('Passport number', 'C01X00T47');
    expect((field('Expiration date') as HTMLInputElement).type).toBe('date');
    type('Expiration date', '2031-08-01');
    click('Save');
    await screen.findByRole('heading', { name: 'My passport' });
    // Hidden until shown: the number is not in the page.
    expect(screen.queryByText('C01X00T47')).toBeNull();
    expect(screen.getByText('Mustermann')).toBeTruthy();

    const { items } = await client.listVault();
    expect(items).toMatchObject([{ name: 'My passport', type: 8, subtitle: 'Erika Mustermann' }]);
    const saved = await client.getItem({ id: items[0]!.id });
    expect(saved).toMatchObject({
      type: 8,
      passport: {
        surname: 'Mustermann',
        givenName: 'Erika',
        passportNumber: 'C01X00T47',
        expirationDate: '2031-08-01',
        sex: null,
      },
    });
  });

  it('a date a file wrote in another shape is edited as text, not lost', async () => {
    const { client } = await createUnlockedBackground();
    const license = await client.saveItem({
      item: {
        ...sampleDrafts()[2]!,
        type: 7,
        name: 'License',
        driversLicense: {
          firstName: 'Ann',
          middleName: null,
          lastName: 'Lee',
          dateOfBirth: '1990-02-03',
          licenseNumber: 'D123',
          issuingCountry: 'US',
          issuingState: 'CA',
          issueDate: null,
          expirationDate: '08/2031',
          issuingAuthority: null,
          licenseClass: 'C',
        },
      } as never,
    });
    render(<App client={client} />);
    fireEvent.click(await itemButton(license.name));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await screen.findByRole('heading', { name: 'Edit item' });
    expect((field('Expiration date') as HTMLInputElement).type).toBe('text');
    expect((field('Expiration date') as HTMLInputElement).value).toBe('08/2031');
    expect((field('Date of birth') as HTMLInputElement).type).toBe('date');
    click('Save');
    await waitFor(async () =>
      expect(await client.getItem({ id: license.id })).toMatchObject({
        driversLicense: { expirationDate: '08/2031', dateOfBirth: '1990-02-03' },
      }),
    );
  });
});
