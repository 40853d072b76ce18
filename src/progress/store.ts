import type * as z from 'zod/mini';
import { describeProblems, problemsFromIssues } from './issues';
import { localCalendarDate } from './calendar';
import {
  calendarDateSchema,
  drillResultSchema,
  emptyProgress,
  idSchema,
  MAX_MOCK_RESULTS,
  mockResultSchema,
  progressSchema,
  settingsSchema,
  type CheckpointLevel,
  type DrillResult,
  type LessonState,
  type Progress,
  type QuizState,
  type Runtime,
  type SandboxState,
  type Theme,
} from './schema';
import {
  backupRaw,
  describeStorageError,
  loadProgress,
  parseStored,
  PROGRESS_KEY,
  saveProgress,
  type ProgressNotice,
  type ProgressStorage,
} from './storage';

/** What the store needs from `window`: the 'storage' event other tabs cause. */
export interface StorageEventSource {
  addEventListener(type: 'storage', listener: (event: Event) => void): void;
  removeEventListener(type: 'storage', listener: (event: Event) => void): void;
}

export interface ProgressStoreOptions {
  now?: () => Date;
  /**
   * Where 'storage' events from other tabs arrive. Defaults to `window` when there is one; pass null to
   * turn cross-tab sync off.
   */
  events?: StorageEventSource | null;
}

export type ProgressListener = (progress: Progress) => void;

export interface ProgressStore {
  /** The current progress. Deeply frozen: change it through `update` or the helpers. */
  get(): Progress;
  /** What the learner must be told after loading (corrupt data, newer version, upgrade, no storage). */
  readonly notice: ProgressNotice | undefined;
  /** Why the last change could not be saved, or null when it was (or nothing has been saved yet). */
  saveError(): string | null;
  /** Called after every change, including ones made in another tab. Returns the unsubscribe function. */
  subscribe(listener: ProgressListener): () => void;
  /** Applies an immutable change, stamps updatedAt, validates, saves, notifies. Throws if the result is invalid. */
  update(change: (progress: Progress) => Progress): Progress;
  /** Replaces everything (an import). The stored progress it replaces is copied to a backup first. */
  replace(progress: Progress): void;
  /** Starts over with empty progress; the stored progress is copied to a backup first. */
  reset(): void;
  /** Remembers the lesson as the one to continue from. */
  visitLesson(lessonId: string): void;
  markLessonComplete(lessonId: string): void;
  markLessonIncomplete(lessonId: string): void;
  setQuizAnswers(lessonId: string, answers: readonly (number | null)[], correct: number, total: number): void;
  /** Records a run of a sandbox's checks (passing or not); the sandbox counts as passed from its first clean, all-passing run. */
  recordSandboxRun(sandboxId: string, passed: number, failed: number, allPassed?: boolean): void;
  /** Records a finished drill run; it becomes the drill's best when it beats the best so far (see betterDrillResult). */
  recordDrillResult(drillId: string, result: Omit<DrillResult, 'at'>): void;
  /** Adds what the debrief worked out later (the grade, the postmortem) to the drill's last run, and to its best when that is the same run. */
  annotateLastDrillResult(drillId: string, patch: Pick<DrillResult, 'grade' | 'postmortem'>): void;
  /** Marks a level's checkpoint as passed (the first pass is kept). */
  passCheckpoint(level: CheckpointLevel, drillId: string): void;
  /** Records a finished timed mock: its questions and the share of their rubric points earned. Keeps the last 50. */
  recordMockResult(questionIds: readonly string[], scorePercent: number): void;
  /** Records a design exercise step's answer and whether the lab said it met the target. */
  recordExerciseStep(exerciseId: string, stepId: string, answer: number, ok: boolean): void;
  /** Marks a design exercise as done (the first completion is kept). */
  completeExercise(exerciseId: string): void;
  setPlanStart(startDate: string | null): void;
  setTheme(theme: Theme): void;
  setRuntime(runtime: Runtime): void;
  /** The store's clock (injected in tests): what stamps every change. */
  now(): Date;
  /** Stops listening to other tabs. */
  destroy(): void;
}

/** Whether drill result `a` beats `b`: passed first, then less of the error budget burned, then faster mitigation. */
export function betterDrillResult(a: DrillResult, b: DrillResult): boolean {
  if (a.passed !== b.passed) return a.passed;
  if (a.budgetBurnedPercent !== b.budgetBurnedPercent) return a.budgetBurnedPercent < b.budgetBurnedPercent;
  return (a.mitigatedSeconds ?? Infinity) < (b.mitigatedSeconds ?? Infinity);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Validates one value a caller hands the store; the error names what it was and why it failed. */
export function checkInput<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new RangeError(`${what}: ${JSON.stringify(value)} is not valid: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function checkCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number, zero or more; got ${value}`);
}

function defaultEvents(): StorageEventSource | null {
  const candidate = (globalThis as { window?: unknown }).window;
  return candidate && typeof (candidate as StorageEventSource).addEventListener === 'function'
    ? (candidate as StorageEventSource)
    : null;
}

