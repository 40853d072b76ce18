import { describe, expect, it } from 'vitest';
import { encodeRun, RunFileError, runRecord, runToJson } from '../../../src/console/share';
import { LIVE_INTERVIEW, sampleLog } from '../../../src/interview/live';
import { hintAt, hintLadder, readRun } from '../../../src/interview/solo';

const record = (over: Partial<{ scenario: string; seed: number; log: ReturnType<typeof sampleLog> }> = {}) =>
  runRecord({
    scenario: over.scenario ?? LIVE_INTERVIEW.scenario,
    seed: over.seed ?? LIVE_INTERVIEW.seed,
    warmupSeconds: LIVE_INTERVIEW.warmupSeconds,
    reachedSeconds: 2100,
    log: (over.log ?? sampleLog()).map((l) => ({ ...l, accepted: true })) as never,
  });

describe('readRun: a run brought back from the console', () => {
  it('reads an exported run file', async () => {
    const r = await readRun(runToJson(record()));
    expect(r.log).toHaveLength(sampleLog().length);
    expect(r.seed).toBe(LIVE_INTERVIEW.seed);
  });

  it('reads a whole share link, a relative one, and the bare run parameter', async () => {
    const param = await encodeRun(record());
    for (const text of [`http://localhost:4321/drills/bad-deploy/?run=${param}`, `/drills/bad-deploy/?seed=7&run=${param}`, param]) {
      expect((await readRun(text)).log).toHaveLength(sampleLog().length);
    }
  });

  it('refuses a run of another drill or seed, saying which interview to play', async () => {
    await expect(readRun(runToJson(record({ seed: 8 })))).rejects.toThrow(/seed 8; the interview is bad-deploy on seed 7/);
    await expect(readRun(runToJson(record({ scenario: 'crash-loop' })))).rejects.toThrow(/This run is of crash-loop/);
  });

  it('says what is wrong with empty input, an empty run, a link without a run, and a damaged file', async () => {
    await expect(readRun('  ')).rejects.toThrow(/Nothing to score yet/);
    await expect(readRun(runToJson(record({ log: [] })))).rejects.toThrow(/no actions/);
    await expect(readRun('http://localhost:4321/drills/bad-deploy/?seed=7')).rejects.toThrow(/no run in it/);
    await expect(readRun('{"format":"blast-radius-run"')).rejects.toThrow(RunFileError);
    await expect(readRun('not+a+run')).rejects.toThrow(/damaged/);
  });
});

describe('hints', () => {
  it('hands out the ladder in order and stamps each in console seconds after the warm-up', () => {
    expect(hintLadder({ question: 'q', where: 'w', action: 'a' })).toEqual(['q', 'w', 'a']);
    expect(hintAt(125_400, 'q', 300)).toEqual({ at: 425, text: 'q' });
  });
});
