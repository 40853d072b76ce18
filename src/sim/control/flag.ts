import { createActor, type Actor, type Snapshot } from 'xstate';
import { refreshFlags, type DataPlane } from '../core/dataplane';
import { flagMachine } from '../machines/flag.machine';

export type FlagActor = Actor<typeof flagMachine>;

/** Wires flag `f` of the data plane's flag table to its machine (percentage and kill switch). */
export function createFlagActor(dp: DataPlane, f: number, id: string, percentage: number, snapshot?: Snapshot<unknown>): FlagActor {
  const machine = flagMachine.provide({
    actions: {
      publish: ({ context }, p) => {
        dp.flagPct[f] = context.percentage;
        dp.flagKilled[f] = p.killed ? 1 : 0;
        refreshFlags(dp);
      },
    },
  });
  return createActor(machine, { id: `flag:${id}`, input: { flag: id, percentage }, snapshot }).start();
}
