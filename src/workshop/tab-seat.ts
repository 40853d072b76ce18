/**
 * A page's seat in a room, kept in sessionStorage (per tab, gone when it closes) so a reload rejoins
 * as the same player or candidate. Storage may be refused (private windows, full quota): then the
 * seat is not kept and joining again works, so neither side throws.
 */
export interface TabSeat<T> {
  read(): T | null;
  write(value: T): void;
  clear(): void;
}

export function tabSeat<T>(key: string): TabSeat<T> {
  return {
    read() {
      try {
        return JSON.parse(sessionStorage.getItem(key) ?? 'null') as T | null;
      } catch {
        return null;
      }
    },
    write(value) {
      try {
        sessionStorage.setItem(key, JSON.stringify(value));
      } catch {
        // Not kept across a reload; joining again works.
      }
    },
    clear() {
      try {
        sessionStorage.removeItem(key);
      } catch {
        // Nothing was kept.
      }
    },
  };
}
