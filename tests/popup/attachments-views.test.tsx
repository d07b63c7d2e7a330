/**
 * Attachments in the item view, driven by ui.md's words (`Attachments`, `Add attachment`, `Save`,
 * `Delete`): a real background holds the items, the attachment methods answer from memory and
 * record what the popup sent (tests/helpers/fake-attachments.ts).
 */
import { createEvent, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CofferError } from '@/src/errors/coffer-error';
import type { VaultClient } from '@/src/protocol/vault-api';
import { VaultClientContext } from '@/src/popup/vault-client-context';
import { ItemView } from '@/src/popup/views/ItemView';
import { MAX_ATTACHMENT_BYTES, UPLOAD_CHUNK_BYTES } from '@/src/vault/policy';
import { TEST_PASSWORD, createUnlockedBackground } from '../helpers/background';
import {
  createFakeAttachments,
  withAttachments,
  type FakeAttachments,
} from '../helpers/fake-attachments';
import { sampleDrafts } from '../helpers/items';
import { chooseFile, click, field, type } from '../helpers/popup-view';

const GATE_TEXT = 'This item is protected: enter your master password to see and copy its secrets.';

/** `length` bytes that differ from piece to piece, so a piece out of place would show. */
function patternBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + (i >>> 12)) & 0xff;
  return bytes;
}

const fileOf = (bytes: Uint8Array<ArrayBuffer>, name: string) => new File([bytes], name);

/**
 * A login (or, with `reprompt`, the re-prompt note) in a real unlocked vault, its attachments
 * `initial`, shown in the item view.
 */
async function showItem(
  initial: { fileName: string; bytes: Uint8Array }[] = [],
  { reprompt = false } = {},
) {
  const background = await createUnlockedBackground();
  const item = await background.client.saveItem({ item: sampleDrafts()[reprompt ? 1 : 0]! });
  const fake = createFakeAttachments(initial.map((a) => ({ itemId: item.id, ...a })));
  const client: VaultClient = withAttachments(background.client, fake);
  render(
    <VaultClientContext.Provider value={client}>
      <ItemView
        id={item.id}
        folders={[]}
        onEdit={() => {}}
        onBack={() => {}}
        onDeleted={() => {}}
      />
    </VaultClientContext.Provider>,
  );
  await screen.findByRole('heading', { name: item.name });
  // Listed (and the view's listeners in place) before the test acts.
  if (!reprompt) {
    if (initial[0]) await row(initial[0].fileName);
    else await screen.findByText('No attachments.');
  }
  return { item, fake };
}

/** The row of the attachment named `fileName`: a group named by the file. */
const row = (fileName: string) => screen.findByRole('group', { name: fileName });

const statusText = async () => (await screen.findByRole('status')).textContent;

/** Resolves a held piece when the test says so. */
function holdPieces(fake: FakeAttachments) {
  const releases: (() => void)[] = [];
  fake.beforeChunk = () => new Promise<void>((resolve) => releases.push(resolve));
  return {
    /** Lets the held piece through once it is held. */
    async release() {
      await waitFor(() => expect(releases.length).toBeGreaterThan(0));
      releases.shift()!();
    },
  };
}

/**
 * Fires a drag event carrying `files`. Built with createEvent: Preact's fireEvent.dragEnter
 * names the event "DragEnter" when the element has no `ondragenter` property (happy-dom's).
 */
function drag(kind: 'dragEnter' | 'drop', target: Element, files: File[]): boolean {
  return fireEvent(
    target,
    createEvent[kind](target, { dataTransfer: { types: ['Files'], files } }),
  );
}