/**
 * The learner's progress for one page: loaded once, kept in memory, saved on every change. `storage`
 * is null when the browser gives no storage (see getBrowserStorage); progress then lives in memory.
 */
export function createProgressStore(storage: ProgressStorage | null, options: ProgressStoreOptions = {}): ProgressStore {
  const now = options.now ?? (() => new Date());
  const events = options.events === undefined ? defaultEvents() : options.events;

  const loaded: ReturnType<typeof loadProgress> = storage
    ? loadProgress(storage, now())
    : {
        progress: emptyProgress(now()),
        readable: false,
        notice: {
          kind: 'storage-unavailable',
          message:
            'This browser gives the course no storage, so progress will be lost when you close the tab. ' +
            'Use "Export progress" to keep a copy of what you do.',
        },
      };
  let state: Progress = deepFreeze(structuredClone(loaded.progress));
  // Bytes in storage that must be copied to a backup before anything is written over them.
  let unbackedRaw = loaded.unbackedRaw;
  let lastSaveError: string | null = null;
  const listeners = new Set<ProgressListener>();

  function notify(): void {
    for (const listener of [...listeners]) listener(state);
  }

  function persist(): void {
    if (!storage || !loaded.readable) {
      lastSaveError = 'progress is kept in this tab only: the browser does not let the course use its storage';
      return;
    }
    if (unbackedRaw !== undefined) {
      const backup = backupRaw(storage, unbackedRaw, now());
      if (!backup.ok) {
        lastSaveError = `not saved, because the earlier saved data could not be backed up first: ${backup.error}`;
        return;
      }
      unbackedRaw = undefined;
    }
    const result = saveProgress(storage, state);
    lastSaveError = result.ok ? null : `not saved: ${result.error}`;
  }

  function validated(progress: Progress, what: string): Progress {
    const parsed = progressSchema.safeParse(progress);
    if (!parsed.success) {
      throw new TypeError(`${what} would make the progress invalid:\n${describeProblems(problemsFromIssues(parsed.error.issues))}`);
    }
    return deepFreeze(structuredClone(progress));
  }

  /** Before replacing the whole progress, keep what is stored now. */
  function protectStored(): void {
    if (!storage || !loaded.readable || unbackedRaw !== undefined) return;
    let raw: string | null;
    try {
      raw = storage.getItem(PROGRESS_KEY);
    } catch (error) {
      lastSaveError = describeStorageError(error);
      return;
    }
    if (raw === null) return;
    // If the copy fails now, persist() retries it and refuses to overwrite until it succeeds.
    const backup = backupRaw(storage, raw, now());
    if (!backup.ok) unbackedRaw = raw;
  }

  function update(change: (progress: Progress) => Progress): Progress {
    const next = change(state);
    if (next === state) return state; // a no-op change neither saves nor notifies
    state = validated({ ...next, updatedAt: now().toISOString() }, 'this change');
    persist();
    notify();
    return state;
  }

  function updateLesson(lessonId: string, change: (lesson: LessonState) => LessonState | null): void {
    const id = checkInput(idSchema, lessonId, 'lesson id');
    update((p) => {
      const current = p.lessons[id] ?? {};
      const next = change(current);
      if (next === current) return p;
      const lessons = { ...p.lessons };
      if (next === null || Object.keys(next).length === 0) delete lessons[id];
      else lessons[id] = next;
      return { ...p, lessons };
    });
  }

  function onStorageEvent(event: Event): void {
    const { key, storageArea } = event as Event & { key?: string | null; storageArea?: unknown };
    // key null means another tab cleared all storage.
    if (!storage || (key !== PROGRESS_KEY && key !== null)) return;
    if (storageArea !== undefined && storageArea !== null && storageArea !== storage) return;
    let raw: string | null;
    try {
      raw = storage.getItem(PROGRESS_KEY);
    } catch {
      return;
    }
    if (raw === null) {
      state = deepFreeze(emptyProgress(now()));
      unbackedRaw = undefined;
      notify();
      return;
    }
    const parsed = parseStored(raw, now());
    if (!parsed.ok) {
      // Another tab (perhaps a newer version of the course) wrote something this page cannot read:
      // keep working from memory, but copy those bytes before ever saving over them.
      unbackedRaw = raw;
      return;
    }
    if (parsed.migrated) unbackedRaw = raw;
    if (JSON.stringify(parsed.progress) === JSON.stringify(state)) return;
    state = deepFreeze(parsed.progress);
    notify();
  }

  if (events && storage) events.addEventListener('storage', onStorageEvent);

  return {
    get: () => state,
    notice: loaded.notice,
    saveError: () => lastSaveError,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update,
    replace(progress) {
      const next = validated(progress, 'the replacement');
      protectStored();
      state = next;
      persist();
      notify();
    },
    reset() {
      protectStored();
      state = deepFreeze(emptyProgress(now()));
      persist();
      notify();
    },
    visitLesson(lessonId) {
      const id = checkInput(idSchema, lessonId, 'lesson id');
      update((p) => ({ ...p, lastVisited: { lessonId: id, at: now().toISOString() } }));
    },
    markLessonComplete(lessonId) {
      updateLesson(lessonId, (lesson) =>
        lesson.completedAt ? lesson : { ...lesson, completedAt: now().toISOString() },
      );
    },
    markLessonIncomplete(lessonId) {
      updateLesson(lessonId, (lesson) => {
        if (!lesson.completedAt) return lesson;
        const { completedAt: _dropped, ...rest } = lesson;
        return rest;
      });
    },
    setQuizAnswers(lessonId, answers, correct, total) {
      checkCount(correct, 'correct');
      checkCount(total, 'total');
      const quiz: QuizState = { answers: [...answers], submittedAt: now().toISOString(), correct, total };
      updateLesson(lessonId, (lesson) => ({ ...lesson, quiz }));
    },
    // `allPassed` is the checklist's verdict when the caller has one (it also requires a clean, complete
    // run); counts alone stand in for it otherwise.
    recordSandboxRun(sandboxId, passed, failed, allPassed = failed === 0 && passed > 0) {
      const id = checkInput(idSchema, sandboxId, 'sandbox id');
      checkCount(passed, 'passed');
      checkCount(failed, 'failed');
      const at = now().toISOString();
      update((p) => {
        const current = p.sandboxes[id];
        const sandbox: SandboxState = { lastRun: { at, passed, failed } };
        const passedAt = current?.passedAt ?? (allPassed ? at : undefined);
        if (passedAt) sandbox.passedAt = passedAt;
        return { ...p, sandboxes: { ...p.sandboxes, [id]: sandbox } };
      });
    },
    recordDrillResult(drillId, input) {
      const id = checkInput(idSchema, drillId, 'drill id');
      const result = checkInput(drillResultSchema, { ...input, at: now().toISOString() }, 'drill result');
      update((p) => {
        const current = p.drills[id];
        const best = current?.best && !betterDrillResult(result, current.best) ? current.best : result;
        return { ...p, drills: { ...p.drills, [id]: { best, last: result, attempts: (current?.attempts ?? 0) + 1 } } };
      });
    },
    annotateLastDrillResult(drillId, patch) {
      const id = checkInput(idSchema, drillId, 'drill id');
      const current = state.drills[id];
      if (!current?.last) throw new Error(`There is no finished run of "${id}" to add to: record the drill's result first.`);
      const last = checkInput(drillResultSchema, { ...current.last, ...patch }, 'drill result');
      update((p) => {
        const drill = p.drills[id]!;
        const best = drill.best && drill.best.at === drill.last?.at ? { ...drill.best, ...patch } : drill.best;
        return { ...p, drills: { ...p.drills, [id]: { ...drill, last, ...(best ? { best } : {}) } } };
      });
    },
    passCheckpoint(level, drillId) {
      const id = checkInput(idSchema, drillId, 'drill id');
      update((p) => (p.checkpoints[level] ? p : { ...p, checkpoints: { ...p.checkpoints, [level]: { passedAt: now().toISOString(), drill: id } } }));
    },
    recordMockResult(questionIds, scorePercent) {
      const result = checkInput(mockResultSchema, { at: now().toISOString(), questions: [...questionIds], scorePercent }, 'mock result');
      update((p) => ({ ...p, interview: { ...p.interview, mocks: [...p.interview.mocks, result].slice(-MAX_MOCK_RESULTS) } }));
    },
    recordExerciseStep(exerciseId, stepId, answer, ok) {
      const id = checkInput(idSchema, exerciseId, 'exercise id');
      const step = checkInput(idSchema, stepId, 'step id');
      if (!Number.isFinite(answer)) throw new RangeError(`answer must be a finite number, got ${answer}`);
      update((p) => {
        const current = p.interview.exercises[id] ?? { steps: {} };
        const next = { ...current, steps: { ...current.steps, [step]: { answer, ok, at: now().toISOString() } } };
        return { ...p, interview: { ...p.interview, exercises: { ...p.interview.exercises, [id]: next } } };
      });
    },
    completeExercise(exerciseId) {
      const id = checkInput(idSchema, exerciseId, 'exercise id');
      update((p) => {
        const current = p.interview.exercises[id] ?? { steps: {} };
        if (current.completedAt) return p;
        return { ...p, interview: { ...p.interview, exercises: { ...p.interview.exercises, [id]: { ...current, completedAt: now().toISOString() } } } };
      });
    },
    setPlanStart(startDate) {
      const date = startDate === null ? null : checkInput(calendarDateSchema, startDate, 'plan start date');
      update((p) => (p.plan.startDate === date ? p : { ...p, plan: { startDate: date } }));
    },
    setTheme(theme) {
      const value = checkInput(settingsSchema.shape.theme, theme, 'theme');
      update((p) => (p.settings.theme === value ? p : { ...p, settings: { ...p.settings, theme: value } }));
    },
    setRuntime(runtime) {
      const value = checkInput(settingsSchema.shape.runtime, runtime, 'runtime');
      update((p) => (p.settings.runtime === value ? p : { ...p, settings: { ...p.settings, runtime: value } }));
    },
    now,
    destroy() {
      if (events && storage) events.removeEventListener('storage', onStorageEvent);
      listeners.clear();
    },
  };
}
