import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { getScenario, parseScenario } from '../../../src/sim/index';
import { startRelay, type Relay } from '../../../src/server/workshop/relay';
import { loadPack, MAX_PACK_FILE_BYTES, PackFileError, parsePackFile } from '../../../src/workshop/pack';
import { workshopScript, workshopScripts } from '../../../src/workshop/script';
import { startFacilitator, startPlayer, until } from './harness';

const EXAMPLE = 'workshops/bad-deploy-onboarding.yaml';
const text = readFileSync(EXAMPLE, 'utf8');
const scripts = workshopScripts();
const fromScenario = (s: Record<string, unknown>) => workshopScript(parseScenario(s));

function problems(fileName: string, body: string): string[] {
  try {
    loadPack(fileName, body, scripts, fromScenario);
  } catch (error) {
    expect(error).toBeInstanceOf(PackFileError);
    expect((error as Error).message).toContain(fileName);
    return (error as PackFileError).problems;
  }
  throw new Error('the pack was accepted');
}

describe('scenario packs', () => {
  it('parses the example pack: phases with notes and timing, a timed message, hand-written contingencies, a rubric', () => {
    const pack = parsePackFile(EXAMPLE, text);
    expect(pack.phases.map((p) => p.from)).toEqual([0, 300, 600, 1200]);
    expect(pack.phases[1]!.notes).toContain('T+5');
    const script = loadPack(EXAMPLE, text, scripts, fromScenario);
    // The drill's fault stays at its time; the pack's message joins it.
    expect(script.injects.map((i) => [i.id, i.at, i.fault === null])).toEqual([
      ['v2-errors', 300, false],
      ['support-tickets', 420, true],
    ]);
    expect(script.contingencies).toEqual([
      { id: 'no-status-update', by: 720, expected: ['status-update'], from: 'Head of Support', text: expect.stringContaining('status page') },
      { id: 'no-rollback', by: 840, expected: ['rollback', 'deploy'], from: 'VP Engineering', text: expect.stringContaining('minute 14') },
    ]);
    expect(script.pack).toMatchObject({ title: 'First incident, bad deploy', prepMinutes: 10 });
    expect(script.pack!.rubric).toHaveLength(5);
  });

  it('carries its own scenario instead of a drill id (JSON), and may drop the drill faults for its own', () => {
    const scenario = JSON.parse(JSON.stringify(getScenario('bad-deploy')));
    const pack = {
      format: 'blast-radius-workshop-pack',
      version: 1,
      title: 'Own scenario',
      scenario: { ...scenario, id: 'my-team-drill' },
      drillFaults: false,
      injects: [{ at: 2, fault: { type: 'bad-deploy', version: 'v2', strategy: 'rolling', errorRate: 0.5 } }],
    };
    const script = loadPack('own.json', JSON.stringify(pack), scripts, fromScenario);
    expect(script.id).toBe('my-team-drill');
    expect(script.injects).toEqual([expect.objectContaining({ id: 'inject-1', at: 120, fault: expect.objectContaining({ errorRate: 0.5 }) })]);
    // Without hand-written ones, contingencies come from par.
    expect(script.contingencies.map((c) => c.id)).toEqual(['no-acknowledge', 'no-rollback']);
  });

  it('names the file, the field and the line of each problem', () => {
    const bad = text
      .replace('ifNo: status-update', 'ifNo: status-updat')
      .replace('at: T+07:00', 'at: T+7')
      .replace('drill: bad-deploy', 'drill: bad-deploy\nsurprise: true');
    const found = problems('team.yaml', bad);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^contingencies\.0\.ifNo\.0: "status-updat" is not an action players can take; one of: .*status-update.* \(line \d+\)$/),
        expect.stringMatching(/^injects\.0\.at: .*T\+mm:ss.*\(line \d+\)$/),
        expect.stringMatching(/surprise/),
      ]),
    );
    expect(problems('team.yaml', text.replace('drill: bad-deploy', 'drill: no-such-drill'))).toEqual([expect.stringMatching(/^drill: there is no built-in drill "no-such-drill"; one of: .*bad-deploy/)]);
    expect(problems('team.yaml', 'format: blast-radius-workshop-pack\nversion: 1\ntitle: x\n  bad: indent')[0]).toMatch(/not valid YAML at line 4/);
    expect(problems('team.json', '{"format": ')[0]).toMatch(/not valid JSON/);
    expect(problems('team.yaml', '- a list')[0]).toMatch(/must hold one pack/);
    expect(problems('big.json', `{"pad": "${'x'.repeat(MAX_PACK_FILE_BYTES)}"}`)).toEqual(['it is 257 KB; a pack may be at most 256 KB']);
    const both = problems('team.json', JSON.stringify({ format: 'blast-radius-workshop-pack', version: 1, title: 'x', drill: 'bad-deploy', injects: [{ at: 1, fault: { type: 'bad-deploy', errorRate: 7 }, message: { from: 'a', text: 'b' } }] }));
    expect(both).toEqual(expect.arrayContaining([expect.stringMatching(/^injects\.0: an inject has either a fault or a message/), expect.stringMatching(/^injects\.0\.fault\.errorRate: /)]));
    expect(problems('team.json', JSON.stringify({ format: 'blast-radius-workshop-pack', version: 1, title: 'x' }))).toEqual([expect.stringMatching(/^drill: a pack names a built-in drill .* or carries a scenario/)]);
    expect(problems('team.json', JSON.stringify({ format: 'blast-radius-workshop-pack', version: 1, title: 'x', drill: 'bad-deploy', injects: [{ id: 'v2-errors', at: 1, message: { from: 'a', text: 'b' } }] }))).toEqual([
      expect.stringMatching(/"v2-errors" is used twice/),
    ]);
  });
});

describe('a workshop from the example pack', () => {
  let relay: Relay | null = null;
  const sockets: { close(): void }[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await relay?.close();
  });

  it('plays: the drill fault and the timed message fire, a hand-written contingency is met, the other sent', async () => {
    relay = await startRelay({ port: 0 });
    const script = loadPack(EXAMPLE, text, scripts, fromScenario);
    const fac = await startFacilitator(relay.url, script, 7, 120);
    const ada = await startPlayer(relay.url, fac.code, 'Ada');
    sockets.push(fac.ws, ada.ws);
    const step = async (seconds: number) => {
      for (let done = 0; done < seconds; done += 60) {
        fac.actor.send({ type: 'STEP', seconds: 60 });
        await fac.settle();
      }
    };
    await step(480);
    await until(() => ada.link.getSnapshot().messages.length === 1, 'the timed message');
    expect(ada.link.getSnapshot().messages[0]).toMatchObject({ kind: 'stakeholder', from: 'Support lead', at: 120 + 420 });
    expect(fac.core.getSnapshot().session.injects.map((i) => i.status)).toEqual(['fired', 'fired']);
    ada.actor.send({ type: 'ACT', action: { type: 'rollback' } });
    await until(() => fac.actor.getSnapshot().context.log.some((l) => l.action.type === 'rollback'), 'the rollback');
    await step(420);
    // No status update by T+12: Support asks; the rollback came before T+14: met.
    expect(fac.core.getSnapshot().session.contingencies.map((c) => [c.id, c.status])).toEqual([
      ['no-status-update', 'sent'],
      ['no-rollback', 'met'],
    ]);
    await until(() => ada.link.getSnapshot().messages.length === 2, 'the contingency');
    expect(ada.link.getSnapshot().messages[1]).toMatchObject({ from: 'Head of Support' });
    // The pack's notes never reach a player.
    expect(ada.received.join('\n')).not.toContain('Watch who opens');
  });
});
