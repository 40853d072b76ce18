import { describe, expect, it } from 'vitest';

// Whole runs replayed on a shared machine: generous limits, no timing asserted.
const SLOW = { timeout: 300_000 };
import { BranchBook, compareBranches, prefixAt } from '../../../src/console/debrief/branches';
import { alertCauses, faultBands } from '../../../src/console/debrief/faults-revealed';
import { HintTimer, isMeaningful, nextRung } from '../../../src/console/debrief/hints';
import { DebriefHost, type FromDebrief } from '../../../src/console/debrief/host';
import { eventLog } from '../../../src/console/debrief/postmortem';
import { FrameStore } from '../../../src/console/frame-store';
import { inProcessConnection } from '../../../src/console/in-process-connection';
import type { Frame, FromWorker, Reveal } from '../../../src/console/protocol';
import { ConsoleRun } from '../../../src/console/run';
import { getScenario, type SimulationSummary } from '../../../src/sim/index';

const WARM = 60;
const settings = { source: { kind: 'builtin' as const, id: 'bad-deploy' }, seed: 5, warmupSeconds: WARM };

/**
 * A console host in-process, with its messages collected and its frames kept by the page's own
 * FrameStore, as the machine feeds it: a load replaces them, a rewind from a checkpoint keeps those
 * up to it (`keepUpTo`), and what an action set off joins the frame of its second.
 */
async function host() {
  const c = inProcessConnection();
  const messages: FromWorker[] = [];
  const store = new FrameStore();
  c.listen((m) => {
    messages.push(m);
    if (m.type === 'loaded') {
      if (m.keepUpTo === undefined) store.replace(m.frames);
      else store.rewind(m.keepUpTo, m.frames);
    } else if (m.type === 'frames') store.append(m.frames);
    else if (m.type === 'acted') store.addLate(m.record.at, m.annotations ?? []);
  });
  return { c, messages, frames: (): Frame[] => [...store.frames], flush: () => c.flush() };
}

class MemoryStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
}

describe('the hint ladder', () => {
  it('is offered after two wall-clock minutes without a meaningful action, whatever the game speed', () => {
    let now = 1_000;
    const timer = new HintTimer(() => now);
    now += 119_999;
    expect(timer.offered()).toBe(false);
    expect(timer.remainingMs()).toBe(1);
    now += 1;
    expect(timer.offered()).toBe(true);
    timer.reset();
    expect(timer.offered()).toBe(false);
    now += 120_000;
    expect(timer.offered()).toBe(true);
  });

  it('counts system actions and incident command as meaningful, not notes, silences or refused actions', () => {
    expect(isMeaningful({ type: 'rollback' })).toBe(true);
    expect(isMeaningful({ type: 'acknowledge' })).toBe(true);
    expect(isMeaningful({ type: 'declare-incident' })).toBe(true);
    expect(isMeaningful({ type: 'note' })).toBe(false);
    expect(isMeaningful({ type: 'silence-alert' })).toBe(false);
    expect(isMeaningful({ type: 'rollback' }, false)).toBe(false);
  });

  it('climbs question, where to look, what to do; then it is done', () => {
    const ladder = { question: 'Q', where: 'W', action: 'A' };
    expect([0, 1, 2, 3].map((n) => nextRung(ladder, n))).toEqual([{ rung: 1, text: 'Q' }, { rung: 2, text: 'W' }, { rung: 3, text: 'A' }, null]);
  });

  it('stays in the worker until a rung is asked for; each rung is logged with its time and revealed in the debrief', async () => {
    const { c, messages, flush } = await host();
    c.send({ type: 'load', ...settings });
    await flush();
    const loaded = messages.find((m) => m.type === 'loaded')!;
    expect(JSON.stringify(loaded)).not.toContain('What changed just before');
    c.send({ type: 'step', seconds: 30 });
    c.send({ type: 'hint' });
    c.send({ type: 'hint' });
    await flush();
    const hints = messages.filter((m) => m.type === 'hint');
    expect(hints.map((h) => h.type === 'hint' && [h.hint.rung, h.hint.at, h.remaining])).toEqual([
      [1, WARM + 30, 2],
      [2, WARM + 30, 1],
    ]);
    c.send({ type: 'finish' });
    await flush();
    const finished = messages.find((m) => m.type === 'finished');
    expect(finished?.type === 'finished' && finished.reveal.hints?.map((h) => h.rung)).toEqual([1, 2]);
  });

  it('free play has no ladder and says so', async () => {
    const { c, messages, flush } = await host();
    c.send({ type: 'load', source: { kind: 'builtin', id: 'baseline' }, seed: 1, warmupSeconds: 10 });
    c.send({ type: 'hint' });
    await flush();
    expect(messages.at(-1)).toMatchObject({ type: 'error', message: expect.stringContaining('only drills') });
  });
});

