/**
 * Runs with the page's first scripts on the console pages: a shared run (`?run=`) starts loading
 * in the simulation worker at once, before the console itself has loaded (simulation-worker.ts).
 */
import { startEarly } from './simulation-worker';

const run = new URLSearchParams(location.search).get('run');
if (run) startEarly(run, import('./sharing').then(({ readSharedRun }) => readSharedRun(run)));
