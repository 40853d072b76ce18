import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEstimate, designExerciseSchema, EXERCISES, getExercise, type EstimateStep } from '../../../src/interview/exercises';

const root = join(import.meta.dirname, '../../..');
const estimates = EXERCISES.flatMap((e) => e.steps.filter((s): s is EstimateStep => s.kind === 'estimate').map((s) => [`${e.id}/${s.id}`, s] as const));

describe('design exercises', () => {
  it('are the four practice problems, each with a number checked in a lab and lessons that exist', () => {
    expect(EXERCISES.map((e) => e.id)).toEqual(['blue-green-pipeline', 'autoscaled-deployment', 'microservice-dashboard', 'database-failover-runbook']);
    for (const e of EXERCISES) {
      expect(e.steps.some((s) => s.kind === 'estimate'), e.id).toBe(true);
      for (const l of e.lessons) expect(existsSync(join(root, 'lessons', l, 'index.mdx')), `${e.id} -> ${l}`).toBe(true);
    }
  });

  it.each(estimates)('%s: the lab agrees with the reference answer', (_, step) => {
    const result = checkEstimate(step, step.reference);
    expect(result.ok, result.message).toBe(true);
  });

  it.each(estimates.filter(([, s]) => s.check.lab === 'queue-servers'))('%s: one fewer does not meet the target (the reference is the smallest)', (_, step) => {
    const result = checkEstimate(step, step.reference - 1);
    expect(result.ok, result.message).toBe(false);
    expect(result.runs.map((r) => r.servers)).toEqual([step.reference - 1, step.reference]);
    expect(result.message).toMatch(/over the \d+ ms target/);
  });

  it('says why an answer is impossible or far off', () => {
    const pods = getExercise('autoscaled-deployment')!.steps.find((s) => s.id === 'peak-instances') as EstimateStep;
    expect(checkEstimate(pods, 12)).toMatchObject({ ok: false, message: expect.stringMatching(/grows without bound.*more than 16/) });
    expect(checkEstimate(pods, 2.5).message).toMatch(/whole number/);
    expect(checkEstimate(pods, Number.NaN).message).toBe('Enter a number first.');
    const util = getExercise('autoscaled-deployment')!.steps.find((s) => s.id === 'hpa-target') as EstimateStep;
    expect(checkEstimate(util, 50)).toMatchObject({ ok: false, message: expect.stringMatching(/^The lab measured 8\d(\.\d)? % busy; you said 50\. Outside/) });
  });

  it('the schema refuses an exercise without a lab-checked number, or with duplicate steps', () => {
    const e = getExercise('blue-green-pipeline')!;
    const designOnly = designExerciseSchema.safeParse({ ...e, steps: e.steps.filter((s) => s.kind === 'design') });
    expect(designOnly.error?.issues[0]?.message).toBe('an exercise needs at least one number checked in a lab');
    const dup = designExerciseSchema.safeParse({ ...e, steps: [...e.steps, e.steps[0]] });
    expect(dup.error?.issues[0]?.message).toBe('duplicate step id "stages"');
  });
});
