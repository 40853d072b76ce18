/**
 * What a simulated timer does, as plain data (see `Scheduler.startTask`): a checkpoint holds the task
 * and a restored run rebuilds its callback from it, so no state hides in a closure.
 */
export type SimTask =
  /** Sends `event` to the actor with this id (a machine's named timer, an instance's crash-loop timer). */
  | { kind: 'actor'; actor: string; event: { type: string; reason?: string } }
  /** An operator's silence on alert `alert` ends. */
  | { kind: 'silence'; alert: string }
  /** A delayed effect of action number `seq` of the action log; `data` is its progress (cache warming). */
  | { kind: 'action'; seq: number; what: string; data: number }
  /** Fault number `index` of the scenario hears `name` (its own timers, a worker taking a poison message). */
  | { kind: 'fault'; index: number; name: string };
