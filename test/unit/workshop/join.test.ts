/**
 * What the players' and candidates' join form (JoinRoomForm) takes: the relay's room-code rule and
 * the name, and the seat each page keeps in its tab so a reload rejoins.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { newCode } from '../../../src/server/workshop/rooms';
import { readJoin } from '../../../src/workshop/room-code';
import { tabSeat } from '../../../src/workshop/tab-seat';

describe('a join form entry', () => {
  it('takes a code the relay issues, typed loosely, and a trimmed name', () => {
    expect(readJoin('  abc234 ', '  Ada ', true)).toEqual({ ok: true, code: 'ABC234', name: 'Ada' });
    for (let i = 0; i < 50; i++) {
      const code = newCode(() => false);
      expect(readJoin(code.toLowerCase(), 'Kim', true)).toMatchObject({ ok: true, code });
    }
  });

  it('names the code as wrong when it has look-alikes or the wrong length, before the name', () => {
    for (const code of ['OOO111', 'ABCDE', 'ABC2345', 'ABC-23', '']) expect(readJoin(code, '', true)).toEqual({ ok: false, wrong: 'code' });
  });

  it('asks for a name only where the page needs one', () => {
    expect(readJoin('ABC234', '   ', true)).toEqual({ ok: false, wrong: 'name' });
    expect(readJoin('ABC234', '   ', false)).toEqual({ ok: true, code: 'ABC234', name: '' });
  });
});

/** sessionStorage as a browser has it, or one that refuses every write (a full quota, a locked-down window). */
function fakeStorage(refuse = false): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (refuse) throw new DOMException('quota exceeded', 'QuotaExceededError');
      items.set(k, v);
    },
    removeItem: (k: string) => void items.delete(k),
    clear: () => items.clear(),
    key: (i: number) => [...items.keys()][i] ?? null,
    get length() {
      return items.size;
    },
  };
}

describe("a page's seat in its tab", () => {
  const had = Object.getOwnPropertyDescriptor(globalThis, 'sessionStorage');
  afterEach(() => {
    if (had) Object.defineProperty(globalThis, 'sessionStorage', had);
    else delete (globalThis as { sessionStorage?: Storage }).sessionStorage;
  });
  const use = (storage: Storage) => Object.defineProperty(globalThis, 'sessionStorage', { value: storage, configurable: true, writable: true });

  it('keeps the seat across a reload and forgets it when cleared', () => {
    use(fakeStorage());
    const seat = tabSeat<{ code: string; name: string }>('seat-test');
    expect(seat.read()).toBeNull();
    seat.write({ code: 'ABC234', name: 'Ada' });
    expect(tabSeat('seat-test').read()).toEqual({ code: 'ABC234', name: 'Ada' });
    seat.clear();
    expect(seat.read()).toBeNull();
  });

  it('reads a damaged copy as no seat, and a refused write loses only the reload', () => {
    const storage = fakeStorage();
    use(storage);
    storage.setItem('seat-test', '{not json');
    expect(tabSeat('seat-test').read()).toBeNull();
    use(fakeStorage(true));
    const seat = tabSeat<{ code: string }>('seat-test');
    expect(() => seat.write({ code: 'ABC234' })).not.toThrow();
    expect(seat.read()).toBeNull();
  });
});
