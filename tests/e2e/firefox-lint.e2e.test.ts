import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface LintMessage {
  code: string;
  message: string;
  file?: string;
}
interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
}

describe('the Firefox build', () => {
  it('passes web-ext lint with no errors', () => {
    const output = execFileSync(
      'npx',
      [
        'web-ext',
        'lint',
        '--source-dir',
        path.resolve('.output/firefox-mv3'),
        '--output',
        'json',
        '--no-input',
      ],
      { encoding: 'utf8' },
    );
    const report = JSON.parse(output.slice(output.indexOf('{'))) as LintReport;
    expect(report.errors).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });
});
