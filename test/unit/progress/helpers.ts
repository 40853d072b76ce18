import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryStorage, type ProgressStorage } from '../../../src/progress';

const FIXTURES = join(import.meta.dirname, '../../fixtures/progress');

/** A fixture file's exact text. */
export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** The "data" member of an export fixture, as the raw text a browser would have stored. */
export function fixtureData(name: string): string {
  return JSON.stringify((JSON.parse(fixture(name)) as { data: unknown }).data);
}

export const NOW = new Date('2025-03-14T09:26:53.589Z');

/** Every key and value, to compare storage before and after byte for byte. */
export function snapshot(storage: ProgressStorage): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)!;
    out[key] = storage.getItem(key)!;
  }
  return out;
}

function domError(name: string): Error {
  return new DOMException(`simulated ${name}`, name);
}

/**
 * Storage that misbehaves on demand, like a browser in private mode (every access throws SecurityError)
 * or one whose quota is used up (writes throw QuotaExceededError).
 */
export class FaultyStorage extends MemoryStorage {
  failReads = false;
  failWrites = false;
  /** Only writes to keys starting with this fail (when set). */
  failWritesTo: string | null = null;
  writes = 0;

  override getItem(key: string): string | null {
    if (this.failReads) throw domError('SecurityError');
    return super.getItem(key);
  }

  override setItem(key: string, value: string): void {
    if (this.failWrites || (this.failWritesTo !== null && key.startsWith(this.failWritesTo))) {
      throw domError('QuotaExceededError');
    }
    this.writes++;
    super.setItem(key, value);
  }

  override key(index: number): string | null {
    if (this.failReads) throw domError('SecurityError');
    return super.key(index);
  }
}
