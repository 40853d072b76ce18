import { describe, expect, it } from 'vitest';
import { globToRegExp, learnerPathError, pickLearnerFiles, unsafePathReason } from '../../../src/sandbox/files';

describe('unsafePathReason', () => {
  it.each([
    ['server.js'],
    ['lib/store.js'],
    ['a/b/c.test.js'],
    ['.env.example'],
  ])('accepts %s', (path) => {
    expect(unsafePathReason(path)).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['/etc/passwd', /absolute/],
    ['C:/Windows/win.ini', /absolute/],
    ['../server.js', /\.\./],
    ['lib/../../x.js', /\.\./],
    ['lib\\server.js', /backslash/],
    ['server.js\0.txt', /NUL/],
    ['a//b.js', /empty or "\."/],
    ['./server.js', /empty or "\."/],
    ['lib/', /empty or "\."/],
    ['bad\nname.js', /control/],
    ['x'.repeat(300), /longer/],
  ])('refuses %j', (path, reason) => {
    expect(unsafePathReason(path)).toMatch(reason);
  });
});

describe('globToRegExp', () => {
  it('matches * within one folder only', () => {
    const re = globToRegExp('*.js');
    expect(re.test('server.js')).toBe(true);
    expect(re.test('lib/server.js')).toBe(false);
    expect(re.test('server.ts')).toBe(false);
  });

  it('matches ** across folders, including none', () => {
    expect(globToRegExp('lib/**').test('lib/a/b.js')).toBe(true);
    expect(globToRegExp('src/**/*.js').test('src/a.js')).toBe(true);
    expect(globToRegExp('src/**/*.js').test('src/x/y/a.js')).toBe(true);
    expect(globToRegExp('src/**/*.js').test('other/a.js')).toBe(false);
  });

  it('treats regex characters literally and ? as one character', () => {
    expect(globToRegExp('a+b.js').test('a+b.js')).toBe(true);
    expect(globToRegExp('a+b.js').test('aab.js')).toBe(false);
    expect(globToRegExp('v?.js').test('v1.js')).toBe(true);
    expect(globToRegExp('v?.js').test('v10.js')).toBe(false);
  });
});

describe('learnerPathError', () => {
  it('allows names matched by the sandbox files', () => {
    expect(learnerPathError('server.js', ['server.js'])).toBeNull();
    expect(learnerPathError('lib/a.js', ['lib/**'])).toBeNull();
  });

  it('refuses names outside files, and folders the runtime owns even if a glob matches', () => {
    expect(learnerPathError('store.js', ['server.js'])).toMatch(/not one of this sandbox's editable files/);
    expect(learnerPathError('checks/a.test.js', ['**'])).toMatch(/read-only/);
    expect(learnerPathError('.blast/reporter.mjs', ['**'])).toMatch(/read-only/);
    expect(learnerPathError('scripts/demo.js', ['**/*.js'])).toMatch(/read-only/);
  });

  it('refuses unsafe names before looking at globs', () => {
    expect(learnerPathError('../server.js', ['**'])).toMatch(/\.\./);
  });
});

describe('pickLearnerFiles', () => {
  it('keeps only the editable files', () => {
    const picked = pickLearnerFiles({ 'server.js': 'a', 'store.js': 'b', 'checks/x.test.js': 'c', 'package.json': 'd' }, ['server.js']);
    expect(picked).toEqual({ 'server.js': 'a' });
  });
});
