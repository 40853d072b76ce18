/**
 * The service map as data: one node per component on the request path (clients -> edge -> load
 * balancer -> instances by version -> cache, database, dependencies, queue), each with a health
 * status and a one-line reading. The thresholds that turn numbers into "warn" and "bad" live here,
 * tested, so the SVG only draws.
 */
import { compactNumber, percentText } from './format';
import type { Frame, PlayerScenario } from './protocol';

export type Health = 'ok' | 'warn' | 'bad' | 'idle';

export interface MapNode {
  id: string;
  label: string;
  /** The Dashboards group this node's charts are in. */
  charts: string;
  column: number;
  status: Health;
  /** Short readings, one per line. */
  lines: string[];
}

export interface MapModel {
  nodes: MapNode[];
  edges: [string, string][];
}

const worst = (...hs: Health[]): Health => (hs.includes('bad') ? 'bad' : hs.includes('warn') ? 'warn' : hs.every((h) => h === 'idle') ? 'idle' : 'ok');
/** Error ratio: warn above 0.5% (five times a 99.9% SLO's allowance), bad above 5%. */
export function errorHealth(errors: number, rate: number): Health {
  if (!(rate > 0)) return 'idle';
  const r = errors / rate;
  return r > 0.05 ? 'bad' : r > 0.005 ? 'warn' : 'ok';
}
/** Saturation (0..1 of capacity busy): warn from 80%, bad from 95%, where queues grow without bound. */
export function saturationHealth(u: number): Health {
  if (!Number.isFinite(u)) return 'idle';
  return u >= 0.95 ? 'bad' : u >= 0.8 ? 'warn' : 'ok';
}

