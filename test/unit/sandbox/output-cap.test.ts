import { describe, expect, it } from 'vitest';
import { OutputCap, truncationNotice } from '../../../src/sandbox/output-cap';

describe('OutputCap', () => {
  it('passes output through below the cap', () => {
    const cap = new OutputCap(10);
    expect(cap.takeText('hello')).toBe('hello');
    expect(cap.takeText('world')).toBe('world');
    expect(cap.truncated).toBe(false);
  });

  it('cuts at the cap, adds the notice once, then drops everything', () => {
    const cap = new OutputCap(8);
    expect(cap.takeText('12345')).toBe('12345');
    expect(cap.takeText('67890')).toBe(`678${truncationNotice(8)}`);
    expect(cap.truncated).toBe(true);
    expect(cap.takeText('more')).toBeNull();
  });

  it('counts UTF-8 bytes, not characters', () => {
    const cap = new OutputCap(4);
    expect(cap.takeText('éé')).toBe('éé'); // 4 bytes
    expect(cap.takeText('x')).toBe(truncationNotice(4));
  });

  it('names the size in the notice', () => {
    expect(truncationNotice(1024 * 1024)).toMatch(/more than 1 MB/);
    expect(truncationNotice(512 * 1024)).toMatch(/more than 512 KB/);
  });
});
