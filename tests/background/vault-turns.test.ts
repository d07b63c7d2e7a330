/**
 * The vault's turns (exclusive.ts): a change runs alone and in the order asked; reads run beside
 * one another but never beside a change; a failed operation does not stop the ones after it.
 */
import { describe, expect, it } from 'vitest';
import { createVaultTurns } from '@/src/background/exclusive';

/** An operation the test ends when it wants, recording when it starts and ends. */
function operation(log: string[], name: string) {
  let end!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    end = resolve;
    fail = reject;
  });
  const run = async () => {
    log.push(`${name} starts`);
    try {
      await done;
    } finally {
      log.push(`${name} ends`);
    }
    return name;
  };
  return { run, end, fail };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("the vault's turns", () => {
  it('run reads together, a change alone, and everything in the order asked', async () => {
    const turns = createVaultTurns();
    const log: string[] = [];
    const read1 = operation(log, 'read 1');
    const read2 = operation(log, 'read 2');
    const change = operation(log, 'change');
    const read3 = operation(log, 'read 3');
    const results = [
      turns.shared(read1.run),
      turns.shared(read2.run),
      turns.exclusive(change.run),
      turns.shared(read3.run),
    ];
    await turn();
    // Both reads run at once; the change waits for both, the read after it for the change.
    expect(log).toEqual(['read 1 starts', 'read 2 starts']);
    read2.end();
    await turn();
    expect(log).toEqual(['read 1 starts', 'read 2 starts', 'read 2 ends']);
    read1.end();
    await turn();
    expect(log.slice(3)).toEqual(['read 1 ends', 'change starts']);
    change.end();
    await turn();
    expect(log.slice(5)).toEqual(['change ends', 'read 3 starts']);
    read3.end();
    expect(await Promise.all(results)).toEqual(['read 1', 'read 2', 'change', 'read 3']);
  });

  it('run changes one after the other, and go on after one fails', async () => {
    const turns = createVaultTurns();
    const log: string[] = [];
    const first = operation(log, 'first');
    const second = operation(log, 'second');
    const read = operation(log, 'read');
    const firstResult = turns.exclusive(first.run);
    const secondResult = turns.exclusive(second.run);
    const readResult = turns.shared(read.run);
    await turn();
    expect(log).toEqual(['first starts']);
    first.fail(new Error('refused'));
    await expect(firstResult).rejects.toThrow('refused');
    await turn();
    expect(log).toEqual(['first starts', 'first ends', 'second starts']);
    second.end();
    read.end();
    expect(await secondResult).toBe('second');
    expect(await readResult).toBe('read');
    expect(log.slice(3)).toEqual(['second ends', 'read starts', 'read ends']);
  });
});
