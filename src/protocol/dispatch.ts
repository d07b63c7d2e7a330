/**
 * Runs one request against a table of handlers and turns every outcome into a Reply. Nothing
 * escapes as an exception: unknown methods and unexpected failures become coded errors too.
 * Parameters are checked against the method's shape (param-shapes.ts) before the handler runs,
 * so a handler receives the types it declares.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { errorData, type Reply, type Request } from './envelope';
import { checkParams, PARAM_SHAPES } from './param-shapes';
import type { Handlers, VaultApi } from './vault-api';

export async function dispatch(handlers: Handlers<VaultApi>, request: Request): Promise<Reply> {
  // Own properties only: a request naming "constructor" or "__proto__" must not reach Object's.
  if (!Object.hasOwn(handlers, request.method) || !Object.hasOwn(PARAM_SHAPES, request.method)) {
    return replyError(new CofferError('errUnknownMethod', { args: [request.method] }));
  }
  const problem = checkParams(request.method, request.params);
  if (problem) {
    const { key, args, field } = problem;
    return replyError(new CofferError(key, { args, field }));
  }
  const handler = handlers[request.method] as (params: unknown) => Promise<unknown>;
  try {
    return { ok: true, value: await handler(request.params) };
  } catch (error) {
    return replyError(error);
  }
}

function replyError(error: unknown): Reply {
  if (error instanceof CofferError) {
    return { ok: false, error: errorData(error) };
  }
  // Unexpected failures keep their message out of the reply and the log: it could carry vault
  // data or text from a file. The error's class is enough to start looking.
  console.error(
    'Coffer: unexpected error in a handler:',
    error instanceof Error ? error.name : typeof error,
  );
  return replyError(new CofferError('errorInternal'));
}
