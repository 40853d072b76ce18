/// <reference lib="webworker" />
/**
 * Scores a brought-back run off the main thread: plays the log to the end (seconds), posts the summary
 * so the report can show at once, then measures each system action's effect by replaying without it
 * (one full run each), posting progress, and finally the effects.
 */
import '../console/all-scenarios';
import { measureEffects } from '../console/debrief/effects';
import { ConsoleRun } from '../console/run';
import type { SimulationSummary } from '../sim/index';
import type { ReplayMessage, ReplayRequest } from './solo';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: ReplayMessage) => scope.postMessage(message);

scope.onmessage = (event: MessageEvent<ReplayRequest>) => {
  const { scenario, seed, warmupSeconds, log } = event.data;
  try {
    const settings = { source: { kind: 'builtin' as const, id: scenario }, seed, warmupSeconds };
    const { run } = ConsoleRun.load({ ...settings, log }, Infinity);
    const summary = JSON.parse(run.summaryJson()) as SimulationSummary;
    post({ type: 'played', summary, log: run.log, scenario: { id: run.scenario.id, title: run.scenario.title } });
    const steps = measureEffects(settings, run.log, run.end, summary);
    for (;;) {
      const step = steps.next();
      if (step.done) {
        post({ type: 'effects', effects: step.value });
        return;
      }
      post({ type: 'progress', progress: step.value });
    }
  } catch (error) {
    post({ type: 'error', message: (error as Error).message });
  }
};
