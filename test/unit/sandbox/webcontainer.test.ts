import { describe, expect, it } from 'vitest';
import { toFileSystemTree, webContainerPrecheck } from '../../../src/sandbox/webcontainer';

describe('WebContainer adapter', () => {
  it('turns a file map into the nested tree mount() takes', () => {
    expect(toFileSystemTree({ 'server.js': 'a', 'lib/store.js': 'b', 'lib/deep/x.js': 'c' })).toEqual({
      'server.js': { file: { contents: 'a' } },
      lib: { directory: { 'store.js': { file: { contents: 'b' } }, deep: { directory: { 'x.js': { file: { contents: 'c' } } } } } },
    });
  });

  it('says why it cannot start before trying', () => {
    expect(webContainerPrecheck({ crossOriginIsolated: false, SharedArrayBuffer: undefined })?.problem).toBe('not-isolated');
    expect(webContainerPrecheck({ crossOriginIsolated: undefined })?.problem).toBe('unsupported-browser');
    expect(webContainerPrecheck({ crossOriginIsolated: true, SharedArrayBuffer: undefined })?.problem).toBe('unsupported-browser');
    expect(webContainerPrecheck({ crossOriginIsolated: true, SharedArrayBuffer })).toBeNull();
  });
});
