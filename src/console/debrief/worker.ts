/// <reference lib="webworker" />
/**
 * The debrief's Web Worker: a second thread beside the simulation's, so replaying par, doing
 * nothing and the run without each action never stalls the page (or the console, after a rewind).
 */
import '../all-scenarios';
import { DebriefHost, type ToDebrief } from './host';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new DebriefHost((message) => scope.postMessage(message));
scope.onmessage = (event: MessageEvent<ToDebrief>) => host.handle(event.data);
