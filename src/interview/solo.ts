/**
 * The solo troubleshooting interview around the console: the candidate plays the fixed drill in the
 * incident console, exports the run (or copies its share link), and brings it back here to be scored.
 * This module reads and checks that run and holds the hint ladder's bookkeeping; no UI, no worker.
 */
import type { ActionEffect, EffectsProgress } from '../console/debrief/effects';
import type { LoggedAction } from '../console/protocol';
import { decodeRun, RunFileError, runFromJson, type RunRecord } from '../console/share';
import type { SimulationSummary } from '../sim/index';
import { LIVE_INTERVIEW } from './live';
import type { Help } from './report';

/**
 * A run the candidate brings back: the text of an exported run file, a whole share link, or only its
 * `run` parameter. Throws RunFileError saying what is wrong and what to do.
 */
export async function readRun(input: string): Promise<RunRecord> {
  const text = input.trim();
  if (text === '') throw new RunFileError('Nothing to score yet: choose the run file you exported, or paste the run\'s share link.');
  if (text.startsWith('{')) return checkInterviewRun(runFromJson(text, 'This file'));
  let param = text;
  if (/^https?:\/\//.test(text) || text.startsWith('/') || text.startsWith('?')) {
    let url: URL;
    try {
      url = new URL(text, 'http://localhost/');
    } catch {
      throw new RunFileError('That is not a link. Paste the whole link "Share run" copied, or import the exported run file.');
    }
    const found = url.searchParams.get('run');
    if (!found) throw new RunFileError('That link has no run in it (no "run=" part). Use "Share run" in the console after playing, then paste its link.');
    param = found;
  }
  return checkInterviewRun(await decodeRun(param));
}

/** The interview is one drill on one seed: a run of anything else would be scored against the wrong incident. */
export function checkInterviewRun(record: RunRecord): RunRecord {
  const scenario = typeof record.scenario === 'string' ? record.scenario : 'a custom scenario';
  if (scenario !== LIVE_INTERVIEW.scenario || record.seed !== LIVE_INTERVIEW.seed) {
    throw new RunFileError(
      `This run is of ${scenario} on seed ${record.seed}; the interview is ${LIVE_INTERVIEW.scenario} on seed ${LIVE_INTERVIEW.seed}. Open the interview drill from this page and play it there.`,
    );
  }
  if (record.log.length === 0) throw new RunFileError('This run has no actions in it: play the drill, then export it.');
  return record;
}

/** The drill's hint ladder in the order it is handed out: a question, where to look, what to do. */
export function hintLadder(hints: { question: string; where: string; action: string }): string[] {
  return [hints.question, hints.where, hints.action];
}

/**
 * A hint taken during a solo interview, stamped in console seconds. The interview clock runs in real
 * time and the console plays at one simulated second per second by default, so elapsed interview time
 * after the warm-up is the best stamp available; it is an estimate when the candidate changed speed.
 */
export function hintAt(elapsedMs: number, text: string, warmupSeconds: number = LIVE_INTERVIEW.warmupSeconds): Help {
  return { at: warmupSeconds + Math.round(elapsedMs / 1000), text };
}

/** Messages to and from the scoring worker (src/interview/replay-worker.ts). */
export interface ReplayRequest {
  scenario: string;
  seed: number;
  warmupSeconds: number;
  log: RunRecord['log'];
}

export type ReplayMessage =
  | { type: 'played'; summary: SimulationSummary; log: LoggedAction[]; scenario: { id: string; title: string } }
  | { type: 'progress'; progress: EffectsProgress }
  | { type: 'effects'; effects: ActionEffect[] }
  | { type: 'error'; message: string };
