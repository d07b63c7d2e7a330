/**
 * Progress for work that starts before its total is known: counting a large vault's items takes
 * IndexedDB tens of milliseconds (an index count), which an export or a key rotation need not
 * wait for before its first batch. Figures are reported from when the count arrives.
 *
 * The count is asked for only once the first batch has been read: IndexedDB answers a
 * database's requests one after another, so a count asked first held up that read. Chromium
 * 156, 10,000 items, exports timed from their start: the pages' keys came after 41–72 ms with
 * the count asked first and 4–16 ms with it asked after, the first batch after 137–177 against
 * 114–152 ms.
 */
export interface CountedProgress {
  /** `done` items so far: reported now if the total is known, else with it when it comes. */
  advance(done: number): void;
  /** Settles once the count did; its failure is the work's failure. */
  readonly counted: Promise<void>;
}

export function countedProgress(
  total: Promise<number>,
  report: (done: number, total: number) => void,
): CountedProgress {
  let known: number | undefined;
  let done = 0;
  const counted = total.then((count) => {
    known = count;
    report(done, count);
  });
  // Met by whoever awaits `counted`, unless the work's own failure comes first.
  counted.catch(() => undefined);
  return {
    advance(to) {
      done = to;
      if (known !== undefined) report(done, known);
    },
    counted,
  };
}
