import { describe, expect, it } from 'vitest';
import { GUARD_PATH, GUARD_SOURCE, REPORTER_PATH, REPORTER_SOURCE } from '../../../src/sandbox/checks/reporter';
import { buildWorkspace, starterLearnerFiles, validateLearnerFiles, WorkspaceError, type SandboxSource } from '../../../src/sandbox/checks/workspace';
import { sandboxSchema } from '../../../src/schemas/sandbox';

const source: SandboxSource = {
  manifest: sandboxSchema.parse({
    id: 'pay',
    title: 'Pay',
    lesson: 'pay',
    files: ['server.js', 'lib/**'],
    checkFiles: ['checks/pay.test.js'],
    checks: [{ name: 'pays once', hint: 'Store the first response.' }],
    demos: [{ id: 'retry', title: 'Retry', script: 'scripts/retry.js' }],
  }),
  starter: { 'package.json': '{"type":"module"}', 'server.js': 'starter', 'clock.js': 'support', 'lib/a.js': 'lib' },
  checks: { 'checks/pay.test.js': 'check' },
  scripts: { 'scripts/retry.js': 'demo' },
  solution: { 'server.js': 'solved' },
};

describe('buildWorkspace', () => {
  it('lays out starter, learner edits, checks, scripts, the reporter and its output guard', () => {
    expect(buildWorkspace(source, { 'server.js': 'mine', 'lib/new.js': 'new' })).toEqual({
      'package.json': '{"type":"module"}',
      'server.js': 'mine',
      'clock.js': 'support',
      'lib/a.js': 'lib',
      'lib/new.js': 'new',
      'checks/pay.test.js': 'check',
      'scripts/retry.js': 'demo',
      [REPORTER_PATH]: REPORTER_SOURCE,
      [GUARD_PATH]: GUARD_SOURCE,
    });
  });

  it('keeps the starter version of a learner file that was not sent', () => {
    expect(buildWorkspace(source, {})['server.js']).toBe('starter');
  });

  it('refuses support files, checks, unsafe names and non-text, listing every problem', () => {
    let error: unknown;
    try {
      buildWorkspace(source, {
        'clock.js': 'fake clock',
        'checks/pay.test.js': 'always pass',
        '../escape.js': 'x',
        '/abs.js': 'x',
        'lib\\win.js': 'x',
        'server.js': 42 as unknown as string,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorkspaceError);
    const problems = (error as WorkspaceError).problems.map((p) => p.path).sort();
    expect(problems).toEqual(['../escape.js', '/abs.js', 'checks/pay.test.js', 'clock.js', 'lib\\win.js', 'server.js']);
    expect((error as Error).message).toMatch(/^Refused 6 files: /);
    expect((error as Error).message).toContain('"clock.js": it is not one of this sandbox\'s editable files');
  });

  it('refuses a learner file whose name is also a folder', () => {
    expect(() => buildWorkspace(source, { 'lib/a.js/b.js': 'x' })).toThrow(/"lib\/a\.js" is both a file and the folder of "lib\/a\.js\/b\.js"/);
  });

  it('refuses a files value that is not an object', () => {
    expect(() => validateLearnerFiles(['server.js'], source.manifest)).toThrow(WorkspaceError);
  });

  it('starts the learner from the editable starter files only', () => {
    expect(starterLearnerFiles(source)).toEqual({ 'server.js': 'starter', 'lib/a.js': 'lib' });
  });
});
