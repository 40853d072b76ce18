import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SandboxSource } from '../../../src/sandbox/checks/workspace';
import { DRAFT_BACKUP_PREFIX, DRAFT_PREFIX, saveDraft, type DraftStorage } from '../../../src/sandbox/drafts';
import { EditorFiles, fileEntries, shippedText } from '../../../src/sandbox/editor-files';
import { MemoryStorage } from '../../../src/progress';
import { sandboxSchema } from '../../../src/schemas/sandbox';

function sandbox(id = 'orders'): SandboxSource {
  return {
    manifest: sandboxSchema.parse({
      id,
      title: 'Orders',
      lesson: 'orders-lesson',
      files: ['server.js', 'lib/*.js'],
      checkFiles: ['checks/orders.test.js'],
      checks: [{ name: 'an order is stored once', hint: 'Store it once.' }],
      demos: [{ id: 'twice', title: 'Twice', script: 'scripts/twice.js' }],
    }),
    starter: { 'server.js': 'starter server\n', 'lib/store.js': 'starter store\n', 'package.json': '{"type":"module"}\n' },
    checks: { 'checks/orders.test.js': 'test()\n' },
    scripts: { 'scripts/twice.js': 'run()\n' },
    solution: { 'server.js': 'solved server\n', 'lib/store.js': 'solved store\n' },
  };
}

const KEY = DRAFT_PREFIX + 'orders';
const STARTER = { 'server.js': 'starter server\n', 'lib/store.js': 'starter store\n' };
const SOLUTION = { 'server.js': 'solved server\n', 'lib/store.js': 'solved store\n' };

function open(storage: DraftStorage = new MemoryStorage(), source = sandbox()) {
  const files = new EditorFiles({ source, storage });
  const seen: unknown[] = [];
  files.subscribe((state) => seen.push(state));
  return { files, storage, seen };
}

/** The files of the draft stored for `orders`, or null. */
function storedFiles(storage: DraftStorage): Record<string, string> | null {
  const raw = storage.getItem(KEY);
  return raw === null ? null : (JSON.parse(raw) as { files: Record<string, string> }).files;
}

/** Undoes, then expects exactly `mine` back, in the editor and in the saved draft, and no further undo. */
function undoAndExpect(files: EditorFiles, storage: DraftStorage, mine: Record<string, string>) {
  files.undo();
  expect(files.state.files).toEqual(mine);
  expect(files.state.undo).toBeNull();
  vi.runAllTimers();
  expect(storedFiles(storage)).toEqual(mine);
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the files the editor lists', () => {
  it('puts the learner files first, then the harness, checks and demos, each sorted', () => {
    expect(fileEntries(sandbox())).toEqual([
      { path: 'lib/store.js', editable: true, group: 'yours' },
      { path: 'server.js', editable: true, group: 'yours' },
      { path: 'package.json', editable: false, group: 'support' },
      { path: 'checks/orders.test.js', editable: false, group: 'checks' },
      { path: 'scripts/twice.js', editable: false, group: 'scripts' },
    ]);
  });

  it('knows the shipped text of every file', () => {
    expect(shippedText(sandbox())).toEqual({ ...sandbox().starter, 'checks/orders.test.js': 'test()\n', 'scripts/twice.js': 'run()\n' });
  });
});

