/**
 * `web-ext lint` on the Firefox build: no errors, and no warning caused by Coffer's own code.
 * The one warning left is Preact's: its DOM diff implements `dangerouslySetInnerHTML` with an
 * `innerHTML` assignment, which Coffer never uses (checked below); README lists it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}
interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
}

const BUILD = path.resolve('.output/firefox-mv3');

function lint(): LintReport {
  const output = execFileSync(
    'npx',
    ['web-ext', 'lint', '--source-dir', BUILD, '--output', 'json', '--no-input'],
    { encoding: 'utf8' },
  );
  return JSON.parse(output.slice(output.indexOf('{'))) as LintReport;
}

/** Every source file below `dir`. */
function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the Firefox build', () => {
  const report = lint();

  it('passes web-ext lint with no errors', () => {
    expect(report.errors).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });

  it('has no warning from Coffer’s own code: the only one is in Preact’s diff', () => {
    for (const warning of report.warnings) {
      expect(warning.code).toBe('UNSAFE_VAR_ASSIGNMENT');
      const line = fs.readFileSync(path.join(BUILD, warning.file!), 'utf8').split('\n')[
        warning.line! - 1
      ]!;
      // Preact's own handling of the dangerouslySetInnerHTML prop.
      const around = line.slice(Math.max(0, warning.column! - 300), warning.column! + 100);
      expect(around).toContain('dangerouslySetInnerHTML');
      expect(around).toContain('.innerHTML=');
    }
    expect(report.warnings.length).toBeLessThanOrEqual(1);
    const own = [...sources(path.resolve('src')), ...sources(path.resolve('entrypoints'))];
    for (const file of own) {
      expect(fs.readFileSync(file, 'utf8'), file).not.toMatch(/innerHTML|dangerouslySetInnerHTML/);
    }
  });
});