const m = (f: Frame, key: string) => {
  const v = f.metrics[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : NaN;
};

export function serviceMap(f: Frame, s: PlayerScenario): MapModel {
  const nodes: MapNode[] = [];
  const edges: [string, string][] = [];
  const errRatio = (red: { rate: number; errors: number }) => (red.rate > 0 ? percentText(red.errors / red.rate) : '—');
  nodes.push({ id: 'clients', label: `Clients (${s.sources.join(', ')})`, charts: 'edge', column: 0, status: 'ok', lines: [`${compactNumber(f.requests.arrived > 0 ? f.edge.rate : 0)} req/s`] });
  const edgeLatency: Health = f.edge.p99Ms > s.slo.latencyThresholdMs * 2 ? 'bad' : f.edge.p99Ms > s.slo.latencyThresholdMs ? 'warn' : 'ok';
  nodes.push({ id: 'edge', label: 'Edge', charts: 'edge', column: 1, status: worst(errorHealth(f.edge.errors, f.edge.rate), edgeLatency), lines: [`${errRatio(f.edge)} errors`, `p99 ${Math.round(f.edge.p99Ms)} ms`] });
  const ready = f.instances.filter((i) => i.phase === 'ready').length;
  const lbHealth: Health = ready === 0 ? 'bad' : ready < f.desiredReplicas ? 'warn' : 'ok';
  nodes.push({ id: 'lb', label: 'Load balancer', charts: 'service', column: 2, status: lbHealth, lines: [`${ready} of ${f.desiredReplicas} ready`] });
  edges.push(['clients', 'edge'], ['edge', 'lb']);

  const versions = [...new Set(f.instances.map((i) => i.version))].sort();
  for (const v of versions) {
    const group = f.instances.filter((i) => i.version === v);
    const cpu = group.map((i) => m(f, `instance.${i.name}.cpu`)).filter(Number.isFinite);
    const avg = cpu.length ? cpu.reduce((a, b) => a + b, 0) / cpu.length : NaN;
    const unready = group.filter((i) => i.phase !== 'ready').length;
    const phases = unready ? `${group.length - unready} ready, ${unready} ${[...new Set(group.filter((i) => i.phase !== 'ready').map((i) => i.phase))].join('/')}` : `${group.length} ready`;
    const crashed = group.some((i) => /crash|fail|terminat/.test(i.phase));
    const pools = [...new Set(group.map((i) => i.pool))].filter((p) => p !== 'stable');
    nodes.push({
      id: `version:${v}`,
      label: `${s.service.name} ${v}${pools.length ? ` (${pools.join(', ')})` : ''}`,
      charts: 'instances',
      column: 3,
      status: worst(saturationHealth(avg), crashed ? 'bad' : unready ? 'warn' : 'ok'),
      lines: [phases, Number.isFinite(avg) ? `CPU ${percentText(avg, 0)}` : 'CPU —'],
    });
    edges.push(['lb', `version:${v}`]);
  }
  const backends: MapNode[] = [];
  if (f.cache && s.components.cache) {
    const hit = f.cache.hitRatio;
    const status: Health = !Number.isFinite(hit) ? 'idle' : hit < 0.2 ? 'bad' : hit < 0.45 ? 'warn' : 'ok';
    backends.push({ id: 'cache', label: 'Cache', charts: 'cache', column: 4, status, lines: [`hit ${percentText(hit, 0)}`, `fill ${percentText(f.cache.size / f.cache.capacity, 0)}`] });
  }
  if (f.database && s.components.database) {
    const db = f.database;
    const util = Math.max(...db.pool.map((p) => m(f, `db.${p.node}.poolUtilization`)).filter(Number.isFinite), 0);
    const waiting = db.pool.reduce((n, p) => n + p.waiting, 0);
    const state: Health = db.state === 'healthy' ? 'ok' : 'bad';
    const red = { rate: m(f, 'db.rate'), errors: m(f, 'db.errors') };
    backends.push({
      id: 'database',
      label: 'Database',
      charts: 'database',
      column: 4,
      status: worst(state, saturationHealth(util), waiting > 20 ? 'bad' : waiting > 0 ? 'warn' : 'ok', errorHealth(red.errors, red.rate)),
      lines: [db.state === 'healthy' ? `pool ${percentText(util, 0)} busy` : db.state, waiting ? `${waiting} waiting` : db.replica ? `${db.primary} + ${db.replica}, lag ${Math.round(db.replicaLagSeconds)} s` : `${db.primary}, no replica`],
    });
  }
  for (const d of s.components.dependencies) {
    const breaker = f.breakers.find((b) => b.dependency === d)?.state ?? 'none';
    const red = { rate: m(f, `dep.${d}.rate`), errors: m(f, `dep.${d}.errors`) };
    const b: Health = breaker === 'open' ? 'bad' : breaker === 'half-open' ? 'warn' : 'ok';
    backends.push({
      id: `dep:${d}`,
      label: d.charAt(0).toUpperCase() + d.slice(1),
      charts: `dep:${d}`,
      column: 4,
      status: worst(b, errorHealth(red.errors, red.rate)),
      lines: [`${Number.isFinite(red.rate) && red.rate > 0 ? percentText(red.errors / red.rate) : '—'} errors`, `breaker ${breaker}`],
    });
  }
  if (f.queue && s.components.queue) {
    const util = m(f, 'mq.utilization');
    const depth = f.queue.depth;
    backends.push({
      id: 'queue',
      label: 'Order queue',
      charts: 'queue',
      column: 4,
      status: worst(depth > 1000 ? 'bad' : depth > 100 ? 'warn' : 'ok', saturationHealth(util)),
      lines: [`${compactNumber(depth)} waiting`, `workers ${percentText(util, 0)} busy`],
    });
  }
  for (const b of backends) {
    nodes.push(b);
    for (const v of versions) edges.push([`version:${v}`, b.id]);
  }
  return { nodes, edges };
}

export const HEALTH_TEXT: Record<Health, string> = { ok: 'healthy', warn: 'degraded', bad: 'failing', idle: 'idle' };
