// A stand-in for the Node process, so that checks and demos can "send SIGTERM" and see the exit
// code without stopping anything for real.
//
//   proc.signals        an EventEmitter: pass it to createService as `signals` (real life: process)
//   proc.exit           pass it as `exit` (real life: process.exit)
//   proc.signal(name)   what the kubelet does: emits 'SIGTERM' (or another name) on proc.signals
//   proc.exits          every exit(code) call so far: [{ code, at }], `at` from the clock
//   proc.onExit(fn)     runs fn(code) when exit is called: the harness uses it to make exit final,
//                       as process.exit is (every connection still open dies with the process)
import { EventEmitter } from 'node:events';

export function fakeProcess({ clock } = {}) {
  const signals = new EventEmitter();
  const exits = [];
  const hooks = [];
  const waiters = [];
  return {
    signals,
    exit(code = 0) {
      exits.push({ code, at: clock ? clock.now() : undefined });
      for (const hook of hooks) hook(code);
      for (const resolve of waiters.splice(0)) resolve(exits[0]);
    },
    signal(name = 'SIGTERM') {
      return signals.emit(name, name);
    },
    get exits() {
      return exits.map((e) => ({ ...e }));
    },
    get exited() {
      return exits.length > 0;
    },
    onExit(fn) {
      hooks.push(fn);
    },
    /** Resolves with the first exit ({ code, at }) once there is one. */
    waitForExit() {
      return exits.length > 0 ? Promise.resolve(exits[0]) : new Promise((resolve) => waiters.push(resolve));
    },
  };
}
