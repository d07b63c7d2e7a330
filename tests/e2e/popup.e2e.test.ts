import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { sendRequest } from './protocol';

describe('the built extension in Chromium', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchExtension();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('opens the popup on the first-run screen', async () => {
    const page = await session.openPopup();
    await page.getByRole('heading', { name: 'Create your Coffer account' }).waitFor();
  });

  it('answers getStatus from the background service worker', async () => {
    const page = await session.openPopup();
    const reply = await sendRequest(page, 'getStatus');
    expect(reply).toEqual({ ok: true, value: { state: 'no-account' } });
  });
});