describe('rewind and branch', SLOW, () => {
  it('a branch rewound to a second shares every frame up to it with the run it left, byte for byte, and differs after', async () => {
    const { c, messages, frames, flush } = await host();
    c.send({ type: 'load', ...settings });
    c.send({ type: 'step', seconds: 600 });
    c.send({ type: 'act', action: { type: 'acknowledge' } });
    c.send({ type: 'step', seconds: 30 });
    c.send({ type: 'act', action: { type: 'rollback' } });
    c.send({ type: 'step', seconds: 300 });
    await flush();
    const original: Frame[] = frames();
    const originalLog = messages.flatMap((m) => (m.type === 'acted' ? [m.record] : []));
    const key = WARM + 620; // after the acknowledgement, before the rollback
    messages.length = 0;
    c.send({ type: 'seek', t: key });
    await flush();
    const rewound = messages.find((m) => m.type === 'loaded');
    expect(rewound?.type === 'loaded' && rewound.log).toEqual(prefixAt(originalLog, key));
    c.send({ type: 'act', action: { type: 'scale', replicas: 8 } });
    c.send({ type: 'step', seconds: 310 });
    await flush();
    const branch = frames();
    const prefix = (fs: Frame[]) => JSON.stringify(fs.filter((f) => f.t < key));
    expect(prefix(branch)).toBe(prefix(original));
    expect(branch.filter((f) => f.t <= key)).toHaveLength(key);
    // The second rewound to is the same, plus what the branch's action set off in it.
    const at = (fs: Frame[]) => fs.find((f) => f.t === key)!;
    expect({ ...at(branch), annotations: [] }).toEqual({ ...at(original), annotations: [] });
    expect(at(branch).annotations.map((a) => a.text)).toEqual([...at(original).annotations.map((a) => a.text), 'operator: scale to 8 instances']);
    const after = (fs: Frame[]) => JSON.stringify(fs.filter((f) => f.t > key + 60 && f.t <= key + 300));
    expect(after(branch)).not.toBe(after(original));
  });

  it('the book keeps each finished run once, ties a rewound branch to its parent and compares branches on budget and mitigation', () => {
    const storage = new MemoryStorage();
    const book = new BranchBook(storage, 'bad-deploy:5');
    const run = (log: { at: number; action: unknown }[]) => {
      const { run: r } = ConsoleRun.load({ ...settings, log }, Infinity);
      const summary = JSON.parse(r.summaryJson()) as SimulationSummary;
      return { record: { scenario: 'bad-deploy', seed: 5, warmupSeconds: WARM, reachedSeconds: r.t, log }, summary, log: r.log };
    };
    const slow = run([{ at: WARM + 1500, action: { type: 'rollback' } }]);
    const first = book.add(slow);
    expect(book.add(slow)).toEqual(first);
    expect(book.list()).toHaveLength(1);
    book.rewinding({ from: first.n, at: WARM + 400 });
    expect(book.pending).toBe(true);
    const fast = book.add(run([{ at: WARM + 400, action: { type: 'rollback' } }]));
    expect(fast).toMatchObject({ n: 2, parent: 1, rewoundAt: WARM + 400 });
    expect(book.pending).toBe(false);
    const rows = compareBranches(book.list(), (t) => `T+${t - WARM}`);
    expect(rows[1]!.label).toBe('rewound from 1 at T+400');
    expect(rows[1]!.budgetDelta).toBeLessThan(0);
    expect(rows[1]!.mttmDelta).toBeLessThan(0);
    expect(new BranchBook(storage, 'bad-deploy:6').list()).toEqual([]);
  });
});

describe('faults revealed', SLOW, () => {
  it('places the hidden fault as a band from the join and ties the page to the fault running when it fired', () => {
    const { run } = ConsoleRun.load(settings, Infinity);
    const reveal: Reveal = run.reveal();
    const bands = faultBands(reveal, WARM);
    expect(bands).toEqual([{ id: 'v2-errors', type: 'bad-deploy', from: 300, to: null }]);
    const causes = alertCauses(reveal, WARM);
    expect(causes.length).toBeGreaterThan(0);
    for (const c of causes) {
      expect(c.firedAt).toBeGreaterThan(300);
      expect(c.fault?.id).toBe('v2-errors');
    }
  });
});

