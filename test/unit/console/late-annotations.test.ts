/**
 * An action taken between two seconds: what it sets off at once (the operator's annotation, a
 * deploy starting) belongs to the second it was taken in. Its frame is already on the page, so the
 * worker sends those annotations with the 'acted' answer and the page adds them to that frame; a
 * replay of the log puts them in the same frame.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { ConsoleHost } from '../../../src/console/host';
import { inProcessConnection } from '../../../src/console/in-process-connection';
import { FrameStore } from '../../../src/console/frame-store';
import { timelineView } from '../../../src/console/incident-view';
import { consoleMachine } from '../../../src/console/machine';
import type { Frame, FromWorker, ToWorker } from '../../../src/console/protocol';
import { ConsoleRun } from '../../../src/console/run';

const source = { kind: 'builtin' as const, id: 'baseline' };
const scale = { type: 'scale', replicas: 3 };
const scaleText = /operator: scale to 3 instances/;
const holding = (frames: readonly Frame[], text: RegExp) => frames.filter((f) => f.annotations.some((a) => text.test(a.text))).map((f) => f.t);

describe('annotations an action sets off', () => {
  it("come with the worker's answer to the action, and the next frames do not repeat them", () => {
    const out: FromWorker[] = [];
    const h = new ConsoleHost((m) => out.push(structuredClone(m)));
    const send = (m: unknown) => h.handle(structuredClone(m) as ToWorker);
    send({ type: 'load', source, seed: 1, warmupSeconds: 30 });
    send({ type: 'step', seconds: 5 });
    send({ type: 'act', action: scale });
    const acted = out.at(-1) as Extract<FromWorker, { type: 'acted' }>;
    expect(acted.record.at).toBe(35);
    expect(acted.annotations).toEqual([expect.objectContaining({ t: 35, kind: 'action', text: expect.stringMatching(scaleText) })]);
    send({ type: 'step', seconds: 10 });
    const later = out.flatMap((m) => (m.type === 'frames' ? m.frames : []));
    expect(later.at(-1)!.t).toBe(45);
    expect(holding(later, scaleText)).toEqual([]);
  });

  it('show in the Timeline while paused, in the frame of the second the action was taken in, as a replay has them', async () => {
    const connection = inProcessConnection();
    const frames = new FrameStore();
    const actor = createActor(consoleMachine, { input: { connection, frames } }).start();
    const settle = async () => {
      for (let i = 0; i < 5; i++) await connection.flush();
    };
    actor.send({ type: 'LOAD', request: { source, seed: 2, warmupSeconds: 30, skipBriefing: true } });
    await settle();
    actor.send({ type: 'STEP', seconds: 5 });
    await settle();
    actor.send({ type: 'ACT', action: scale });
    await settle();
    expect(actor.getSnapshot().matches({ session: 'paused' })).toBe(true);
    expect(frames.latest!.t).toBe(35);
    expect(timelineView(frames, actor.getSnapshot().context.log).filter((e) => scaleText.test(e.text))).toEqual([{ t: 35, kind: 'action', text: expect.stringMatching(scaleText) }]);
    expect(holding(frames.frames, scaleText)).toEqual([35]);

    actor.send({ type: 'STEP', seconds: 10 });
    await settle();
    expect(holding(frames.frames, scaleText)).toEqual([35]);
    // The same log replayed: the frames are the ones the page holds, annotations included.
    const { frames: replayed } = ConsoleRun.load({ source, seed: 2, warmupSeconds: 30, log: [{ at: 35, action: scale }] }, 45);
    expect(holding(replayed, scaleText)).toEqual([35]);
    expect(JSON.stringify(replayed.filter((f) => f.t > 30))).toBe(JSON.stringify(frames.frames.filter((f) => f.t > 30)));
    actor.stop();
  });
});
