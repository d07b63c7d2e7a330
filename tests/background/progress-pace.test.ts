import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { paceProgress } from '@/src/background/progress-pace';
import type { ProgressEvent } from '@/src/protocol/envelope';

type Progress = Omit<ProgressEvent, 'tag'>;

const exporting = (done: number, total = 10_000): Progress => ({
  operation: 'export',
  done,
  total,
});

// Fake timers move performance.now() and setTimeout together, by hand.
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

function paced() {
  const sent: string[] = [];
  const report = paceProgress((e) => sent.push(`${e.operation} ${e.done}/${e.total}`));
  const advance = (ms: number) => vi.advanceTimersByTime(ms);
  return { sent, report, advance, pending: () => vi.getTimerCount() };
}

describe('progress paced for the popup', () => {
  it('sends the first figures and the last at once, and between them the latest, at most every 200 ms', () => {
    const { sent, report, advance, pending } = paced();
    report(exporting(0));
    report(exporting(500));
    advance(50);
    report(exporting(1000));
    advance(50);
    report(exporting(1500));
    expect(sent).toEqual(['export 0/10000', 'export 500/10000']);
    // 200 ms after the last sent, the latest held goes; the one it replaced never does.
    advance(99);
    expect(sent).toHaveLength(2);
    advance(1);
    expect(sent).toEqual(['export 0/10000', 'export 500/10000', 'export 1500/10000']);
    expect(pending()).toBe(0);
    // Once 200 ms have passed since, a figure goes at once.
    advance(200);
    report(exporting(2000));
    expect(sent.at(-1)).toBe('export 2000/10000');
    advance(10);
    report(exporting(2500));
    advance(10);
    report(exporting(10_000));
    // The last goes at once and the held one is dropped with its timer: nothing comes after it.
    expect(sent.slice(-2)).toEqual(['export 2000/10000', 'export 10000/10000']);
    expect(pending()).toBe(0);
    advance(1000);
    expect(sent.at(-1)).toBe('export 10000/10000');
  });

  it('sends a held figure before the first of another operation or of a new run', () => {
    const { sent, report, advance } = paced();
    report(exporting(0));
    report(exporting(500));
    report(exporting(1000));
    report({ operation: 'importAttachments', done: 0, total: 3 });
    advance(10);
    report(exporting(500, 800));
    report(exporting(700, 800));
    report(exporting(0, 800));
    expect(sent).toEqual([
      'export 0/10000',
      'export 500/10000',
      'export 1000/10000',
      'importAttachments 0/3',
      'export 500/800',
      'export 700/800',
      'export 0/800',
    ]);
  });

  it('keeps a rotation of two batches as it was: every figure shown', () => {
    const { sent, report } = paced();
    const rotating = (done: number): Progress => ({ operation: 'rotate', done, total: 2000 });
    for (const done of [0, 1000, 2000]) report(rotating(done));
    expect(sent).toEqual(['rotate 0/2000', 'rotate 1000/2000', 'rotate 2000/2000']);
  });
});
