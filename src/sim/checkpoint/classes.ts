import { Dependency } from '../model/dependency';
import { RetryBudget, RetryThrottle } from '../model/retry';
import { TrafficSource } from '../model/traffic';
import { MessageQueue } from '../model/messagequeue';
import { TokenBucket } from '../model/ratelimit';
import { BreakerWindow } from '../model/breaker';
import { AttemptTable, LogicalTable } from '../model/requests';
import { Sampler } from '../model/distribution';
import { Database, DbNode } from '../model/database';
import { Instance } from '../model/instance';
import { LruCache } from '../model/cache';
import { SloTracker } from '../telemetry/slo';
import { Histogram } from '../telemetry/histogram';
import { ItemSeries, SeriesStore } from '../telemetry/series';
import { RedMeter } from '../telemetry/red';
import { Annotations, LogBook } from '../telemetry/logs';
import { PoolStats } from '../telemetry/canary';
import { FaultRunner } from '../faults/runner';
import { DeadlineFifo, IntQueue } from '../engine/fifo';
import { Prng } from '../engine/prng';
import { AliasTable } from '../engine/alias';
import { Scheduler } from '../engine/scheduler';
import { EventHeap } from '../engine/heap';
import { CriteriaTracker } from '../scoring/criteria';
import { AlertConditions } from '../core/alerting';
import { AutoscaleSampler } from '../core/autoscale';
import { IncidentWatch } from '../core/watch';
import { ControlPlane } from '../core/controlplane';
import { DataPlane, UseSecond } from '../core/dataplane/state';
import { Stakeholders } from '../core/stakeholders';
import { RedMeters } from '../core/meters';
import type { ClassTable } from './graph';

/** Bump when the shape of the state changes so that old checkpoints no longer restore. */
export const CHECKPOINT_VERSION = 1;

/** A run's whole state (Simulation.checkpoint()): plain data, safe to structuredClone and postMessage. */
export interface SimulationCheckpoint {
  version: number;
  /** The simulated time it was taken at. */
  at: number;
  /** The scenario's id (the scenario itself is inside `graph`). */
  scenario: string;
  graph: unknown;
}

/**
 * Every class whose instances live in a run's state (the Simulation adds itself). A checkpoint of a
 * run that holds an instance of a class missing here fails and names it: add the class here.
 */
export const CHECKPOINT_CLASSES: ClassTable = {
  AlertConditions,
  AliasTable,
  Annotations,
  AttemptTable,
  AutoscaleSampler,
  BreakerWindow,
  ControlPlane,
  CriteriaTracker,
  Database,
  DataPlane,
  DbNode,
  DeadlineFifo,
  Dependency,
  EventHeap,
  FaultRunner,
  Histogram,
  IncidentWatch,
  Instance,
  IntQueue,
  ItemSeries,
  LogBook,
  LogicalTable,
  LruCache,
  MessageQueue,
  PoolStats,
  Prng,
  RedMeter,
  RedMeters,
  RetryBudget,
  RetryThrottle,
  Sampler,
  Scheduler,
  SeriesStore,
  SloTracker,
  Stakeholders,
  TokenBucket,
  TrafficSource,
  UseSecond,
};
