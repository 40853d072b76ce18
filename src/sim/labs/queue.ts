import { z } from 'zod';
import type { ScenarioInput } from '../scenarios/schema';
import { Simulation } from '../core/simulation';
import type { Seed } from '../engine/prng';
import { mmc, type MmcResult } from './theory';

/**
 * The queue lab: one service with `servers` workers sharing one FIFO queue, Poisson arrivals and
 * exponential service times (M/M/c, or M/M/c/K with a queue limit). Nothing else in the system.
 */
export const queueLabSchema = z.object({
  arrivalRate: z.number().positive(),
  serviceRate: z.number().positive(),
  servers: z.number().int().min(1).max(1000),
  /** Waiting room; null = unbounded. */
  queueLimit: z.number().int().min(0).nullable().default(null),
  durationSeconds: z.number().positive().default(3600),
});
export type QueueLabParams = z.input<typeof queueLabSchema>;

export function queueLabScenario(input: QueueLabParams): ScenarioInput {
  const p = queueLabSchema.parse(input);
  return {
    id: 'queue-lab',
    title: `M/M/${p.servers}${p.queueLimit === null ? '' : `/${p.servers + p.queueLimit}`} queue`,
    durationSeconds: p.durationSeconds,
    topology: {
      service: {
        id: 'server',
        replicas: 1,
        workers: p.servers,
        queueLimit: p.queueLimit,
        serviceTime: { dist: 'exponential', meanMs: 1000 / p.serviceRate },
        lb: 'round-robin',
        bootSeconds: 0,
      },
      routes: [{ id: 'job', steps: ['cpu'] }],
    },
    traffic: { sources: [{ id: 'arrivals', rate: p.arrivalRate, timeoutMs: null, routes: { job: 1 } }] },
    alerts: { burnRate: false },
    telemetry: { logSampleRate: 0, errorLogsPerSecond: 0 },
  };
}

export interface QueueLabTheory extends Partial<MmcResult> {
  stable: boolean;
  note: string;
}

export function queueLabTheory(input: QueueLabParams): QueueLabTheory {
  const p = queueLabSchema.parse(input);
  const rho = p.arrivalRate / (p.servers * p.serviceRate);
  if (p.queueLimit !== null) return { stable: true, rho, note: 'finite queue (M/M/c/K): the Erlang C formulas assume an unbounded queue' };
  if (rho >= 1) return { stable: false, rho, note: 'utilisation >= 1: the queue grows without bound; there is no steady state' };
  return { stable: true, ...mmc(p.arrivalRate, p.serviceRate, p.servers), note: 'M/M/c steady state (Erlang C)' };
}

export function runQueueLab(input: QueueLabParams, seed: Seed = 1) {
  const p = queueLabSchema.parse(input);
  const sim = new Simulation(queueLabScenario(p), { seed, series: false });
  sim.runUntil(p.durationSeconds);
  return { summary: sim.summary(), theory: queueLabTheory(p), sim };
}
