import { describe, expect, it } from 'vitest';
import { describeAction } from '../../../src/console/debrief/postmortem';
import type { LoggedAction } from '../../../src/console/protocol';
import { debriefTimeline, knownAt, whoTook } from '../../../src/workshop/debrief';
import { initialSession, sessionReducer, type SessionEvent, type SessionState } from '../../../src/workshop/session';

const W = 600;
const inject = { id: 'v2-errors', at: 300, fault: { type: 'bad-deploy' }, durationSeconds: null, summary: 'bad-deploy (errorRate 0.25)' };
const contingency = { id: 'no-rollback', by: 780, expected: ['rollback'], from: 'VP Engineering', text: 'Minute 13: ETA?' };

function play(events: SessionEvent[]): SessionState {
  return events.reduce(sessionReducer, initialSession('bad-deploy', 7, W, [inject], [contingency]));
}

const session = play([
  { type: 'PLAYER_JOINED', playerId: 'a', name: 'Ada', t: W, rejoined: false },
  { type: 'FIRED', id: 'v2-errors', t: W + 300 },
  { type: 'ATTRIBUTED', t: W + 300, who: 'Facilitator (v2-errors)', actionType: 'inject-fault' },
  { type: 'NOTE', t: W + 320, text: 'PRIVATE: they have not opened the deploys' },
  { type: 'NOTE', t: W + 330, text: 'Good question about the canary', shared: true },
  { type: 'ACTED', t: W + 400, who: 'Ada', text: 'acknowledge' },
  { type: 'ATTRIBUTED', t: W + 400, who: 'Ada', actionType: 'acknowledge' },
  { type: 'ATTRIBUTED', t: W + 500, who: 'Linus', actionType: 'status-update' },
  { type: 'STAKEHOLDER', t: W + 550, from: 'Support lead', text: '40 tickets' },
  { type: 'CONTINGENCY', id: 'no-rollback', status: 'sent', t: W + 780 },
  { type: 'ATTRIBUTED', t: W + 800, who: 'Linus', actionType: 'rollback' },
]);

const log: LoggedAction[] = [
  { at: W + 300, action: { type: 'inject-fault', fault: { type: 'bad-deploy' } } as never, accepted: true, message: '' },
  { at: W + 400, action: { type: 'acknowledge' } as never, accepted: true, message: '' },
  { at: W + 500, action: { type: 'status-update', impact: 'errors on checkout', scope: '', currentAction: '', nextUpdateMinutes: 15 }, accepted: true, message: '' },
  { at: W + 800, action: { type: 'rollback' } as never, accepted: true, message: '' },
];

describe('the workshop debrief', () => {
  it('puts the facilitator notes on the timeline at their time, private ones marked, for the facilitator only', () => {
    const fac = debriefTimeline(session, 'facilitator');
    const notes = fac.filter((e) => e.kind === 'note');
    expect(notes.map((n) => [n.t, n.shared])).toEqual([
      [W + 320, false],
      [W + 330, true],
    ]);
    // In time order, between the fault and Ada's acknowledgement.
    expect(fac.map((e) => e.kind)).toEqual(['inject', 'note', 'note', 'action', 'stakeholder', 'contingency']);
    const team = debriefTimeline(session, 'team');
    expect(team.map((e) => e.kind)).toEqual(['note', 'action', 'stakeholder', 'stakeholder']);
    expect(JSON.stringify(team)).not.toContain('PRIVATE');
    expect(JSON.stringify(team)).not.toContain('v2-errors');
    // A contingency reached the team as the stakeholder message it was, not as a script entry.
    expect(team[3]).toMatchObject({ who: 'VP Engineering', text: 'Minute 13: ETA?' });
    expect(JSON.stringify(team)).not.toContain('no-rollback');
  });

  it('shares a note taken earlier, and takes it back', () => {
    const i = session.timeline.findIndex((e) => e.text.startsWith('PRIVATE'));
    const shared = sessionReducer(session, { type: 'SHARE_NOTE', index: i, shared: true });
    expect(debriefTimeline(shared, 'team').some((e) => e.text.startsWith('PRIVATE'))).toBe(true);
    const back = sessionReducer(shared, { type: 'SHARE_NOTE', index: i, shared: false });
    expect(debriefTimeline(back, 'team').some((e) => e.text.startsWith('PRIVATE'))).toBe(false);
    // Only notes can be shared: an inject entry stays the facilitator's.
    const injectIndex = session.timeline.findIndex((e) => e.kind === 'inject');
    expect(sessionReducer(session, { type: 'SHARE_NOTE', index: injectIndex, shared: true })).toBe(session);
  });

  it('attributes each log entry to who took it, and a rewind drops the attribution of undone actions', () => {
    expect(whoTook(log, session.attribution)).toEqual(['Facilitator (v2-errors)', 'Ada', 'Linus', 'Linus']);
    const rewound = sessionReducer(session, { type: 'REWOUND', t: W + 450 });
    expect(whoTook(log.slice(0, 2), rewound.attribution)).toEqual(['Facilitator (v2-errors)', 'Ada']);
    expect(rewound.attribution).toHaveLength(2);
    // An entry nobody recorded (a run loaded from a file) is the facilitator's.
    expect(whoTook([{ at: 1, action: { type: 'scale', replicas: 4 } as never, accepted: true, message: '' }], [])).toEqual(['Facilitator']);
  });

  it('says what the team knew at a minute: alerts on that frame, updates, actions and messages up to it, faults only if revealed', () => {
    const frames = new Map<number, { alerts: { id: string; severity: 'page' | 'ticket'; state: 'firing' | 'inactive' | 'pending' | 'resolved' }[] }>([
      [W + 540, { alerts: [{ id: 'HighErrorRate', severity: 'page', state: 'firing' }, { id: 'Latency', severity: 'ticket', state: 'pending' }] }],
    ]);
    const who = whoTook(log, session.attribution);
    const at9 = knownAt({ second: W + 540, frameAt: (t) => frames.get(t), log, who, session, describe: describeAction, revealFaults: false });
    expect(at9.alerts.map((a) => a.id)).toEqual(['HighErrorRate']);
    expect(at9.actions).toEqual([{ t: W + 400, who: 'Ada', text: 'acknowledge', accepted: true }]);
    expect(at9.statusUpdates).toEqual([{ t: W + 500, who: 'Linus', text: 'status update: errors on checkout' }]);
    expect(at9.messages).toEqual([]);
    expect(at9.faults).toBeNull();
    expect(JSON.stringify(at9)).not.toContain('bad-deploy');

    const at14 = knownAt({ second: W + 840, frameAt: (t) => frames.get(t), log, who, session, describe: describeAction, revealFaults: true });
    expect(at14.alerts).toEqual([]);
    expect(at14.actions.map((a) => [a.who, a.text])).toEqual([
      ['Ada', 'acknowledge'],
      ['Linus', 'rollback'],
    ]);
    expect(at14.messages.map((m) => m.who)).toEqual(['Support lead', 'VP Engineering']);
    expect(at14.faults).toEqual([{ t: W + 300, text: 'v2-errors: bad-deploy (errorRate 0.25)' }]);
  });
});
