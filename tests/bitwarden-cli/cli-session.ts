/**
 * What every test file that drives Bitwarden's CLI does around its tests: start a stand-in and log
 * the CLI in once (logging in costs 10–30 s), check after each test that the CLI asked the
 * stand-in nothing it could not answer, and at the end report the CLI's timings and clean up.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { logInBw, type BwSession } from './run-bw';
import type { StandinAccount } from './standin-account';
import type { Standin } from './standin-server';

/** Long enough for a login and a few commands on a loaded 2-core machine. */
export const CLI_TIMEOUT_MS = 300_000;

/** Registers the file's hooks; `ready` receives the stand-in and the logged-in CLI. */
export function withLoggedInCli(
  account: StandinAccount,
  start: () => Promise<Standin>,
  ready: (standin: Standin, bw: BwSession) => void,
): void {
  let standin: Standin | undefined;
  let bw: BwSession | undefined;

  beforeAll(async () => {
    standin = await start();
    bw = await logInBw(standin, account);
    ready(standin, bw);
  }, CLI_TIMEOUT_MS);

  afterEach(() => {
    expect(standin?.unknownRequests, 'requests the stand-in could not answer').toEqual([]);
  });

  afterAll(async () => {
    console.info(
      `bw timings (ms): ${bw?.timings.map(({ command, ms }) => `${command} ${ms}`).join(', ')}`,
    );
    bw?.close();
    await standin?.stop();
  });
}
