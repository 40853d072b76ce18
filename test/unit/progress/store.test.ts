import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BACKUP_KEY_PREFIX,
  createProgressStore,
  emptyProgress,
  listBackups,
  loadProgress,
  MemoryStorage,
  PROGRESS_KEY,
  readBackup,
  saveProgress,
  type Progress,
  type ProgressStorage,
  PROGRESS_VERSION,
} from '../../../src/progress';
import { FaultyStorage, fixture, fixtureData, NOW, snapshot } from './helpers';

/** A clock the test moves by hand, one minute per tick. */
function clock(start = NOW) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    tick: () => {
      t += 60_000;
    },
  };
}

function storedProgress(storage: ProgressStorage): Progress {
  return JSON.parse(storage.getItem(PROGRESS_KEY)!) as Progress;
}

const v4Data = () => (JSON.parse(fixture('v4-export.json')) as { data: Progress }).data;

function storageEvent(key: string | null, storageArea?: unknown): Event {
  return Object.assign(new Event('storage'), { key, storageArea });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createProgressStore: loading', () => {
  it('starts from what is stored, with no notice', () => {
    const storage = new MemoryStorage();
    storage.setItem(PROGRESS_KEY, fixtureData('v4-export.json'));
    const store = createProgressStore(storage, { now: () => NOW, events: null });
    expect(store.get()).toStrictEqual(v4Data());
    expect(store.notice).toBeUndefined();
    expect(store.saveError()).toBeNull();
  });

  it('passes on the load notice (here: corrupt data, backed up)', () => {
    const storage = new MemoryStorage();
    storage.setItem(PROGRESS_KEY, fixture('corrupt.json'));
    const store = createProgressStore(storage, { now: () => NOW, events: null });
    expect(store.notice?.kind).toBe('corrupt');
    expect(readBackup(storage, store.notice!.backupKey!)).toBe(fixture('corrupt.json'));
    expect(store.get()).toEqual(emptyProgress(NOW));
  });
});

