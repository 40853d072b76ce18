/**
 * Contingency injects, discussion pauses and the players' kept feed, without sockets: the script's
 * contingencies from par, when they are met or due, how the session records them (and undoes them
 * on a rewind), and a player's messages surviving a new page (a reload) through its store.
 */
import { describe, expect, it } from 'vitest';
import type { LoggedAction } from '../../../src/console/protocol';
import type { ServerMessage } from '../../../src/server/workshop/messages';
import { getScenario } from '../../../src/sim/index';
import { contingenciesFromPar, contingencyUpdates } from '../../../src/workshop/contingency';
import { PlayerLink, type FeedStore } from '../../../src/workshop/player';
import { keptFeedSchema, parseToPlayer } from '../../../src/workshop/protocol';
import { workshopScript } from '../../../src/workshop/script';
import { initialSession, publicSession, sessionReducer } from '../../../src/workshop/session';

const logged = (at: number, type: string, accepted = true): LoggedAction => ({ at, action: { type } as LoggedAction['action'], accepted, message: '' });

describe('contingency injects', () => {
  it('come from par: one per step a couple of minutes after it, mitigations that are alternatives share one', () => {
    const bad = workshopScript(getScenario('bad-deploy')).contingencies;
    // Par: acknowledge at T+10:00, rollback at T+10:30; the nudges come at the next whole minute two minutes later.
    expect(bad.map(({ id, by, expected, from }) => ({ id, by, expected, from }))).toEqual([
      { id: 'no-acknowledge', by: 720, expected: ['acknowledge'], from: 'Support lead' },
      { id: 'no-rollback', by: 780, expected: ['rollback'], from: 'VP Engineering' },
    ]);
    expect(bad[1]!.text).toMatch(/^Minute 13 .*ETA/);
    const stampede = workshopScript(getScenario('cache-flush-stampede')).contingencies;
    expect(stampede.map((c) => [c.id, c.expected])).toEqual([
      ['no-acknowledge', ['acknowledge']],
      ['no-mitigation', ['warm-cache', 'load-shedding']],
    ]);
    // Never later than the run.
    expect(contingenciesFromPar([{ at: 1790, action: { type: 'rollback' } }], 1800)[0]!.by).toBe(1800);
    // No par, no contingencies.
    expect(contingenciesFromPar([], 1800)).toEqual([]);
  });

  it('are met by an accepted action in time, due at their time without one, and settle once', () => {
    const warm = 100;
    const items = contingenciesFromPar([{ at: 600, action: { type: 'rollback' } }], 1800).map((c) => ({ ...c, status: 'waiting' as const }));
    const deadline = warm + 720; // par at T+10, two minutes' grace
    expect(contingencyUpdates(items, [], deadline - 1, warm)).toEqual({ met: [], due: [] });
    expect(contingencyUpdates(items, [], deadline, warm)).toEqual({ met: [], due: ['no-rollback'] });
    // A refused rollback does not count; an accepted one by the deadline does, even when checked later.
    expect(contingencyUpdates(items, [logged(deadline - 5, 'rollback', false)], deadline, warm).due).toEqual(['no-rollback']);
    expect(contingencyUpdates(items, [logged(deadline - 5, 'rollback')], deadline + 30, warm)).toEqual({ met: ['no-rollback'], due: [] });
    // Too late is still due (the VP asked before the rollback came).
    expect(contingencyUpdates(items, [logged(deadline + 1, 'rollback')], deadline + 1, warm).due).toEqual(['no-rollback']);
    expect(contingencyUpdates([{ ...items[0]!, status: 'sent' }], [], deadline + 60, warm)).toEqual({ met: [], due: [] });
  });

  it('are recorded on the session timeline, skippable while waiting, and waiting again after a rewind before them', () => {
    const script = workshopScript(getScenario('bad-deploy'));
    let s = initialSession(script.id, 1, 100, script.injects, script.contingencies);
    expect(s.contingencies.map((c) => c.status)).toEqual(['waiting', 'waiting']);
    s = sessionReducer(s, { type: 'CONTINGENCY', id: 'no-acknowledge', status: 'met', t: 750 });
    s = sessionReducer(s, { type: 'CONTINGENCY', id: 'no-rollback', status: 'sent', t: 880 });
    // Settled ones stay settled.
    s = sessionReducer(s, { type: 'CONTINGENCY', id: 'no-rollback', status: 'skipped', t: 890 });
    expect(s.contingencies.map((c) => [c.status, c.settledAt])).toEqual([
      ['met', 750],
      ['sent', 880],
    ]);
    expect(s.timeline.map((e) => [e.kind, e.who])).toEqual([
      ['contingency', 'Facilitator'],
      ['contingency', 'VP Engineering'],
    ]);
    expect(s.timeline[1]!.text).toContain('ETA');
    s = sessionReducer(s, { type: 'REWOUND', t: 800 });
    expect(s.contingencies.map((c) => c.status)).toEqual(['met', 'waiting']);
    s = sessionReducer(s, { type: 'CONTINGENCY', id: 'no-rollback', status: 'skipped', t: 801 });
    s = sessionReducer(s, { type: 'REWOUND', t: 100 });
    expect(s.contingencies.map((c) => c.status)).toEqual(['waiting', 'skipped']);
    // Contingencies are the facilitator's: players' view of the session has none.
    expect(JSON.stringify(publicSession(s, false))).not.toContain('no-rollback');
  });
});

