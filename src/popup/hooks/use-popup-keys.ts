/**
 * The popup's keyboard shortcuts, as in the password managers people know: `/` jumps to the
 * vault's search, Escape goes back a screen. Neither fires while a person types in a field
 * (a `/` belongs in a password) or while a dialog is open (its own Escape cancels it).
 */
import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

/** Whether a key pressed there is typing, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement &&
      !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(target.type))
  );
}

const dialogOpen = () => document.querySelector('dialog[open]') !== null;

/** `/` focuses the search field inside `container`. */
export function useSlashToSearch(container: RefObject<HTMLElement | null>): void {
  // A layout effect: listening before the screen is painted, so a key pressed the moment the
  // screen shows is not lost (a passive effect may run a frame later).
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTyping(e.target) || dialogOpen()) return;
      const search = container.current?.querySelector<HTMLInputElement>('input[type="search"]');
      if (!search) return;
      e.preventDefault();
      search.focus();
      search.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [container]);
}

/**
 * Escape calls `back` (when there is somewhere to go back to). A field's own Escape comes first:
 * a search field clears itself, and the editor is left alone, so that Escape never throws away
 * what was typed.
 */
export function useEscapeToGoBack(back: (() => void) | null): void {
  // As above: each screen's Escape listens before that screen is painted.
  useLayoutEffect(() => {
    if (!back) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || isTyping(e.target) || dialogOpen()) return;
      e.preventDefault();
      back();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [back]);
}
