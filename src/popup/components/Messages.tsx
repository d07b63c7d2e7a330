/**
 * Where results and errors appear (ui.md): role="status" for progress and success,
 * role="alert" for errors. Both stay on screen until the next action replaces them.
 */
export function ErrorAlert({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" class="alert">
      {message}
    </p>
  ) : null;
}

export function StatusMessage({ message }: { message: string | null }) {
  return message ? (
    <p role="status" class="status">
      {message}
    </p>
  ) : null;
}

export function Warning({ children }: { children: preact.ComponentChildren }) {
  return <div class="warning">{children}</div>;
}
