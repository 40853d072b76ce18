/** What the panels show, derived from a real bad-deploy run: alerts and MTTA, the incident, the timeline, the map, the charts. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ChartBuffer, chartGroups, value } from '../../../src/console/charts';
import { drillCatalogue, drillsForLesson } from '../../../src/console/drill-catalogue';
import { drillOutcome, drillResult } from '../../../src/console/drill-outcome';
import { clockText, durationText, percentText } from '../../../src/console/format';
import { FrameStore } from '../../../src/console/frame-store';
import { alertsView, FIRST_UPDATE_DUE_SECONDS, incidentView, timelineView } from '../../../src/console/incident-view';
import { errorHealth, saturationHealth, serviceMap } from '../../../src/console/map-model';
import { shortcutFor } from '../../../src/console/shortcuts';
import { ConsoleRun } from '../../../src/console/run';
import type { Frame } from '../../../src/console/protocol';

const WARM = 300;
let run: ConsoleRun;
let store: FrameStore;
let firedAt: number;

beforeAll(() => {
  const loaded = ConsoleRun.load({ source: { kind: 'builtin', id: 'bad-deploy' }, seed: 4, warmupSeconds: WARM });
  run = loaded.run;
  store = new FrameStore();
  store.replace(loaded.frames);
  store.append(run.runToAlert());
  firedAt = run.t;
  store.append(run.advance(run.t + 90));
  run.act({ type: 'acknowledge' });
  run.act({ type: 'declare-incident', severity: 2, summary: 'checkout errors' });
  run.act({ type: 'assign-role', role: 'IC', person: 'Sam' });
  run.act({ type: 'silence-alert', alert: 'slo-burn-6h-30m', minutes: 30 });
  store.append(run.advance(run.t + 30));
  run.act({ type: 'status-update', impact: 'a quarter of requests fail', currentAction: 'rolling back', nextUpdateMinutes: 10 });
  run.act({ type: 'rollback' });
}, 60_000);

describe('alerts', () => {
  it('lists each burn-rate rule with its state, measures MTTA from the first page to the acknowledgement, and shows silences', () => {
    const view = alertsView(store, run.log, run.t);
    expect(view.rows.map((r) => r.id)).toEqual(['slo-burn-1h-5m', 'slo-burn-6h-30m', 'slo-burn-1d-2h', 'slo-burn-3d-6h']);
    const page = view.rows.find((r) => r.state === 'firing' && r.severity === 'page')!;
    expect(page.firedAt).toBe(firedAt);
    expect(view.firstFiredAt).toBe(firedAt);
    expect(view.mtta).toBe(90);
    expect(view.needsAck).toBe(false);
    expect(view.rows.find((r) => r.id === 'slo-burn-6h-30m')!.silencedUntil).toBe(firedAt + 90 + 1800);
  });

  it('names burn-rate alerts in words', async () => {
    const { alertTitle } = await import('../../../src/console/incident-view');
    expect(alertTitle('slo-burn-1h-5m')).toBe('Error budget burning 14.4x (1 h and 5 min windows)');
    expect(alertTitle('slo-burn-3d-6h')).toBe('Error budget burning 1x (3 days and 6 h windows)');
    expect(alertTitle('custom-rule')).toBe('custom-rule');
  });

  it('asks for an acknowledgement while a page fires and nobody took it', () => {
    expect(alertsView(store, [], run.t).needsAck).toBe(true);
  });
});

describe('the incident', () => {
  it('follows declaration, roles and status updates, and reminds when an update is overdue', () => {
    const at = firedAt + 90;
    const view = incidentView(run.log, at + 60);
    expect(view).toMatchObject({ declaredAt: at, severity: 2, summary: 'checkout errors', roles: { IC: 'Sam' }, resolvedAt: null, overdueBy: 0 });
    expect(view.updates).toHaveLength(1);
    expect(view.nextUpdateDue).toBe(at + 30 + 600);
    expect(incidentView(run.log, at + 30 + 600 + 45).overdueBy).toBe(45);
    // Before the first update, it is due a fixed time after declaring.
    expect(incidentView(run.log.slice(0, 3), at).nextUpdateDue).toBe(at + FIRST_UPDATE_DUE_SECONDS);
    const resolved = [...run.log, { at: at + 700, action: { type: 'resolve-incident' as const }, accepted: true, message: 'resolved' }];
    expect(incidentView(resolved, at + 5000)).toMatchObject({ resolvedAt: at + 700, nextUpdateDue: null, overdueBy: 0 });
  });
});

describe('the timeline', () => {
  it('merges annotations with comms in time order, once each', () => {
    const entries = timelineView(store, run.log);
    const texts = entries.map((e) => e.text);
    expect(entries.map((e) => e.t)).toEqual([...entries.map((e) => e.t)].sort((a, b) => a - b));
    expect(texts.some((t) => /deploys v2/.test(t))).toBe(true);
    expect(texts).toContain('incident declared, SEV-2: checkout errors');
    expect(texts).toContain('IC: Sam');
    expect(entries.filter((e) => e.kind === 'alert').length).toBeGreaterThan(0);
    expect(texts.filter((t) => t === 'operator: incident acknowledged')).toHaveLength(1);
  });
});

describe('the service map', () => {
  it('puts every component on the request path with a status a reader gets without colour', () => {
    const map = serviceMap(store.latest!, run.player);
    expect(map.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['clients', 'edge', 'lb', 'version:v2', 'cache', 'database', 'dep:payments', 'queue']));
    expect(map.nodes.find((n) => n.id === 'edge')!.status).not.toBe('ok');
    expect(map.edges).toContainEqual(['lb', 'version:v2']);
    expect(errorHealth(1, 1000)).toBe('ok');
    expect(errorHealth(10, 1000)).toBe('warn');
    expect(errorHealth(100, 1000)).toBe('bad');
    expect(errorHealth(0, 0)).toBe('idle');
    expect(saturationHealth(0.85)).toBe('warn');
    expect(saturationHealth(0.97)).toBe('bad');
  });
});

describe('the dashboards', () => {
  it('has RED, USE and SLO groups matching the map, with the burn-rate thresholds', () => {
    const groups = chartGroups(run.player, ['api-1', 'api-2'], ['db-1', 'db-2']);
    expect(groups.map((g) => g.id)).toEqual(['slo', 'edge', 'service', 'instances', 'database', 'cache', 'dep:payments', 'queue']);
    expect(groups[0]!.charts[0]!.thresholds!.map((t) => t.value)).toEqual([14.4, 6, 3, 1]);
    const mapCharts = new Set(serviceMap(store.latest!, run.player).nodes.map((n) => n.charts));
    for (const id of mapCharts) expect(groups.some((g) => g.id === id), id).toBe(true);
  });

  it('buffers columns by appending, fills a new series back, and rebuilds after a rewind', () => {
    const s = new FrameStore();
    const frames = store.frames;
    s.replace(frames.slice(0, 100));
    const buffer = new ChartBuffer(WARM);
    const rate = buffer.column('edge.rate', s);
    expect(buffer.sync(s)).toBe(true);
    expect(buffer.x).toHaveLength(100);
    expect(buffer.x[0]).toBe(frames[0]!.t - WARM);
    s.append(frames.slice(100, 150));
    buffer.sync(s);
    expect(rate).toHaveLength(150);
    const errors = buffer.column('errorPct:edge', s);
    expect(errors).toHaveLength(150);
    expect(errors[149]).toBeCloseTo((100 * frames[149]!.edge.errors) / frames[149]!.edge.rate, 9);
    expect(buffer.sync(s)).toBe(false);
    s.replace(frames.slice(0, 20));
    buffer.sync(s);
    expect(rate).toHaveLength(20);
    expect(value({ metrics: { 'cache.hitRatio': 0.5 } } as unknown as Frame, 'pct:cache.hitRatio')).toBe(50);
  });
});

describe('formatting and shortcuts', () => {
  it('writes the clock from the player join, negative in the warm-up', () => {
    expect(clockText(1800, 1800)).toBe('T+00:00');
    expect(clockText(1800 + 312, 1800)).toBe('T+05:12');
    expect(clockText(1800 + 3725, 1800)).toBe('T+62:05');
    expect(clockText(1200, 1800)).toBe('T-10:00');
    expect(durationText(130)).toBe('2 min 10 s');
    expect(durationText(null)).toBe('—');
    expect(percentText(0.0021)).toBe('0.21%');
  });

  it('maps keys to commands, but not while typing or when Space presses a button', () => {
    const k = (key: string, mod: Partial<{ ctrlKey: boolean; metaKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...mod });
    expect(shortcutFor(k(' '), 'other')).toEqual({ type: 'TOGGLE' });
    expect(shortcutFor(k(' '), 'control')).toBeNull();
    expect(shortcutFor(k('4'), 'other')).toEqual({ type: 'SPEED', speed: 10 });
    expect(shortcutFor(k('5'), 'other')).toEqual({ type: 'SPEED', speed: 60 });
    expect(shortcutFor(k('n'), 'text')).toBeNull();
    expect(shortcutFor(k('k', { ctrlKey: true }), 'text')).toEqual({ type: 'palette' });
    expect(shortcutFor(k('?'), 'other')).toEqual({ type: 'help' });
  });
});

describe('drills', () => {
  it('are the built-in scenarios with faults, with briefings and criteria in words', () => {
    const drills = drillCatalogue();
    expect(drills.map((d) => d.id).slice(0, 3)).toEqual(['bad-deploy', 'cache-flush-stampede', 'retry-storm']);
    expect(drills.map((d) => d.id)).toContain('checkpoint-junior');
    expect(drills[0]!.excerpt).toBe('You are on call for the shop API.');
    expect(drills[0]!.successCriteria[0]).toMatch(/within 15 min/);
  });

  it('a lesson leads to the drills whose scenario names it', () => {
    expect(drillsForLesson({ id: 'deploy-strategies' }).map((d) => d.id)).toEqual(['bad-deploy']);
    expect(drillsForLesson({ id: 'canary-releases' }).map((d) => d.id)).toEqual(['canary-stop', 'checkpoint-mid']);
    expect(drillsForLesson({ id: 'timeouts-retries' }).map((d) => d.id)).toEqual(['retry-storm']);
    expect(drillsForLesson({ id: 'idempotency' }).map((d) => d.id)).toEqual(['double-charge']);
    expect(drillsForLesson({ id: 'no-such-lesson' })).toEqual([]);
  });

  it('turn a finished run into criteria passed or failed, timings and the revealed root cause', () => {
    const { run: r } = ConsoleRun.load({ source: { kind: 'builtin', id: 'bad-deploy' }, seed: 4, warmupSeconds: 60 });
    r.runToAlert();
    r.act({ type: 'acknowledge' });
    r.act({ type: 'rollback' });
    r.advance(r.end);
    const outcome = drillOutcome(r.reveal(), r.player);
    expect(outcome.criteria.map((c) => c.text)).toEqual(r.player.successCriteria);
    expect(outcome.passed).toBe(outcome.criteria.every((c) => c.passed));
    expect(outcome.criteria[0]!.detail).toMatch(/^mitigated after/);
    expect(outcome.timings.mtta).not.toBeNull();
    expect(outcome.rootCause).toMatch(/null check/);
    expect(outcome.faults).toEqual([{ type: 'bad-deploy', from: 300, until: null }]);
    expect(drillResult(outcome, 4)).toEqual({ passed: outcome.passed, budgetBurnedPercent: outcome.budgetBurnedPercent, mitigatedSeconds: outcome.mitigatedSeconds, seed: 4 });
  });
});

describe('the briefing baseline', () => {
  it('measures normal on the warm-up: traffic, errors, a typical p99, CPU, cache hits', async () => {
    const { baseline } = await import('../../../src/console/baseline');
    const b = baseline(store.frames.slice(0, WARM))!;
    expect(b.seconds).toBe(WARM);
    expect(b.requestsPerSecond).toBeGreaterThan(150);
    expect(b.errorRatio).toBeLessThan(0.001);
    expect(b.p99Ms).toBeGreaterThan(20);
    expect(b.cpu).toBeGreaterThan(0.05);
    expect(b.cacheHitRatio).toBeGreaterThan(0.3);
    expect(baseline([])).toBeNull();
  });
});
