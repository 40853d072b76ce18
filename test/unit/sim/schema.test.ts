import { describe, expect, it } from 'vitest';
import {
  actionLogSchema,
  FAULT_TYPES,
  getScenario,
  parseScenario,
  SCENARIO_IDS,
  SCENARIOS,
  scenarioSchema,
} from '../../../src/sim/index';
import { tinyScenario } from './helpers';

describe('scenarios as data', () => {
  it('ships bad-deploy, cache-flush-stampede and retry-storm, all valid', () => {
    expect(SCENARIO_IDS).toEqual(expect.arrayContaining(['bad-deploy', 'cache-flush-stampede', 'retry-storm']));
    for (const id of SCENARIO_IDS) {
      const s = getScenario(id);
      expect(s.id).toBe(id);
      expect(scenarioSchema.safeParse(SCENARIOS[id]!()).success).toBe(true);
      if (id !== 'baseline') {
        expect(s.faults.length).toBeGreaterThan(0);
        expect(s.rootCause.summary.length).toBeGreaterThan(20);
        expect(s.success.length).toBeGreaterThan(0);
      }
    }
  });

  it('round-trips through JSON (the site can load scenarios from files)', () => {
    const s = getScenario('retry-storm');
    expect(parseScenario(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('fills defaults for everything a scenario leaves out', () => {
    const s = parseScenario(tinyScenario(10));
    expect(s.slo.availability).toBe(0.999);
    expect(s.topology.service.lb).toBe('least-connections');
    expect(s.traffic.sources[0]!.retry.backoff.kind).toBe('none');
    expect(s.alerts.burnRate).toBe(true);
  });

  it('names the field and the fix when a scenario is wrong', () => {
    const bad = tinyScenario(10);
    bad.topology!.routes = [{ id: 'api', steps: ['cpu', 'call:stripe'] }];
    expect(() => parseScenario(bad)).toThrow(/topology\.routes\.0\.steps\.1: unknown dependency "stripe"; declare it under dependencies/);
    const noRoute = tinyScenario(10);
    noRoute.traffic!.sources[0]!.routes = { nope: 1 };
    expect(() => parseScenario(noRoute)).toThrow(/traffic\.sources\.0\.routes\.nope: unknown route "nope"; known: api/);
    const noDb = tinyScenario(10, { faults: [{ type: 'slow-queries', at: 5 }] });
    expect(() => parseScenario(noDb)).toThrow(/faults\.0\.type: fault "slow-queries" needs a database/);
    expect(() => parseScenario({ ...tinyScenario(10), id: 'Bad Id' })).toThrow(/id: use a lowercase kebab-case id/);
    expect(() => parseScenario({ ...tinyScenario(10), faults: [{ type: 'meteor', at: 1 }] })).toThrow(/faults\.0\.type/);
  });

  it('has at least 14 fault types', () => {
    expect(FAULT_TYPES.length).toBeGreaterThanOrEqual(14);
  });

  it('validates action logs', () => {
    expect(actionLogSchema.safeParse([{ at: 10, action: { type: 'rollback' } }]).success).toBe(true);
    expect(actionLogSchema.safeParse([{ at: -1, action: { type: 'rollback' } }]).success).toBe(false);
    expect(actionLogSchema.safeParse([{ at: 1, action: { type: 'reboot-universe' } }]).success).toBe(false);
    expect(actionLogSchema.safeParse([{ at: 1, action: { type: 'scale', replicas: -2 } }]).success).toBe(false);
  });
});
