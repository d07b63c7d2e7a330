import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from './temp-dirs';

describe('temporary folders of the tests and benches', () => {
  it('are made empty in the temporary folder and removed with what was written in them', () => {
    const profile = makeTempDir('check-profile');
    const downloads = makeTempDir('check-downloads');
    expect(path.dirname(profile)).toBe(os.tmpdir());
    expect(path.basename(profile)).toMatch(/^coffer-check-profile-/);
    expect(fs.readdirSync(profile)).toEqual([]);
    fs.mkdirSync(path.join(profile, 'Default', 'IndexedDB'), { recursive: true });
    fs.writeFileSync(path.join(profile, 'Default', 'IndexedDB', 'data'), 'x'.repeat(4096));
    fs.writeFileSync(path.join(downloads, 'coffer_export.json'), '{}');

    removeTempDirs();
    expect([fs.existsSync(profile), fs.existsSync(downloads)]).toEqual([false, false]);
  });

  it('are each removed once: a folder made after a removal is the only one the next removes', () => {
    const first = makeTempDir('check-first');
    removeTempDirs();
    // A folder of the same name made by someone else after the removal is not touched.
    fs.mkdirSync(first);
    const second = makeTempDir('check-second');
    removeTempDirs();
    expect([fs.existsSync(first), fs.existsSync(second)]).toEqual([true, false]);
    fs.rmSync(first, { recursive: true });
  });
});