describe('the debrief worker host', SLOW, () => {
  it('posts the grade against par, progress per replay, each action’s measured effect and a postmortem whose timeline is the event log', () => {
    const out: FromDebrief[] = [];
    const queue: (() => void)[] = [];
    const debrief = new DebriefHost((m) => out.push(m), (s) => queue.push(s));
    const log = [
      { at: WARM + 600, action: { type: 'acknowledge' } },
      { at: WARM + 620, action: { type: 'rollback' } },
    ];
    const { run } = ConsoleRun.load({ ...settings, log }, Infinity);
    const summary = JSON.parse(run.summaryJson()) as SimulationSummary;
    debrief.handle({ type: 'debrief', id: 1, ...settings, log: run.log, end: run.end, summary, hints: [{ at: WARM + 500, rung: 1, text: 'Q' }] });
    while (queue.length) queue.shift()!();
    const progress = out.filter((m) => m.type === 'progress');
    expect(progress.map((p) => p.type === 'progress' && p.done)).toEqual([0, 1, 2, 3, 4]);
    expect(progress.every((p) => p.type === 'progress' && p.total === 4)).toBe(true);
    const refs = out.find((m) => m.type === 'references');
    expect(refs?.type === 'references' && refs.grade.grade).toMatch(/^A/);
    const done = out.find((m) => m.type === 'effects');
    if (done?.type !== 'effects') throw new Error('no effects');
    expect(done.effects.find((e) => e.type === 'rollback')?.verdict).toBe('helped');
    expect(done.postmortem.timeline).toEqual(eventLog({ summary, log: run.log, warmupSeconds: WARM, hints: [{ at: WARM + 500, rung: 1, text: 'Q' }] }));
    expect(done.postmortem.timeline.some((e) => e.kind === 'hint')).toBe(true);
  });

  it('two workers share the replays: the same effects and postmortem as one, each effect posted as measured; a failed helper’s part is measured by the lead', () => {
    // The bad deploy cut to 15 minutes and without a par play, so only the replays run.
    const short = { source: { kind: 'custom' as const, scenario: { ...getScenario('bad-deploy'), durationSeconds: 900, par: [] } }, seed: 5, warmupSeconds: WARM };
    const log = [
      { at: WARM + 200, action: { type: 'scale', replicas: 5 } },
      { at: WARM + 350, action: { type: 'acknowledge' } },
      { at: WARM + 400, action: { type: 'rollback' } },
      { at: WARM + 600, action: { type: 'scale', replicas: 2 } },
    ];
    const { run } = ConsoleRun.load({ ...short, log }, Infinity, { checkpointEvery: 100 });
    const summary = JSON.parse(run.summaryJson()) as SimulationSummary;
    const request = { type: 'debrief' as const, id: 7, ...short, log: run.log, end: run.end, summary, checkpoints: structuredClone([...run.checkpoints]) };
    const drive = (helperFails: boolean) => {
      const fromLead: FromDebrief[] = [];
      const fromHelper: FromDebrief[] = [];
      const queue: (() => void)[] = [];
      const lead = new DebriefHost((m) => fromLead.push(m), (s) => queue.push(s));
      // The page's part: hand the helper's effects (or its failure) to the lead.
      const helper = new DebriefHost(
        (m) => {
          fromHelper.push(m);
          if (m.type === 'part') lead.handle({ type: 'effects-from', id: 7, part: 1, effects: helperFails ? null : m.effects });
        },
        (s) => queue.push(s),
      );
      lead.handle({ ...request, share: { part: 0, parts: 2 } });
      helper.handle({ ...request, share: { part: 1, parts: 2 } });
      while (queue.length) queue.shift()!();
      return { fromLead, fromHelper };
    };
    const single: FromDebrief[] = [];
    const queue: (() => void)[] = [];
    new DebriefHost((m) => single.push(m), (s) => queue.push(s)).handle(request);
    while (queue.length) queue.shift()!();
    const one = single.find((m) => m.type === 'effects');
    if (one?.type !== 'effects') throw new Error('no effects from one worker');

    const { fromLead, fromHelper } = drive(false);
    const two = fromLead.find((m) => m.type === 'effects');
    if (two?.type !== 'effects') throw new Error('no effects from two workers');
    expect(two.effects).toEqual(one.effects);
    expect(two.postmortem).toEqual(one.postmortem);
    // Both did some of the four replays, and every action's effect was posted as it was measured.
    const posted = [...fromLead, ...fromHelper].flatMap((m) => (m.type === 'effect' ? [m.effect] : []));
    expect(fromHelper.some((m) => m.type === 'effect')).toBe(true);
    expect(fromLead.some((m) => m.type === 'effect')).toBe(true);
    expect(posted.sort((a, b) => a.index - b.index)).toEqual(one.effects.filter((_, i) => run.log[i]!.accepted));
    expect(one.effects.find((e) => e.type === 'rollback')?.verdict).toBe('helped');
    // The helper never judges the run nor drafts the postmortem.
    expect(fromHelper.some((m) => m.type === 'no-par' || m.type === 'effects')).toBe(false);
    expect(fromLead.some((m) => m.type === 'no-par')).toBe(true);

    const failed = drive(true).fromLead.find((m) => m.type === 'effects');
    expect(failed?.type === 'effects' && failed.effects).toEqual(one.effects);
  }, 600_000);

  it('drops a request when a newer one (or a cancel) arrives between replays', () => {
    const out: FromDebrief[] = [];
    const queue: (() => void)[] = [];
    const debrief = new DebriefHost((m) => out.push(m), (s) => queue.push(s));
    const { run } = ConsoleRun.load(settings, Infinity);
    const summary = JSON.parse(run.summaryJson()) as SimulationSummary;
    debrief.handle({ type: 'debrief', id: 1, ...settings, log: [], end: run.end, summary });
    queue.shift()!();
    debrief.handle({ type: 'cancel' });
    while (queue.length) queue.shift()!();
    expect(out.some((m) => m.type === 'references' || m.type === 'effects')).toBe(false);
  });
});
