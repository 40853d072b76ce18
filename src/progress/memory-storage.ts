import type { ProgressStorage } from './storage';

/**
 * A Storage that lives in memory: used by tests, and by the page when the browser refuses access to
 * localStorage (progress then lasts until the tab closes, and the learner is told so).
 */
export class MemoryStorage implements ProgressStorage {
  readonly #items = new Map<string, string>();

  get length(): number {
    return this.#items.size;
  }

  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    // Like the real Storage, values are strings whatever they were passed as.
    this.#items.set(key, String(value));
  }

  removeItem(key: string): void {
    this.#items.delete(key);
  }

  clear(): void {
    this.#items.clear();
  }
}
