/**
 * Progress for the popup at a pace a person can read. Each event is a `runtime.sendMessage`,
 * about 1.5 ms of the service worker's thread in Chromium (a CPU profile of a 50,000-item
 * export: 170 ms for its 100 events, one per batch of 500 items), and a figure that changes more
 * often than a few times a second is not read anyway.
 *
 * Sent at once: an operation's first figures (until one past 0 has gone), its last (done =
 * total), a figure of another operation or of a new run (done going back). Between them, at
 * most one every 200 ms; the latest held figure goes when that time is up, so the popup
 * never stays on an old one.
 */
import type { ProgressEvent } from '@/src/protocol/envelope';

type Progress = Omit<ProgressEvent, 'tag'>;

const PROGRESS_INTERVAL_MS = 200;

export function paceProgress(send: (event: Progress) => void): (event: Progress) => void {
  let last: { event: Progress; at: number } | undefined;
  let held: Progress | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const sendNow = (event: Progress) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    held = undefined;
    last = { event, at: performance.now() };
    send(event);
  };

  return (event) => {
    const due = last ? last.at + PROGRESS_INTERVAL_MS - performance.now() : 0;
    const newRun =
      !last || last.event.operation !== event.operation || event.done < last.event.done;
    if (newRun && held) sendNow(held);
    if (newRun || due <= 0 || last!.event.done === 0 || event.done >= event.total) {
      sendNow(event);
      return;
    }
    held = event;
    timer ??= setTimeout(() => {
      timer = undefined;
      if (held) sendNow(held);
    }, due);
  };
}
