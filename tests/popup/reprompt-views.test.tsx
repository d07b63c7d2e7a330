import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { App } from '@/src/popup/App';
import { REPROMPT_GRANT_MS } from '@/src/background/reprompt-grants';
import { TEST_EMAIL, TEST_KDF, TEST_PASSWORD, createTestBackground } from '../helpers/background';
import { sampleDrafts } from '../helpers/items';
import { click, type } from '../helpers/popup-view';

const GATE_TEXT = 'This item is protected: enter your master password to see and copy its secrets.';

/**
 * A re-prompt note saved in a vault whose clock the test moves, opened in the popup and its
 * master password confirmed: its secret is shown. With `grantLapsed`, the background's own grant
 * from saving it has run out before it is opened.
 */
async function openConfirmedNote({ grantLapsed = false } = {}) {
  const clock = { now: Date.now() };
  const { client } = await createTestBackground({ now: () => new Date(clock.now) });
  await client.createAccount({ email: TEST_EMAIL, masterPassword: TEST_PASSWORD, kdf: TEST_KDF });
  const note = await client.saveItem({ item: sampleDrafts()[1]! });
  if (grantLapsed) clock.now += REPROMPT_GRANT_MS + 1_000;

  render(<App client={client} />);
  fireEvent.click(await screen.findByRole('button', { name: new RegExp(`^${note.name}`) }));
  await screen.findByText(GATE_TEXT);
  type('Master password', TEST_PASSWORD);
  click('Confirm');
  await screen.findByText('MARK-secure-note');
  return { client, clock, note };
}

describe('re-prompt items in the popup', () => {
  it('an edit outlasting the confirmation asks for the password again and saves it whole', async () => {
    const { client, clock, note } = await openConfirmedNote({ grantLapsed: true });
    click('Edit');
    await screen.findByRole('heading', { name: 'Edit item' });
    type('Notes', 'MARK-secure-note, edited slowly');

    clock.now += REPROMPT_GRANT_MS + 1_000;
    click('Save');
    await screen.findByText(GATE_TEXT);
    type('Master password', TEST_PASSWORD);
    click('Confirm');
    // Saved: the item view opens, behind its re-prompt as every time.
    await screen.findByRole('heading', { name: note.name });
    await screen.findByText(GATE_TEXT);
    const saved = await client.getItem({ id: note.id });
    expect(saved).toMatchObject({ notes: 'MARK-secure-note, edited slowly', reprompt: 1 });
  });

  it('the editor of an item whose secrets were withheld asks first, then edits the whole item', async () => {
    const { clock } = await openConfirmedNote();
    clock.now += REPROMPT_GRANT_MS + 1_000;
    click('Edit');
    await screen.findByText(GATE_TEXT);
    expect(screen.queryByLabelText('Notes')).toBeNull();
    type('Master password', TEST_PASSWORD);
    click('Confirm');
    expect(((await screen.findByLabelText('Notes')) as HTMLTextAreaElement).value).toBe(
      'MARK-secure-note',
    );
  });
});