describe('discussion pause in the session', () => {
  it('shows players the prompt until the facilitator resumes, and logs both', () => {
    const script = workshopScript(getScenario('bad-deploy'));
    let s = initialSession(script.id, 1, 100, script.injects, script.contingencies);
    s = sessionReducer(s, { type: 'DISCUSSION', prompt: 'Why did errors start at T+5?', t: 500 });
    expect(parseToPlayer(publicSession(s, false))).toMatchObject({ kind: 'session', discussion: 'Why did errors start at T+5?' });
    // The same prompt again is not a second entry.
    s = sessionReducer(s, { type: 'DISCUSSION', prompt: 'Why did errors start at T+5?', t: 501 });
    s = sessionReducer(s, { type: 'DISCUSSION', prompt: null, t: 502 });
    expect(publicSession(s, false).discussion).toBeNull();
    expect(s.timeline.map((e) => e.text)).toEqual(['paused for discussion: Why did errors start at T+5?', 'discussion over, back to the run']);
    // A session message from an older facilitator page (no discussion field) still reads.
    expect(parseToPlayer({ kind: 'session', roles: {}, names: {}, ended: false })).toMatchObject({ discussion: null });
  });
});

describe("a player's kept feed", () => {
  const memory = (): FeedStore & { data: Map<string, string> } => {
    const data = new Map<string, string>();
    return {
      data,
      load: (code) => {
        const r = keptFeedSchema.safeParse(JSON.parse(data.get(code) ?? 'null'));
        return r.success ? r.data : null;
      },
      save: (code, value) => data.set(code, JSON.stringify(value)),
    };
  };
  const from = (message: Record<string, unknown>): ServerMessage => ({ type: 'from-facilitator', message });

  it('survives a reload of the page (a new PlayerLink on the same store), per room', () => {
    const store = memory();
    const before = new PlayerLink('ABC234', 'Ada', null, store);
    before.onRelay(from({ kind: 'stakeholder', at: 700, from: 'VP Engineering', text: 'ETA?' }));
    before.onRelay(from({ kind: 'console', by: 'Linus', msg: { type: 'acted', record: { at: 710, action: { type: 'rollback' }, accepted: true, message: '' } } }));
    before.onRelay(from({ kind: 'refused', message: 'Observers watch.' }));
    const after = new PlayerLink('ABC234', 'Ada', null, store);
    expect(after.getSnapshot().messages).toEqual(before.getSnapshot().messages);
    expect(after.getSnapshot().messages.map((m) => m.text)).toEqual(['ETA?', 'Observers watch.']);
    expect(after.getSnapshot().feed).toEqual([{ t: 710, who: 'Linus', text: 'rollback' }]);
    // Another room starts empty; a damaged copy is dropped rather than shown.
    expect(new PlayerLink('XYZ789', 'Ada', null, store).getSnapshot().messages).toEqual([]);
    store.data.set('ABC234', JSON.stringify({ messages: [{ kind: 'stakeholder', text: 42 }], feed: [] }));
    expect(new PlayerLink('ABC234', 'Ada', null, store).getSnapshot().messages).toEqual([]);
  });

  it('keeps working when the store refuses to save', () => {
    const link = new PlayerLink('ABC234', 'Ada', null, {
      load: () => null,
      save: () => {
        throw new Error('QuotaExceededError');
      },
    });
    link.onRelay(from({ kind: 'stakeholder', at: 700, from: 'VP Engineering', text: 'ETA?' }));
    expect(link.getSnapshot().messages).toHaveLength(1);
  });
});
