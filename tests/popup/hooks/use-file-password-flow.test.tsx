/** useFilePasswordFlow: read a file, ask for its password if it needs one, send it again. */
import { act, renderHook } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { t } from '@/src/popup/i18n';
import { inputError } from '@/src/popup/error-text';
import { useFilePasswordFlow } from '@/src/popup/hooks/use-file-password-flow';

interface Request {
  content: string;
  filePassword?: string;
}
type Ready = { needsFilePassword: false; items: number };
type Reply = { needsFilePassword: true } | Ready;

function flow(send: (request: Request) => Promise<Reply | undefined>) {
  const read = vi.fn(async () => ({ content: 'file' }));
  const hook = renderHook(() => useFilePasswordFlow<Request, Ready>({ read, send }));
  return { read, hook };
}

describe('useFilePasswordFlow', () => {
  it('asks for the file password, then sends the same file with it and forgets the field', async () => {
    const send = vi.fn(async (request: Request): Promise<Reply> =>
      request.filePassword === 'right'
        ? { needsFilePassword: false, items: 3 }
        : { needsFilePassword: true },
    );
    const { read, hook } = flow(send);
    await act(() => hook.result.current.open());
    expect(hook.result.current.askingPassword).toBe(true);
    expect(hook.result.current.answer).toBeNull();

    act(() => hook.result.current.setFilePassword('right'));
    await act(() => hook.result.current.submitPassword());
    expect(read).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenLastCalledWith({ content: 'file', filePassword: 'right' });
    expect(hook.result.current).toMatchObject({
      askingPassword: false,
      answer: { items: 3 },
      request: { content: 'file', filePassword: 'right' },
      filePassword: '',
    });
  });

  it('changes nothing when a send was stopped on purpose', async () => {
    const { hook } = flow(async () => undefined);
    await act(() => hook.result.current.open());
    expect(hook.result.current).toMatchObject({
      askingPassword: false,
      request: null,
      error: null,
    });
  });

  it('shows why the file could not be read, and forgets everything on reset', async () => {
    const read = vi.fn(async (): Promise<Request> => {
      throw inputError('chooseFileFirst');
    });
    const send = vi.fn();
    const { result } = renderHook(() => useFilePasswordFlow<Request, Ready>({ read, send }));
    await act(() => result.current.open());
    expect(result.current.error).toBe(t('chooseFileFirst'));
    expect(send).not.toHaveBeenCalled();
    act(() => result.current.reset());
    expect(result.current).toMatchObject({ askingPassword: false, answer: null, request: null });
  });
});
