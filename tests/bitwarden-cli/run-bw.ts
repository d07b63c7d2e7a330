/**
 * Runs Bitwarden's CLI (`@bitwarden/cli`, GPL-3.0: a devDependency test oracle, never bundled)
 * as a child process, without a terminal and with its own data folder.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
/** The CLI's entry script, run by the same Node as the tests. */
const BW_SCRIPT = require.resolve('@bitwarden/cli/build/bw.js');

interface BwResult {
  stdout: string;
  stderr: string;
  code: number | null;
  /** Wall-clock milliseconds the process took. */
  ms: number;
}

/** Kills a CLI run that hangs (a prompt it should not show, a request that never returns). */
const BW_KILL_AFTER_MS = 150_000;

/**
 * `env` is added to a minimal environment, not to the test's: BITWARDENCLI_APPDATA_DIR must
 * always be given, so no run ever touches a real Bitwarden profile.
 */
export function runBw(
  args: string[],
  env: { BITWARDENCLI_APPDATA_DIR: string } & Record<string, string>,
): Promise<BwResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BW_SCRIPT, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: env.BITWARDENCLI_APPDATA_DIR,
        // Never wait for an answer on stdin: a missing argument must fail, not hang.
        BW_NOINTERACTION: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), BW_KILL_AFTER_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        code,
        ms: Math.round(performance.now() - started),
      });
    });
  });
}

/** A CLI profile in a temporary folder, pointed at a stand-in server and logged in. */
export interface BwSession {
  appDataDir: string;
  /** Runs the CLI in this profile, unlocked (BW_SESSION set). */
  run(args: string[]): Promise<BwResult>;
  /** Every command run so far with its wall-clock time, `config` and `login` included. */
  timings: { command: string; ms: number }[];
  /** Deletes the profile folder. */
  close(): void;
}

export async function logInBw(
  server: { url: string; caCertPath: string },
  account: { email: string; masterPassword: string },
): Promise<BwSession> {
  const appDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-bw-profile-'));
  const env: Record<string, string> & { BITWARDENCLI_APPDATA_DIR: string } = {
    BITWARDENCLI_APPDATA_DIR: appDataDir,
    NODE_EXTRA_CA_CERTS: server.caCertPath,
  };
  const timings: BwSession['timings'] = [];
  const run = async (args: string[]) => {
    const result = await runBw(args, env);
    timings.push({ command: args[0] ?? '', ms: result.ms });
    return result;
  };
  const close = () => fs.rmSync(appDataDir, { recursive: true, force: true });
  try {
    await expectSuccess(run(['config', 'server', server.url]), 'config server');
    const login = await expectSuccess(
      run(['login', account.email, account.masterPassword, '--raw']),
      'login',
    );
    env.BW_SESSION = login.stdout.trim();
  } catch (error) {
    close();
    throw error;
  }
  return { appDataDir, run, timings, close };
}

async function expectSuccess(pending: Promise<BwResult>, what: string): Promise<BwResult> {
  const result = await pending;
  if (result.code !== 0) {
    throw new Error(`bw ${what} failed (${result.code}): ${result.stderr || result.stdout}`);
  }
  return result;
}
