/** Progress for work that starts before its total is known. */
import { describe, expect, it } from 'vitest';
import { countedProgress } from '@/src/background/counted-progress';

describe('countedProgress', () => {
  it('holds the figures until the count comes, then reports the latest and every one after', async () => {
    const reports: [number, number][] = [];
    let count!: (n: number) => void;
    const progress = countedProgress(
      new Promise<number>((resolve) => (count = resolve)),
      (done, total) => reports.push([done, total]),
    );
    progress.advance(100);
    progress.advance(200);
    expect(reports).toEqual([]);
    count(1000);
    await progress.counted;
    progress.advance(300);
    expect(reports).toEqual([
      [200, 1000],
      [300, 1000],
    ]);
  });

  it("makes a failed count the work's failure, once awaited", async () => {
    const progress = countedProgress(Promise.reject(new Error('store closed')), () => undefined);
    progress.advance(1);
    await expect(progress.counted).rejects.toThrow('store closed');
  });
});
