/**
 * Stakeholders: scripted questions asked at a time or when a condition holds, surfaced as visible
 * annotations (so in the console's frames), answered by status updates, and the unanswered ones
 * listed in the summary for the debrief.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, parseScenario, type ScenarioInput } from '../../../src/sim/index';
import { ConsoleRun } from '../../../src/console/run';
import { defaultScenario } from './helpers';

type Questions = NonNullable<ScenarioInput['stakeholders']>;

function scenario(stakeholders: Questions): ScenarioInput {
  return defaultScenario({
    durationSeconds: 400,
    faults: [{ type: 'certificate-expiry', at: 60 }],
    stakeholders,
  });
}

const questions: Questions = [
  { id: 'deploy-risk', at: 30, from: 'vp', question: 'Anything risky going out today?' },
  { id: 'errors', when: { metric: 'edge.errorRatio', threshold: 0.05, forSeconds: 10 }, from: 'support', question: 'Customers cannot check out. What is happening?' },
  { id: 'eta', when: { incident: 'detected' }, from: 'vp', question: 'ETA for a fix?', answerWithinSeconds: 60 },
  { id: 'late', at: 300, when: { alertFiring: 'slo-burn-1h-5m' }, from: 'customer-success', question: 'Can I tell our biggest customer it is handled?' },
];

describe('stakeholder questions', () => {
  it('are asked at their time or when their condition holds, as visible annotations', () => {
    const sim = createSimulation(scenario(questions), { seed: 3 });
    sim.runUntil(400);
    const asked = sim.summary().stakeholders.asked;
    expect(asked.map((q) => q.id)).toEqual(['deploy-risk', 'errors', 'eta', 'late']);
    const at = Object.fromEntries(asked.map((q) => [q.id, q.askedAt]));
    expect(at['deploy-risk']).toBe(30);
    // The error ratio over the last minute passes 5% some seconds after the certificate expires, then holds 10 s.
    expect(at['errors']).toBeGreaterThan(70);
    expect(at['eta']).toBe(sim.summary().incident.detectedAt! + 0);
    expect(at['late']).toBe(300);
    const notes = sim.annotationList().filter((a) => a.kind === 'stakeholder');
    expect(notes.map((a) => a.text)).toContain('support asks: Customers cannot check out. What is happening?');
  });

  it('a status update answers the open ones within their deadline; the rest are listed as unanswered', () => {
    const sim = createSimulation(scenario(questions), { seed: 3 });
    const detected = () => sim.summary().incident.detectedAt;
    sim.runUntil(50);
    expect(sim.statusUpdate()).toBe(1); // the VP's first question
    sim.runUntil(200);
    expect(detected()).not.toBeNull();
    // More than 60 s after detection: the ETA question has escalated; the support one is still open.
    expect(200 - detected()!).toBeGreaterThan(60);
    expect(sim.statusUpdate()).toBe(1);
    sim.runUntil(400);
    const s = sim.summary().stakeholders;
    expect(s.asked.find((q) => q.id === 'deploy-risk')!.answeredAt).toBe(50);
    expect(s.asked.find((q) => q.id === 'errors')!.answeredAt).toBe(200);
    expect(s.unanswered.map((q) => q.id)).toEqual(['eta', 'late']);
    expect(s.unanswered[0]).toMatchObject({ from: 'vp', question: 'ETA for a fix?' });
  });

  it('are deterministic: the same run gives the same bytes, and a quiet scenario has none', () => {
    const play = () => {
      const sim = createSimulation(scenario(questions), { seed: 8 });
      sim.runUntil(120);
      sim.statusUpdate();
      sim.runUntil(400);
      return JSON.stringify([sim.summary(), sim.annotationList(true)]);
    };
    expect(play()).toBe(play());
    const quiet = createSimulation(defaultScenario({ durationSeconds: 60 }), { seed: 1 });
    quiet.runUntil(60);
    expect(quiet.summary().stakeholders).toEqual({ asked: [], unanswered: [] });
  });

  it('reach the console: asked in a frame, answered by the status-update comms action', () => {
    const { run } = ConsoleRun.load({ source: { kind: 'custom', scenario: scenario(questions.slice(0, 1)) }, seed: 1, warmupSeconds: 60 });
    const frames = run.advance(100);
    const asked = frames.find((f) => f.annotations.some((a) => a.kind === 'stakeholder'));
    // Moved by the warm-up like everything else the scenario times.
    expect(asked?.t).toBe(90);
    const update = run.act({ type: 'status-update', impact: 'Checkout fails for some users', nextUpdateMinutes: 30 });
    expect(update.message).toContain('answers 1 stakeholder question');
    expect(run.reveal().summary.stakeholders.unanswered).toEqual([]);
  });
});

describe('the stakeholder schema names the field that is wrong', () => {
  const issues = (stakeholders: unknown[]) => {
    try {
      parseScenario({ ...scenario([]), stakeholders });
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };

  it.each([
    [[{ from: 'vp', question: 'ETA?' }], 'stakeholders.0.at: give `at` (seconds), `when` (a condition), or both'],
    [[{ at: 10, from: 'ceo', question: 'ETA?' }], 'stakeholders.0.from'],
    [[{ at: 10, from: 'vp', question: '' }], 'stakeholders.0.question'],
    [[{ when: { metric: 'edge.errorRatio' }, from: 'vp', question: 'ETA?' }], 'stakeholders.0.when.threshold: give the threshold for edge.errorRatio'],
    [[{ when: { incident: 'detected', alertFiring: 'x' }, from: 'vp', question: 'ETA?' }], 'stakeholders.0.when: give exactly one of'],
    [[{ when: { alertFiring: 'nope' }, from: 'vp', question: 'ETA?' }], 'stakeholders.0.when.alertFiring: unknown alert "nope"'],
    [[{ at: 5000, from: 'vp', question: 'ETA?' }], 'stakeholders.0.at: asked at 5000 s, after the run ends'],
    [[{ at: 1, from: 'vp', question: 'a', colour: 'red' }], 'stakeholders.0'],
  ])('%j', (input, expected) => {
    expect(issues(input)).toContain(expected);
  });

  it('accepts a valid list', () => {
    expect(issues(questions)).toBe('');
  });
});
