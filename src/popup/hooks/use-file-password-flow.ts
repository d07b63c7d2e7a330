/**
 * Reading a chosen file that may be password protected (Import Data, Verify backup): the file is
 * read and sent; when the background answers that it needs the file password, the view asks for
 * it (FilePasswordForm), and the same request goes again with it.
 */
import { useState } from 'preact/hooks';
import { useAsyncAction } from './use-async-action';

/** The background's answer: it needs the file password, or what the view shows. */
type Answer<A> = { needsFilePassword: true } | (A & { needsFilePassword: false });

export interface FilePasswordFlowOptions<R, A> {
  /** The chosen file as a request; throws an input error when there is none to read. */
  read(): Promise<R>;
  /** Sends a request; undefined when it was stopped on purpose (nothing changes then). */
  send(request: R): Promise<Answer<A> | undefined>;
  /** The request with the file password; by default `filePassword` is set in it. */
  withPassword?(request: R, filePassword: string): R;
}

export interface FilePasswordFlow<R, A> {
  /** Reads the chosen file afresh and sends it. */
  open(): Promise<void>;
  /** Sends the file again, with the password typed into `filePassword`. */
  submitPassword(): Promise<void>;
  /** The background asked for the file password. */
  askingPassword: boolean;
  filePassword: string;
  setFilePassword(value: string): void;
  /** The answer that needed no password, and the request (with its password) it answered. */
  answer: (A & { needsFilePassword: false }) | null;
  request: R | null;
  pending: boolean;
  error: string | null;
  setError(message: string | null): void;
  /** Forgets the file: another file or format was chosen, or the view is done with it. */
  reset(): void;
}

export function useFilePasswordFlow<R extends { filePassword?: string }, A>(
  options: FilePasswordFlowOptions<R, A>,
): FilePasswordFlow<R, A> {
  const [request, setRequest] = useState<R | null>(null);
  const [answer, setAnswer] = useState<(A & { needsFilePassword: false }) | null>(null);
  const [askingPassword, setAskingPassword] = useState(false);
  const [filePassword, setFilePassword] = useState('');

  const action = useAsyncAction(async (password?: string) => {
    setAnswer(null);
    const base = request && password !== undefined ? request : await options.read();
    const next =
      password === undefined
        ? base
        : options.withPassword
          ? options.withPassword(base, password)
          : { ...base, filePassword: password };
    const reply = await options.send(next);
    if (!reply) return;
    setRequest(next);
    setAskingPassword(reply.needsFilePassword);
    if (!reply.needsFilePassword) {
      setAnswer(reply);
      // The request keeps it for what follows; the field need not.
      setFilePassword('');
    }
  });

  return {
    open: () => action.run(),
    submitPassword: () => action.run(filePassword),
    askingPassword,
    filePassword,
    setFilePassword,
    answer,
    request,
    pending: action.pending,
    error: action.error,
    setError: action.setError,
    reset() {
      setRequest(null);
      setAnswer(null);
      setAskingPassword(false);
      setFilePassword('');
    },
  };
}