describe('editor files', () => {
  it('starts from the starter (learner files only), unchanged, with nothing stored', () => {
    const { files, storage } = open();
    expect(files.state).toEqual({ files: STARTER, changed: [], undo: null, draft: 'none', saveError: null });
    expect(files.starter).toEqual(STARTER);
    vi.runAllTimers();
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('an edit marks the file changed, and only that file', () => {
    const { files } = open();
    files.edit('server.js', 'my server\n');
    expect(files.state.files['server.js']).toBe('my server\n');
    expect(files.state.changed).toEqual(['server.js']);
    expect(files.isChanged('server.js')).toBe(true);
    expect(files.isChanged('lib/store.js')).toBe(false);
  });

  it('ignores edits to files the learner may not edit', () => {
    const { files, seen } = open();
    files.edit('package.json', '{}');
    files.edit('checks/orders.test.js', 'hacked');
    expect(files.state.files).toEqual(STARTER);
    expect(seen).toHaveLength(0);
  });

  it('autosaves a moment after the last change, once for a burst of typing', () => {
    const { files, storage } = open();
    const setItem = vi.spyOn(storage, 'setItem');
    files.edit('server.js', 'a');
    vi.advanceTimersByTime(200);
    files.edit('server.js', 'ab');
    vi.advanceTimersByTime(200);
    files.edit('server.js', 'abc');
    vi.advanceTimersByTime(299);
    expect(setItem).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(storedFiles(storage)).toEqual({ ...STARTER, 'server.js': 'abc' });
  });

  it('editing back to the starter text clears the change and the saved draft', () => {
    const { files, storage } = open();
    files.edit('server.js', 'my server\n');
    vi.runAllTimers();
    expect(storedFiles(storage)).not.toBeNull();
    files.edit('server.js', 'starter server\n');
    expect(files.state.changed).toEqual([]);
    vi.runAllTimers();
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('apply solution, then undo, restores the learner edits exactly', () => {
    const { files, storage } = open();
    files.edit('server.js', 'my server\n');
    files.edit('lib/store.js', 'my store\n');
    const mine = files.state.files;
    files.applySolution();
    expect(files.state.files).toEqual(SOLUTION);
    expect(files.state.undo).toBe('apply');
    expect(files.state.changed).toEqual(['lib/store.js', 'server.js']);
    vi.runAllTimers();
    expect(storedFiles(storage)).toEqual(SOLUTION);

    undoAndExpect(files, storage, mine);
  });

  it('undo after apply solution also takes back edits made to the solution since', () => {
    const { files } = open();
    files.edit('server.js', 'my server\n');
    const mine = files.state.files;
    files.applySolution();
    files.edit('lib/store.js', 'solved store, tweaked\n');
    expect(files.state.undo).toBe('apply');
    files.undo();
    expect(files.state.files).toEqual(mine);
  });

  it('apply solution on untouched files, then undo, is back at the starter with no draft', () => {
    const { files, storage } = open();
    files.applySolution();
    vi.runAllTimers();
    expect(storedFiles(storage)).toEqual(SOLUTION);
    files.undo();
    expect(files.state.changed).toEqual([]);
    vi.runAllTimers();
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('reset puts the starter back and clears the draft; undo brings the edits and the draft back', () => {
    const { files, storage } = open();
    files.edit('lib/store.js', 'my store\n');
    const mine = files.state.files;
    vi.runAllTimers();
    files.reset();
    expect(files.state.files).toEqual(STARTER);
    expect(files.state.changed).toEqual([]);
    expect(files.state.undo).toBe('reset');
    vi.runAllTimers();
    expect(storage.getItem(KEY)).toBeNull();

    undoAndExpect(files, storage, mine);
  });

  it('a reset after apply solution undoes to the solution, the version just before it', () => {
    const { files } = open();
    files.edit('server.js', 'my server\n');
    files.applySolution();
    files.reset();
    expect(files.state.undo).toBe('reset');
    files.undo();
    expect(files.state.files).toEqual(SOLUTION);
  });

  it('undo with nothing to undo changes nothing', () => {
    const { files, seen } = open();
    files.edit('server.js', 'mine');
    const before = files.state;
    files.undo();
    expect(files.state).toBe(before);
    expect(seen).toHaveLength(1);
  });

  it('a reload restores the saved draft', () => {
    const storage = new MemoryStorage();
    const first = open(storage).files;
    first.edit('server.js', 'my server\n');
    vi.runAllTimers();
    const again = open(storage).files;
    expect(again.state.files).toEqual({ ...STARTER, 'server.js': 'my server\n' });
    expect(again.state.changed).toEqual(['server.js']);
    expect(again.state.draft).toBe('restored');
    expect(again.state.undo).toBeNull();
  });

  it('flush saves a pending draft at once (the editor is closing), and only once', () => {
    const { files, storage } = open();
    const setItem = vi.spyOn(storage, 'setItem');
    files.edit('server.js', 'typed just now');
    files.flush();
    expect(storedFiles(storage)).toEqual({ ...STARTER, 'server.js': 'typed just now' });
    vi.runAllTimers();
    files.flush();
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(open(storage).files.state.files['server.js']).toBe('typed just now');
  });

  it('keeps drafts per sandbox', () => {
    const storage = new MemoryStorage();
    const orders = open(storage).files;
    orders.edit('server.js', 'orders edit');
    vi.runAllTimers();
    expect(open(storage, sandbox('payments')).files.state).toMatchObject({ files: STARTER, draft: 'none' });
  });

  it('a restored draft ignores files the learner may no longer edit', () => {
    const storage = new MemoryStorage();
    saveDraft(storage, 'orders', { 'server.js': 'mine', 'package.json': '{"hacked":true}' });
    const { files } = open(storage);
    expect(files.state.files).toEqual({ ...STARTER, 'server.js': 'mine' });
    expect(files.state.draft).toBe('restored');
  });

  it('unreadable draft storage: starts from the starter, keeps the unreadable text as a backup, and saves new edits apart', () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, '{"version":1,"files":{"server.js":"half a dra');
    const { files } = open(storage);
    expect(files.state.files).toEqual(STARTER);
    expect(files.state.draft).toBe('unreadable');
    expect(storage.getItem(KEY)).toBeNull();
    const backups = Array.from({ length: storage.length }, (_, i) => storage.key(i)!).filter((k) => k.startsWith(DRAFT_BACKUP_PREFIX + 'orders:'));
    expect(backups).toHaveLength(1);
    expect(storage.getItem(backups[0]!)).toBe('{"version":1,"files":{"server.js":"half a dra');

    files.edit('server.js', 'a fresh start');
    vi.runAllTimers();
    expect(storedFiles(storage)).toEqual({ ...STARTER, 'server.js': 'a fresh start' });
    expect(storage.getItem(backups[0]!)).toBe('{"version":1,"files":{"server.js":"half a dra');
  });

  it('storage that cannot be read at all: the starter, and no error', () => {
    const blocked: DraftStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {},
      removeItem: () => {},
    };
    const { files } = open(blocked);
    expect(files.state).toMatchObject({ files: STARTER, draft: 'none', saveError: null });
  });

  it('a save the browser refuses is reported until dismissed or a later save succeeds', () => {
    const storage = new MemoryStorage();
    let full = true;
    const flaky: DraftStorage = {
      getItem: (k) => storage.getItem(k),
      removeItem: (k) => storage.removeItem(k),
      setItem: (k, v) => {
        if (full) throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
        storage.setItem(k, v);
      },
    };
    const { files, seen } = open(flaky);
    files.edit('server.js', 'mine');
    vi.runAllTimers();
    expect(files.state.saveError).toMatch(/storage for this site is full/);
    expect(seen).toHaveLength(2); // the edit, then the error
    files.dismissSaveError();
    expect(files.state.saveError).toBeNull();
    files.edit('server.js', 'mine, again');
    vi.runAllTimers();
    expect(files.state.saveError).toMatch(/full/);
    full = false;
    files.edit('server.js', 'mine, at last');
    vi.runAllTimers();
    expect(files.state.saveError).toBeNull();
    expect(storedFiles(storage)).toEqual({ ...STARTER, 'server.js': 'mine, at last' });
  });

  it('notifies subscribers once per change, with the new state, and never for no change', () => {
    const { files, seen } = open();
    const states: unknown[] = [];
    const stop = files.subscribe((state) => states.push(state));
    files.edit('server.js', 'a');
    files.edit('server.js', 'a'); // same text
    files.applySolution();
    files.undo();
    files.reset();
    files.undo();
    vi.runAllTimers(); // a successful save changes no state
    expect(seen).toHaveLength(5);
    expect(states).toHaveLength(5);
    expect(states.at(-1)).toBe(files.state);
    expect(new Set(states).size).toBe(5);

    stop();
    files.edit('server.js', 'b');
    expect(states).toHaveLength(5);
    expect(seen).toHaveLength(6);
  });

  it('works with useSyncExternalStore: bound subscribe and getSnapshot, a stable snapshot between changes', () => {
    const { files } = open();
    const { subscribe, getSnapshot } = files;
    let calls = 0;
    const stop = subscribe(() => calls++);
    expect(getSnapshot()).toBe(getSnapshot());
    const before = getSnapshot();
    files.edit('server.js', 'x');
    expect(calls).toBe(1);
    expect(getSnapshot()).not.toBe(before);
    expect(getSnapshot()).toBe(files.state);
    stop();
  });
});
