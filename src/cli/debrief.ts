/**
 * `npm run sim -- <scenario> --actions f.json --debrief [--json]` and `--postmortem`: what the
 * debrief page shows, headless. Runs with no warm-up, so times are the scenario's own.
 */
import '../console/all-scenarios';
import { debriefReport } from '../console/debrief/report';
import { clockText, postmortemMarkdown } from '../console/debrief/postmortem';
import type { RunFigures } from '../console/debrief/figures';
import type { RunSource } from '../console/protocol';

const n = (x: number | null, unit = 's') => (x === null ? '-' : `${Math.round(x)}${unit}`);

function row(name: string, f: RunFigures): string {
  return `  ${name.padEnd(11)} budget ${f.budgetBurnedPercent.toFixed(2).padStart(6)}%  failed ${String(f.failed).padStart(7)}  shed ${String(f.shed).padStart(7)}  MTTD ${n(f.mttd).padStart(5)}  MTTA ${n(f.mtta).padStart(5)}  MTTM ${n(f.mttm).padStart(5)}  MTTR ${n(f.mttr).padStart(5)}  ${f.passed ? 'PASS' : 'FAIL'}`;
}

export function debriefCommand(options: { source: RunSource; seed: number; log: { at: number; action: unknown }[]; json: boolean; postmortem: boolean }): string {
  const { report, postmortem } = debriefReport({ source: options.source, seed: options.seed, warmupSeconds: 0, log: options.log });
  if (options.postmortem) return options.json ? `${JSON.stringify(postmortem, null, 2)}\n` : postmortemMarkdown(postmortem);
  if (options.json) return `${JSON.stringify(report, null, 2)}\n`;
  const lines = [
    `Debrief: ${report.scenario}, seed ${report.seed}`,
    row('you', report.learner),
    row('par', report.par),
    row('do nothing', report.doNothing),
    `  grade ${report.grade.grade}: ${report.grade.explanation}`,
    ...(report.effects.length ? ['  what each action did (measured by replaying the run without it):'] : []),
    ...report.effects.map((e) => `    ${clockText(e.at)} ${e.type}: ${e.verdict}${e.verdict === 'helped' || e.verdict === 'hurt' ? ` (${e.failedSaved > 0 ? 'saved' : 'caused'} ${Math.abs(e.failedSaved)} failed requests, ${e.budgetSaved.toFixed(2)} budget points)` : ''}`),
    `  root cause: ${report.rootCause}`,
  ];
  return `${lines.join('\n')}\n`;
}
