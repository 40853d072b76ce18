/**
 * Rewind-and-branch, as data. Every finished run of a session is a branch: its run record (what it
 * takes to replay it exactly, so it can be shared like any run) and the figures the debrief compares
 * branches on. A branch made by rewinding names its parent and the second it left it at; the two
 * share every action up to that second, and so every frame (the run is a pure function of its log).
 * The book is kept for the session (sessionStorage on the page; any Storage-like in tests).
 */
import type { LoggedAction, SimulationSummary } from '../protocol';

export interface BranchRunRecord {
  scenario: string | Record<string, unknown>;
  seed: number;
  warmupSeconds: number;
  reachedSeconds: number;
  log: { at: number; action: unknown }[];
}

export interface Branch {
  /** 1, 2, 3... in the order they finished. */
  n: number;
  /** The branch this one was rewound from, and the second (warm-up included) it left it at. */
  parent: number | null;
  rewoundAt: number | null;
  record: BranchRunRecord;
  budgetBurnedPercent: number;
  failed: number;
  shed: number;
  /** Seconds from the incident's start to mitigation; null when never mitigated. */
  mttm: number | null;
  passed: boolean;
  actions: number;
}

interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What a debrief stores when the learner rewinds: which branch, and to which second. */
export interface PendingRewind {
  from: number;
  at: number;
}

export function logKey(log: readonly { at: number; action: unknown }[]): string {
  return JSON.stringify(log.map((l) => [l.at, l.action]));
}

/** The actions a branch keeps when it rewinds to second `t`: everything taken at or before it (as the console's seek keeps them). */
export function prefixAt<T extends { at: number }>(log: readonly T[], t: number): T[] {
  return log.filter((l) => l.at <= t);
}

export class BranchBook {
  constructor(
    private readonly storage: KeyValueStore,
    /** One book per scenario and seed: branches of other runs are other stories. */
    private readonly key: string,
  ) {}

  list(): Branch[] {
    try {
      const data = JSON.parse(this.storage.getItem(`${this.key}:branches`) ?? '[]') as unknown;
      return Array.isArray(data) ? (data as Branch[]) : [];
    } catch {
      return [];
    }
  }

  /** Marks the next finished run as a branch of `from`, rewound to `at`. */
  rewinding(rewind: PendingRewind): void {
    this.storage.setItem(`${this.key}:pending`, JSON.stringify(rewind));
  }

  /**
   * Adds a finished run (once: the same log finished again is the same branch) and returns it.
   * A run finished after a rewind becomes a child of the branch it was rewound from.
   */
  add(run: { record: BranchRunRecord; summary: SimulationSummary; log: readonly LoggedAction[] }): Branch {
    const branches = this.list();
    const key = logKey(run.record.log);
    const pendingText = this.storage.getItem(`${this.key}:pending`);
    this.storage.removeItem(`${this.key}:pending`);
    const same = branches.find((b) => logKey(b.record.log) === key);
    if (same) return same;
    let pending: PendingRewind | null = null;
    try {
      pending = pendingText ? (JSON.parse(pendingText) as PendingRewind) : null;
    } catch {
      pending = null;
    }
    const s = run.summary;
    const branch: Branch = {
      n: branches.length + 1,
      parent: pending && branches.some((b) => b.n === pending.from) ? pending.from : null,
      rewoundAt: pending ? pending.at : null,
      record: run.record,
      budgetBurnedPercent: s.errorBudget.burnedPercent,
      failed: s.errors,
      shed: s.shed,
      mttm: s.incident.mttm,
      passed: s.success.length > 0 && s.success.every((c) => c.passed),
      actions: run.log.length,
    };
    if (branch.parent === null) branch.rewoundAt = null;
    this.storage.setItem(`${this.key}:branches`, JSON.stringify([...branches, branch]));
    return branch;
  }

  /** Whether a run being finished now is a rewound branch (its result is not a fresh attempt). */
  get pending(): boolean {
    return this.storage.getItem(`${this.key}:pending`) !== null;
  }
}

export interface BranchRow {
  n: number;
  label: string;
  budgetBurnedPercent: number;
  /** Difference from the first branch, in percentage points (negative: less burned). */
  budgetDelta: number;
  mttm: number | null;
  mttmDelta: number | null;
  failed: number;
  passed: boolean;
}

/** The side-by-side comparison: each branch against the first (the run as played). */
export function compareBranches(branches: readonly Branch[], clock: (t: number) => string): BranchRow[] {
  const first = branches[0];
  return branches.map((b) => ({
    n: b.n,
    label: b.parent === null ? (b.n === 1 ? 'as played' : 'played again') : `rewound from ${b.parent} at ${clock(b.rewoundAt!)}`,
    budgetBurnedPercent: b.budgetBurnedPercent,
    budgetDelta: first ? Math.round((b.budgetBurnedPercent - first.budgetBurnedPercent) * 1e4) / 1e4 : 0,
    mttm: b.mttm,
    mttmDelta: first && b.mttm !== null && first.mttm !== null ? b.mttm - first.mttm : null,
    failed: b.failed,
    passed: b.passed,
  }));
}