describe('createProgressStore: changes', () => {
  it('markLessonComplete records the time, saves, and notifies once', () => {
    const storage = new FaultyStorage();
    const c = clock();
    const store = createProgressStore(storage, { now: c.now, events: null });
    const seen: Progress[] = [];
    store.subscribe((p) => seen.push(p));
    c.tick();
    store.markLessonComplete('retries-and-backoff');

    const at = c.now().toISOString();
    expect(store.get().lessons['retries-and-backoff']).toEqual({ completedAt: at });
    expect(store.get().updatedAt).toBe(at);
    expect(storedProgress(storage)).toStrictEqual(store.get());
    expect(seen).toEqual([store.get()]);

    // Completing it again keeps the first time and neither saves nor notifies.
    const writes = storage.writes;
    c.tick();
    store.markLessonComplete('retries-and-backoff');
    expect(store.get().lessons['retries-and-backoff']?.completedAt).toBe(at);
    expect(storage.writes).toBe(writes);
    expect(seen).toHaveLength(1);
  });

  it('markLessonIncomplete drops the completion but keeps quiz answers, and drops an emptied entry', () => {
    const store = createProgressStore(new MemoryStorage(), { now: () => NOW, events: null });
    store.markLessonComplete('a-lesson');
    store.markLessonComplete('b-lesson');
    store.setQuizAnswers('b-lesson', [1, null], 1, 2);
    store.markLessonIncomplete('a-lesson');
    store.markLessonIncomplete('b-lesson');
    expect(store.get().lessons).toEqual({
      'b-lesson': { quiz: { answers: [1, null], submittedAt: NOW.toISOString(), correct: 1, total: 2 } },
    });
  });

  it('setQuizAnswers copies the answers (later changes to the caller\'s array do not leak in)', () => {
    const store = createProgressStore(new MemoryStorage(), { now: () => NOW, events: null });
    const answers = [0, 2, null];
    store.setQuizAnswers('caching-strategies', answers, 2, 3);
    answers[0] = 3;
    expect(store.get().lessons['caching-strategies']?.quiz?.answers).toEqual([0, 2, null]);
  });

  it('recordDrillResult: counts attempts, keeps the last run, and keeps the best (passed, then less budget, then faster)', () => {
    const c = clock();
    const store = createProgressStore(new FaultyStorage(), { now: c.now, events: null });
    const run = (passed: boolean, budgetBurnedPercent: number, mitigatedSeconds: number | null, seed = 1) => ({ passed, budgetBurnedPercent, mitigatedSeconds, seed });
    store.recordDrillResult('bad-deploy', run(false, 12, null, 1));
    expect(store.get().drills['bad-deploy']).toMatchObject({ attempts: 1, best: { passed: false, seed: 1 }, last: { seed: 1 } });
    c.tick();
    store.recordDrillResult('bad-deploy', run(true, 4, 600, 2));
    c.tick();
    store.recordDrillResult('bad-deploy', run(true, 6, 200, 3)); // more budget burned: not better
    c.tick();
    store.recordDrillResult('bad-deploy', run(false, 0.5, 60, 4)); // failed: never better than a pass
    const drill = store.get().drills['bad-deploy']!;
    expect(drill.attempts).toBe(4);
    expect(drill.best).toMatchObject({ passed: true, budgetBurnedPercent: 4, seed: 2 });
    expect(drill.last).toMatchObject({ seed: 4 });
    store.recordDrillResult('bad-deploy', run(true, 4, 300, 5)); // same budget, faster
    expect(store.get().drills['bad-deploy']!.best).toMatchObject({ seed: 5 });
    expect(() => store.recordDrillResult('Bad Drill', run(true, 1, 1))).toThrow(/drill id/);
    expect(() => store.recordDrillResult('bad-deploy', run(true, -1, 1))).toThrow(/drill result/);
  });

  it('annotateLastDrillResult adds the grade and the postmortem to the last run (and to the best when it is that run)', () => {
    const c = clock();
    const store = createProgressStore(new FaultyStorage(), { now: c.now, events: null });
    expect(() => store.annotateLastDrillResult('bad-deploy', { grade: 'A' })).toThrow(/no finished run of "bad-deploy"/);
    store.recordDrillResult('bad-deploy', { passed: true, budgetBurnedPercent: 2, mitigatedSeconds: 300, seed: 1 });
    store.annotateLastDrillResult('bad-deploy', { grade: 'A', postmortem: '# Postmortem' });
    expect(store.get().drills['bad-deploy']).toMatchObject({ attempts: 1, best: { seed: 1, grade: 'A', postmortem: '# Postmortem' }, last: { seed: 1, grade: 'A', postmortem: '# Postmortem' } });
    c.tick();
    store.recordDrillResult('bad-deploy', { passed: false, budgetBurnedPercent: 9, mitigatedSeconds: null, seed: 2 });
    store.annotateLastDrillResult('bad-deploy', { postmortem: '# Second' });
    const drill = store.get().drills['bad-deploy']!;
    expect(drill.best).toMatchObject({ seed: 1, postmortem: '# Postmortem' });
    expect(drill.last).toMatchObject({ seed: 2, postmortem: '# Second' });
    expect(() => store.annotateLastDrillResult('bad-deploy', { postmortem: 'x'.repeat(100_001) })).toThrow(/under 100,000 characters/);
    expect(store.get().version).toBe(createProgressStore(new FaultyStorage(), { now: c.now, events: null }).get().version);
  });

  it('passCheckpoint keeps the first pass of each level', () => {
    const c = clock();
    const store = createProgressStore(new FaultyStorage(), { now: c.now, events: null });
    store.passCheckpoint('junior', 'crash-loop');
    const first = store.get().checkpoints.junior;
    c.tick();
    store.passCheckpoint('junior', 'another-drill');
    expect(store.get().checkpoints.junior).toEqual(first);
    expect(first).toEqual({ passedAt: NOW.toISOString(), drill: 'crash-loop' });
  });

  it('recordSandboxRun: passedAt from the first run with no failures, kept through later failures', () => {
    const c = clock();
    const store = createProgressStore(new MemoryStorage(), { now: c.now, events: null });
    store.recordSandboxRun('idempotent-payments', 2, 3);
    expect(store.get().sandboxes['idempotent-payments']).toEqual({
      lastRun: { at: c.now().toISOString(), passed: 2, failed: 3 },
    });
    c.tick();
    store.recordSandboxRun('idempotent-payments', 5, 0);
    const passedAt = c.now().toISOString();
    expect(store.get().sandboxes['idempotent-payments']?.passedAt).toBe(passedAt);
    c.tick();
    store.recordSandboxRun('idempotent-payments', 4, 1);
    expect(store.get().sandboxes['idempotent-payments']).toEqual({
      passedAt,
      lastRun: { at: c.now().toISOString(), passed: 4, failed: 1 },
    });
  });

  it('a run with no checks at all does not count as passing', () => {
    const store = createProgressStore(new MemoryStorage(), { now: () => NOW, events: null });
    store.recordSandboxRun('empty-run', 0, 0);
    expect(store.get().sandboxes['empty-run']?.passedAt).toBeUndefined();
  });

  it("the checklist's verdict overrides the counts: no failures but an unclean run is not a pass", () => {
    const store = createProgressStore(new MemoryStorage(), { now: () => NOW, events: null });
    store.recordSandboxRun('cut-short', 12, 0, false);
    expect(store.get().sandboxes['cut-short']).toEqual({ lastRun: { at: NOW.toISOString(), passed: 12, failed: 0 } });
    store.recordSandboxRun('cut-short', 12, 0, true);
    expect(store.get().sandboxes['cut-short']?.passedAt).toBe(NOW.toISOString());
  });

  it('visitLesson, setPlanStart, setTheme, setRuntime', () => {
    const storage = new MemoryStorage();
    const store = createProgressStore(storage, { now: () => NOW, events: null });
    store.visitLesson('transactional-outbox');
    store.setPlanStart('2025-01-31');
    store.setTheme('dark');
    store.setRuntime('webcontainer');
    expect(store.get()).toMatchObject({
      lastVisited: { lessonId: 'transactional-outbox', at: NOW.toISOString() },
      plan: { startDate: '2025-01-31' },
      settings: { theme: 'dark', runtime: 'webcontainer' },
    });
    store.setPlanStart(null);
    expect(storedProgress(storage).plan.startDate).toBeNull();
  });

  it.each([
    ['a lesson id that is not kebab-case', (s: ReturnType<typeof createProgressStore>) => s.markLessonComplete('Retries And Backoff'), /lesson id: "Retries And Backoff" is not valid: use a lowercase kebab-case id/],
    ['an impossible start date', (s: ReturnType<typeof createProgressStore>) => s.setPlanStart('2025-02-30'), /plan start date: "2025-02-30" is not valid/],
    ['an unknown theme', (s: ReturnType<typeof createProgressStore>) => s.setTheme('blue' as 'dark'), /theme: "blue" is not valid/],
    ['more correct answers than questions', (s: ReturnType<typeof createProgressStore>) => s.setQuizAnswers('a-lesson', [1], 2, 1), /correct cannot be more than total/],
    ['a fractional check count', (s: ReturnType<typeof createProgressStore>) => s.recordSandboxRun('a-sandbox', 1.5, 0), /passed must be a whole number/],
    ['a negative quiz answer', (s: ReturnType<typeof createProgressStore>) => s.setQuizAnswers('a-lesson', [-1], 0, 1), /lessons\.a-lesson\.quiz\.answers\[0\]: use zero or more/],
  ])('refuses %s: throws a clear error and changes nothing', (_name, act, message) => {
    const storage = new MemoryStorage();
    const store = createProgressStore(storage, { now: () => NOW, events: null });
    store.markLessonComplete('intro');
    const before = snapshot(storage);
    const state = store.get();
    const listener = vi.fn();
    store.subscribe(listener);
    expect(() => act(store)).toThrow(message);
    expect(store.get()).toBe(state);
    expect(snapshot(storage)).toEqual(before);
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('createProgressStore: immutability and subscriptions', () => {
  it('hands out frozen snapshots; an update makes a new one and leaves the old one as it was', () => {
    const store = createProgressStore(new MemoryStorage(), { now: () => NOW, events: null });
    const first = store.get();
    expect(() => {
      (first.lessons as Record<string, unknown>)['sneaky'] = {};
    }).toThrow(TypeError);
    expect(() => {
      (first.settings as { theme: string }).theme = 'dark';
    }).toThrow(TypeError);
    store.setTheme('dark');
    expect(store.get()).not.toBe(first);
    expect(first.settings.theme).toBe('system');
  });

  it('update stamps updatedAt; returning the same object is a no-op', () => {
    const storage = new FaultyStorage();
    const c = clock();
    const store = createProgressStore(storage, { now: c.now, events: null });
    c.tick();
    const next = store.update((p) => ({ ...p, plan: { startDate: '2025-03-01' } }));
    expect(next.updatedAt).toBe(c.now().toISOString());
    const writes = storage.writes;
    expect(store.update((p) => p)).toBe(next);
    expect(storage.writes).toBe(writes);
  });

  it('unsubscribe stops notifications', () => {
    const store = createProgressStore(new MemoryStorage(), { now: () => NOW, events: null });
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.setTheme('light');
    unsubscribe();
    store.setTheme('dark');
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('createProgressStore: replace and reset keep a copy of what they replace', () => {
  it('replace (an import) backs up the stored bytes first', () => {
    const storage = new MemoryStorage();
    const c = clock();
    const store = createProgressStore(storage, { now: c.now, events: null });
    store.markLessonComplete('intro');
    const old = storage.getItem(PROGRESS_KEY);
    c.tick();
    store.replace(v4Data());
    expect(store.get()).toStrictEqual(v4Data());
    expect(storedProgress(storage)).toStrictEqual(v4Data());
    expect(listBackups(storage).map((b) => readBackup(storage, b.key))).toEqual([old]);
  });

  it('reset backs up, then starts empty', () => {
    const storage = new MemoryStorage();
    const store = createProgressStore(storage, { now: () => NOW, events: null });
    store.replace(v4Data());
    const old = storage.getItem(PROGRESS_KEY);
    store.reset();
    expect(store.get()).toEqual(emptyProgress(NOW));
    expect(listBackups(storage).map((b) => readBackup(storage, b.key))).toContain(old);
  });

  it('replace refuses invalid progress without touching anything', () => {
    const storage = new MemoryStorage();
    const store = createProgressStore(storage, { now: () => NOW, events: null });
    store.markLessonComplete('intro');
    const before = snapshot(storage);
    expect(() => store.replace({ ...v4Data(), updatedAt: 'soon' })).toThrow(/updatedAt/);
    expect(snapshot(storage)).toEqual(before);
  });
});

describe('createProgressStore: storage that fails', () => {
  it('storage that cannot even be read: works in memory, never writes, says why', () => {
    const storage = new FaultyStorage();
    storage.setItem(PROGRESS_KEY, 'whatever was there');
    storage.failReads = true;
    const store = createProgressStore(storage, { now: () => NOW, events: null });
    expect(store.notice?.kind).toBe('storage-unavailable');
    store.markLessonComplete('intro');
    expect(store.get().lessons['intro']?.completedAt).toBe(NOW.toISOString());
    expect(store.saveError()).toMatch(/kept in this tab only/);
    storage.failReads = false;
    expect(storage.getItem(PROGRESS_KEY)).toBe('whatever was there');
  });

  it('no storage at all (null): in memory, with a notice', () => {
    const store = createProgressStore(null, { now: () => NOW, events: null });
    expect(store.notice?.kind).toBe('storage-unavailable');
    store.setTheme('dark');
    expect(store.get().settings.theme).toBe('dark');
    expect(store.saveError()).toMatch(/kept in this tab only/);
  });

  it('a full storage: the change still applies, the error is reported, and clears once saving works', () => {
    const storage = new FaultyStorage();
    const store = createProgressStore(storage, { now: () => NOW, events: null });
    storage.failWrites = true;
    store.markLessonComplete('intro');
    expect(store.get().lessons['intro']).toBeDefined();
    expect(store.saveError()).toMatch(/^not saved: the browser's storage for this site is full/);
    storage.failWrites = false;
    store.markLessonComplete('second');
    expect(store.saveError()).toBeNull();
    expect(Object.keys(storedProgress(storage).lessons).sort()).toEqual(['intro', 'second']);
  });

  it('bad data whose backup failed at load is never overwritten until a backup of it succeeds', () => {
    const raw = fixture('corrupt.json');
    const storage = new FaultyStorage();
    storage.setItem(PROGRESS_KEY, raw);
    storage.failWritesTo = BACKUP_KEY_PREFIX;
    const store = createProgressStore(storage, { now: () => NOW, events: null });

    store.markLessonComplete('intro');
    expect(storage.getItem(PROGRESS_KEY)).toBe(raw);
    expect(store.saveError()).toMatch(/could not be backed up first/);

    storage.failWritesTo = null;
    store.markLessonComplete('second');
    expect(store.saveError()).toBeNull();
    expect(listBackups(storage).map((b) => readBackup(storage, b.key))).toEqual([raw]);
    expect(Object.keys(storedProgress(storage).lessons).sort()).toEqual(['intro', 'second']);
  });
});

describe('createProgressStore: other tabs', () => {
  function twoTabs() {
    const storage = new MemoryStorage();
    const events = new EventTarget();
    const c = clock();
    const tab = createProgressStore(storage, { now: c.now, events });
    const other = createProgressStore(storage, { now: c.now, events: null });
    return { storage, events, c, tab, other };
  }

  it('picks up a change another tab saved, and notifies', () => {
    const { storage, events, tab, other } = twoTabs();
    const listener = vi.fn();
    tab.subscribe(listener);
    other.markLessonComplete('intro');
    events.dispatchEvent(storageEvent(PROGRESS_KEY, storage));
    expect(tab.get()).toStrictEqual(other.get());
    expect(listener).toHaveBeenCalledWith(other.get());
  });

  it('ignores events for other keys and other storage areas', () => {
    const { storage, events, tab, other } = twoTabs();
    other.markLessonComplete('intro');
    events.dispatchEvent(storageEvent('some-other-key', storage));
    events.dispatchEvent(storageEvent(PROGRESS_KEY, new MemoryStorage()));
    expect(tab.get().lessons).toEqual({});
  });

  it('follows another tab that cleared storage', () => {
    const { storage, events, tab } = twoTabs();
    tab.markLessonComplete('intro');
    storage.clear();
    events.dispatchEvent(storageEvent(null, storage));
    expect(tab.get().lessons).toEqual({});
  });

  it('data another tab wrote that this page cannot read is backed up before this tab saves over it', () => {
    const { storage, events, tab } = twoTabs();
    tab.markLessonComplete('intro');
    const newer = fixtureData('newer-version.json');
    storage.setItem(PROGRESS_KEY, newer);
    events.dispatchEvent(storageEvent(PROGRESS_KEY, storage));
    expect(tab.get().lessons['intro']).toBeDefined(); // keeps working from what it has

    tab.markLessonComplete('second');
    expect(listBackups(storage).map((b) => readBackup(storage, b.key))).toEqual([newer]);
    expect(storedProgress(storage).version).toBe(PROGRESS_VERSION);
  });

  it('stops listening after destroy', () => {
    const { storage, events, tab, other } = twoTabs();
    tab.destroy();
    other.markLessonComplete('intro');
    events.dispatchEvent(storageEvent(PROGRESS_KEY, storage));
    expect(tab.get().lessons).toEqual({});
  });

  it('listens on window by default when there is one', () => {
    const win = new EventTarget();
    vi.stubGlobal('window', win);
    const storage = new MemoryStorage();
    const tab = createProgressStore(storage, { now: () => NOW });
    saveProgress(storage, { ...emptyProgress(NOW), settings: { theme: 'dark', runtime: 'auto' } });
    win.dispatchEvent(storageEvent(PROGRESS_KEY, storage));
    expect(tab.get().settings.theme).toBe('dark');
    tab.destroy();
  });

  it('two stores on one storage end up agreeing with what is stored', () => {
    const { storage, events, tab, other } = twoTabs();
    other.setTheme('light');
    events.dispatchEvent(storageEvent(PROGRESS_KEY, storage));
    tab.markLessonComplete('intro');
    expect(loadProgress(storage, NOW).progress).toStrictEqual(tab.get());
    expect(tab.get().settings.theme).toBe('light');
  });
});