afterEach(() => {
  vi.restoreAllMocks();
  // Back to a browser that is not Firefox (the Firefox test added its marker).
  delete (fakeBrowser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo;
});

describe('attachments in the item view', () => {
  it('lists each attachment in a group named by its file, with its size, Save and Delete', async () => {
    await showItem([
      { fileName: 'report.pdf', bytes: new Uint8Array(1_258_291) },
      { fileName: 'key.txt', bytes: new Uint8Array(1) },
      { fileName: 'photo.jpg', bytes: new Uint8Array(2048) },
    ]);
    const report = await row('report.pdf');
    expect(within(report).getByText('1.2 MiB')).toBeTruthy();
    expect(within(report).getByRole('button', { name: 'Save' })).toBeTruthy();
    expect(within(report).getByRole('button', { name: 'Delete' })).toBeTruthy();
    expect(within(await row('key.txt')).getByText('1 byte')).toBeTruthy();
    expect(within(await row('photo.jpg')).getByText('2 KiB')).toBeTruthy();
    expect(field('Add attachment')).toMatchObject({ type: 'file', multiple: true });
  });

  it('says so when an item has none', async () => {
    await showItem();
    await screen.findByText('No attachments.');
  });

  it('adds a chosen file in pieces of UPLOAD_CHUNK_BYTES that reassemble exactly', async () => {
    const { item, fake } = await showItem();
    const bytes = patternBytes(UPLOAD_CHUNK_BYTES * 2.5);
    chooseFile('Add attachment', fileOf(bytes, 'big.bin'));

    const added = await row('big.bin');
    expect(within(added).getByText('10 MiB')).toBeTruthy();
    expect(await statusText()).toBe('Added “big.bin”.');
    expect(fake.calls).toEqual([
      'listAttachments',
      'beginUpload',
      'uploadChunk',
      'uploadChunk',
      'uploadChunk',
      'addAttachment',
      'listAttachments',
    ]);
    const uploadId = fake.chunks[0]!.uploadId;
    expect(fake.chunks.map((c) => [c.uploadId, c.offset])).toEqual([
      [uploadId, 0],
      [uploadId, UPLOAD_CHUNK_BYTES],
      [uploadId, UPLOAD_CHUNK_BYTES * 2],
    ]);
    expect(fake.chunks.map((c) => Buffer.from(c.base64, 'base64').length)).toEqual([
      UPLOAD_CHUNK_BYTES,
      UPLOAD_CHUNK_BYTES,
      UPLOAD_CHUNK_BYTES / 2,
    ]);
    expect(fake.stored).toHaveLength(1);
    expect(fake.stored[0]).toMatchObject({ itemId: item.id, fileName: 'big.bin' });
    expect(Buffer.from(fake.stored[0]!.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('shows how far a file got, and Cancel stops it and cancels its upload', async () => {
    const { fake } = await showItem();
    const held = holdPieces(fake);
    chooseFile('Add attachment', fileOf(patternBytes(UPLOAD_CHUNK_BYTES * 2.5), 'big.bin'));
    expect(await statusText()).toBe('Adding “big.bin”… 0%');
    await held.release();
    await waitFor(async () => expect(await statusText()).toBe('Adding “big.bin”… 40%'));

    click('Cancel');
    await held.release();
    await waitFor(async () =>
      expect(await statusText()).toBe('Stopped adding “big.bin”: it was not attached.'),
    );
    expect(fake.cancelled).toEqual([fake.chunks[0]!.uploadId]);
    expect(fake.calls).not.toContain('addAttachment');
    expect(fake.chunks).toHaveLength(2);
    expect(screen.getByText('No attachments.')).toBeTruthy();
  });

  it('adds several chosen files one after the other', async () => {
    const { fake } = await showItem();
    const input = field('Add attachment') as HTMLInputElement;
    Object.defineProperty(input, 'files', {
      value: [fileOf(patternBytes(10), 'one.txt'), fileOf(patternBytes(20), 'two.txt')],
      configurable: true,
    });
    fireEvent.change(input);
    await row('two.txt');
    await row('one.txt');
    expect(await statusText()).toBe('Added 2 files.');
    expect(fake.stored.map((a) => [a.fileName, a.size])).toEqual([
      ['one.txt', 10],
      ['two.txt', 20],
    ]);
    // One upload finished before the next began.
    expect(fake.calls.slice(1, 7)).toEqual([
      'beginUpload',
      'uploadChunk',
      'addAttachment',
      'listAttachments',
      'beginUpload',
      'uploadChunk',
    ]);
  });

  it('refuses a file over the limit before sending anything', async () => {
    const { fake } = await showItem();
    const huge = fileOf(patternBytes(16), 'huge.iso');
    // Only its size is read before it is refused, so no 100 MiB are needed to stand for it.
    Object.defineProperty(huge, 'size', { value: MAX_ATTACHMENT_BYTES + 1 });
    chooseFile('Add attachment', huge);
    expect((await screen.findByRole('alert')).textContent).toBe(
      '“huge.iso” was not added: The file is larger than 100 MiB, the most one attachment may be.',
    );
    expect(fake.calls).toEqual(['listAttachments']);
  });

  it('cancels the upload when a piece fails, and says what went wrong', async () => {
    const { fake } = await showItem();
    fake.failChunk = { index: 1, error: new CofferError('errorLocked') };
    chooseFile('Add attachment', fileOf(patternBytes(UPLOAD_CHUNK_BYTES * 2.5), 'big.bin'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^“big\.bin” was not added: /);
    expect(alert.textContent).toContain(new CofferError('errorLocked').message);
    expect(fake.cancelled).toEqual([fake.chunks[0]!.uploadId]);
    expect(fake.chunks).toHaveLength(2);
    expect(fake.calls).not.toContain('addAttachment');
    expect(fake.stored).toEqual([]);
  });

  it('saves an attachment and says under which name the browser saved it', async () => {
    const { fake } = await showItem([{ fileName: 'report.pdf', bytes: new Uint8Array(1_258_291) }]);
    fake.savedAs = () => 'report (1).pdf';
    fireEvent.click(within(await row('report.pdf')).getByRole('button', { name: 'Save' }));
    expect(await statusText()).toBe('Saved report (1).pdf (1.2 MiB).');
    expect(fake.calls).toContain('saveAttachment');
  });

  it('deletes an attachment only once the dialog is confirmed', async () => {
    const { fake } = await showItem([
      { fileName: 'report.pdf', bytes: new Uint8Array(10) },
      { fileName: 'keep.txt', bytes: new Uint8Array(5) },
    ]);
    fireEvent.click(within(await row('report.pdf')).getByRole('button', { name: 'Delete' }));
    let dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Delete “report.pdf” for good? This cannot be undone.'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.calls).not.toContain('deleteAttachment');

    fireEvent.click(within(await row('report.pdf')).getByRole('button', { name: 'Delete' }));
    dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await statusText()).toBe('Deleted “report.pdf”.');
    await waitFor(() => expect(screen.queryByRole('group', { name: 'report.pdf' })).toBeNull());
    expect(fake.stored.map((a) => a.fileName)).toEqual(['keep.txt']);
    await row('keep.txt');
  });

  it('renames in place: Enter saves, Escape cancels, an empty name is refused', async () => {
    const { fake } = await showItem([{ fileName: 'scan.pdf', bytes: new Uint8Array(10) }]);
    const rename = async () =>
      fireEvent.click(within(await row('scan.pdf')).getByRole('button', { name: 'Rename' }));

    await rename();
    type('File name', 'something else.pdf');
    fireEvent.keyDown(field('File name'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByLabelText('File name')).toBeNull());
    expect(document.activeElement).toBe(
      within(await row('scan.pdf')).getByRole('button', { name: 'Rename' }),
    );
    expect(fake.calls).not.toContain('renameAttachment');

    await rename();
    expect((field('File name') as HTMLInputElement).value).toBe('scan.pdf');
    type('File name', '   ');
    fireEvent.submit(field('File name').closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toBe('An attachment needs a file name.');
    expect(fake.calls).not.toContain('renameAttachment');

    type('File name', 'passport scan.pdf');
    fireEvent.submit(field('File name').closest('form')!);
    await row('passport scan.pdf');
    expect(await statusText()).toBe('Renamed to “passport scan.pdf”.');
    expect(screen.queryByLabelText('File name')).toBeNull();
    expect(fake.stored.map((a) => a.fileName)).toEqual(['passport scan.pdf']);
  });

  it('shows a re-prompt item’s attachments only once its master password is confirmed', async () => {
    const { fake } = await showItem([{ fileName: 'secret.pdf', bytes: new Uint8Array(3) }], {
      reprompt: true,
    });
    await screen.findByText(GATE_TEXT);
    expect(screen.queryByRole('heading', { name: 'Attachments' })).toBeNull();
    expect(screen.queryByText('secret.pdf')).toBeNull();
    expect(fake.calls).toEqual([]);

    type('Master password', TEST_PASSWORD);
    click('Confirm');
    await row('secret.pdf');
    expect(fake.calls).toEqual(['listAttachments']);
  });

  it('adds files dropped on the view, and shows where they go while they are dragged', async () => {
    const { fake } = await showItem();
    const heading = screen.getByRole('heading', { name: 'Attachments' });
    const file = fileOf(patternBytes(300), 'dropped.txt');
    drag('dragEnter', heading, []);
    await screen.findByText('Drop files here to attach them to this item.');
    expect(heading.closest('section')!.classList).toContain('drop-target');

    // Taken by the page (its default refused): the browser does not open the file instead.
    expect(drag('drop', heading, [file])).toBe(false);
    await row('dropped.txt');
    expect(screen.queryByText('Drop files here to attach them to this item.')).toBeNull();
    expect(Buffer.from(fake.stored[0]!.bytes).equals(Buffer.from(patternBytes(300)))).toBe(true);
  });

  it('in Firefox’s toolbar popup, Add attachment opens the item in a tab instead of a picker', async () => {
    Object.assign(fakeBrowser.runtime, { getBrowserInfo: async () => ({ name: 'Firefox' }) });
    fakeBrowser.extension.getViews = () => [window];
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    const { item } = await showItem();
    expect(screen.getByText(/the item opens in a tab, where you can choose it\.$/)).toBeTruthy();

    // The click is refused (no picker), and the item opens in a tab where the picker works.
    expect(fireEvent.click(field('Add attachment'))).toBe(false);
    await waitFor(() => expect(close).toHaveBeenCalled());
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((tab) => tab.url)).toContainEqual(
      expect.stringMatching(new RegExp(`/popup\\.html\\?tab#item=${item.id}$`)),
    );
  });
});
