import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CheckOutputParser, formatDoneLine, formatResultLine, parseCheckOutput } from '../../../src/sandbox/checks/parser';
import { RESULT_PREFIX } from '../../../src/sandbox/checks/reporter';

const output = [
  'starting\n',
  '✗ adds\n    Expected 1 to be 2\n',
  formatResultLine({ name: 'adds', ok: false, message: 'Expected 1 to be 2\n\nwith a blank line', durationMs: 1.5, file: 'checks/a.test.js' }),
  'progress: ... ',
  'done\n',
  ':: a learner line that starts with colons\n',
  formatResultLine({ name: 'ünïcode 🚀 name', ok: true, message: null }),
  formatDoneLine(1, 1),
  'checks: 1 passed, 1 failed\n',
].join('');

const displayed = output
  .split('\n')
  .filter((line) => !line.startsWith(RESULT_PREFIX))
  .join('\n');

function feed(chunks: string[]) {
  let display = '';
  const results: string[] = [];
  const parser = new CheckOutputParser({ onDisplay: (t) => (display += t), onResult: (r) => results.push(r.name) });
  for (const chunk of chunks) parser.push(chunk);
  return { parsed: parser.end(), display, results };
}

describe('CheckOutputParser', () => {
  it('turns result lines into tests and counts them', () => {
    const parsed = parseCheckOutput(output);
    expect(parsed).toEqual({
      tests: [
        { name: 'adds', ok: false, message: 'Expected 1 to be 2\n\nwith a blank line', durationMs: 1.5, file: 'checks/a.test.js', kind: 'test' },
        { name: 'ünïcode 🚀 name', ok: true, message: null, kind: 'test' },
      ],
      passed: 1,
      failed: 1,
      complete: true,
    });
  });

  it('passes everything else through for the terminal, without the machine lines', () => {
    expect(feed([output]).display).toBe(displayed);
  });

  it('gives the same results and display however the output is split (property)', () => {
    const whole = feed([output]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: output.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks: string[] = [];
        let last = 0;
        for (const p of points) {
          chunks.push(output.slice(last, p));
          last = p;
        }
        chunks.push(output.slice(last));
        const split = feed(chunks);
        expect(split.parsed).toEqual(whole.parsed);
        expect(split.display).toBe(whole.display);
        expect(split.results).toEqual(['adds', 'ünïcode 🚀 name']);
      }),
      { numRuns: 300 },
    );
  });

  it('splits one character at a time too', () => {
    const byChar = feed([...output]);
    expect(byChar.parsed).toEqual(parseCheckOutput(output));
    expect(byChar.display).toBe(displayed);
  });

  it('streams a plain partial line at once instead of waiting for its end', () => {
    let display = '';
    const parser = new CheckOutputParser({ onDisplay: (t) => (display += t) });
    parser.push('downloading... 10%');
    expect(display).toBe('downloading... 10%');
  });

  it('shows a malformed machine line as text instead of dropping it', () => {
    const { parsed, display } = feed([`${RESULT_PREFIX}{not json\n`, `${RESULT_PREFIX}{"type":"test"}\n`]);
    expect(parsed.tests).toEqual([]);
    expect(display).toBe(`${RESULT_PREFIX}{not json\n${RESULT_PREFIX}{"type":"test"}\n`);
  });

  it('marks a run without the final line as incomplete', () => {
    const cut = parseCheckOutput(formatResultLine({ name: 'a', ok: true, message: null }));
    expect(cut.complete).toBe(false);
    expect(cut.passed).toBe(1);
  });

  it('reads a last result line that has no newline', () => {
    const line = formatResultLine({ name: 'tail', ok: false, message: 'm' }).trimEnd();
    expect(parseCheckOutput(line).tests.map((t) => t.name)).toEqual(['tail']);
  });
});
