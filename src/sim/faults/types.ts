import type { Fault, FaultType } from './schema';
import type { SimulationCore } from '../core/types';

/**
 * What a running fault remembers to end it (which node it took down, which instances it slowed, where
 * each poison message is), as plain data: a checkpoint keeps it and a restored run ends the fault
 * the same way. Most faults need none (null).
 */
export interface FaultMemory {
  /** Database nodes (indexes into `db.nodes`). */
  node?: number;
  /** Instances (indexes into `dp.instances`). */
  instances?: number[];
  /** Poison messages: whether a worker holds each, how often it was received, whether it is gone. */
  held?: boolean[];
  receives?: number[];
  gone?: boolean[];
}

export type FaultOf<T extends FaultType> = Extract<Fault, { type: T }>;

/**
 * One fault type: `start` changes plain state or sends events to machines and returns what it must
 * remember; `stop` (absent for one-off events, whose effects run their course) puts things back;
 * `on` hears the fault's own timers and hooks (a TimerTask `{ kind: 'fault', index, name }`).
 */
export interface FaultDef<T extends FaultType> {
  start(sim: SimulationCore, f: FaultOf<T>, index: number): FaultMemory | null;
  stop?(sim: SimulationCore, f: FaultOf<T>, index: number, memory: FaultMemory | null): void;
  on?(sim: SimulationCore, f: FaultOf<T>, index: number, memory: FaultMemory | null, name: string): void;
}
