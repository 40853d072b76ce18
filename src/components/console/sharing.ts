/**
 * Share links and run files, for the page. The codec and its zod schemas load only when a run is
 * shared, exported or opened (share.ts), so they add nothing to the page's first load.
 */
import type { LoadRequest } from '../../console/machine';
import type { ConsoleContext } from '../../console/machine';
import type { RunRecord } from '../../console/share';
import { requestOfRun } from '../../console/load-command';

const codec = () => import('../../console/share');

/** The LoadRequest of a share link's `run` parameter; throws a readable error for a damaged link. */
export async function readSharedRun(param: string): Promise<LoadRequest> {
  const { decodeRun } = await codec();
  return requestOfRun(await decodeRun(param));
}

/** The LoadRequest of an exported run file's text; throws a readable error for a wrong file. */
export async function readRunFile(text: string, name: string): Promise<LoadRequest> {
  const { runFromJson } = await codec();
  return requestOfRun(runFromJson(text, `"${name}"`));
}

async function record(context: ConsoleContext): Promise<RunRecord> {
  const { runRecord } = await codec();
  const r = context.request;
  if (!r) throw new Error('There is no run to share yet.');
  return runRecord({
    scenario: r.source.kind === 'builtin' ? r.source.id : (r.source.scenario as Record<string, unknown>),
    seed: r.seed,
    warmupSeconds: r.warmupSeconds,
    reachedSeconds: context.clock.t,
    log: context.log,
  });
}

/** A link that replays this run to where it is now: this page's address with `?run=`. */
export async function shareLink(context: ConsoleContext): Promise<string> {
  const { encodeRun } = await codec();
  const url = new URL(location.pathname, location.origin);
  url.searchParams.set('run', await encodeRun(await record(context)));
  return url.href;
}

export async function runFileText(context: ConsoleContext): Promise<string> {
  const { runToJson } = await codec();
  return runToJson(await record(context));
}
