import { useId, useMemo, useState } from 'react';
import type { ActionEffect } from '../../console/debrief/effects';
import type { LoggedAction } from '../../console/protocol';
import { buildInterviewReport, reportJson, reportMarkdown, type Help, type InterviewerScore, type RunSummaryPart } from '../../interview/report';
import { clockText } from '../../interview/rubric';
import { downloadText } from '../progress/client';

export interface LiveInterviewResultProps {
  scenario: { id: string; title: string };
  seed: number;
  warmupSeconds: number;
  /** The run's log as the console recorded it (system, comms and "viewed" entries). */
  log: LoggedAction[];
  /** The run's summary (ConsoleRun.summaryJson, or the worker's reveal). */
  summary: RunSummaryPart;
  /** Measured effect of each log entry, when the debrief has computed it. */
  effects?: ActionEffect[] | null;
  hints?: Help[];
  nudges?: Help[];
  /** Where the replay lives; evidence links to `${replayHref}#t=<console seconds>`. */
  replayHref?: string;
  /** Frozen "made at" time (tests, the example on the page); the current time otherwise. */
  generatedAt?: string;
  /** Whether an interviewer is present (shows the notes field as theirs). */
  interviewer?: boolean;
  /** The interviewer's live scores (interviewer-led mode). */
  interviewerScores?: InterviewerScore[];
  /** Notes and candidate name already written (the interviewer's, during the run); still editable here. */
  initialNotes?: string;
  initialCandidate?: string;
}

/**
 * The seam between the incident console and the interview: give it a finished run's log and summary and
 * it shows the rubric with its evidence and the one-page report, with notes and downloads. It runs no
 * simulation itself.
 */
export default function LiveInterviewResult(props: LiveInterviewResultProps) {
  const id = useId();
  const [candidate, setCandidate] = useState(props.initialCandidate ?? '');
  const [notes, setNotes] = useState(props.initialNotes ?? '');
  const report = useMemo(
    () =>
      buildInterviewReport({
        scenario: props.scenario,
        seed: props.seed,
        warmupSeconds: props.warmupSeconds,
        log: props.log,
        summary: props.summary,
        effects: props.effects ?? null,
        hints: props.hints ?? [],
        nudges: props.nudges ?? [],
        notes,
        interviewerScores: props.interviewerScores ?? [],
        candidate,
        generatedAt: props.generatedAt ?? new Date().toISOString(),
      }),
    [props, notes, candidate],
  );
  const w = props.warmupSeconds;
  const href = (at: number) => (props.replayHref ? `${props.replayHref}#t=${at}` : undefined);
  const fileBase = `interview-${report.scenario.id}-${report.generatedAt.slice(0, 10)}`;
  const mitigation = report.timeToMitigateSeconds === null ? 'not mitigated' : `${Math.floor(report.timeToMitigateSeconds / 60)} min ${Math.round(report.timeToMitigateSeconds % 60)} s`;

  return (
    <section className="live-result card" aria-labelledby={`${id}-title`} data-testid="live-result">
      <h2 id={`${id}-title`}>
        Result: {report.points} / {report.maxPoints}
      </h2>
      <dl className="live-result__figures">
        <div>
          <dt>Time to mitigate</dt>
          <dd>{mitigation}</dd>
        </div>
        <div>
          <dt>Error budget burned</dt>
          <dd>{report.budgetBurnedPercent.toFixed(2)}%</dd>
        </div>
        <div>
          <dt>Win conditions</dt>
          <dd>{report.passed ? 'all met' : 'not all met'}</dd>
        </div>
        <div>
          <dt>Hints and nudges</dt>
          <dd>
            {report.hints.length} + {report.nudges.length}
            {report.penalty > 0 ? ` (−${report.penalty})` : ''}
          </dd>
        </div>
      </dl>
      <div className="rubric-scores">
        {report.scores.map((s) => (
          <section key={s.id} className="rubric-score" data-dimension={s.id} data-level={s.level} aria-labelledby={`${id}-${s.id}`}>
            <h3 id={`${id}-${s.id}`}>
              {s.title}: <span className={`level level--${s.level}`}>{s.level} · {s.levelName}</span>
            </h3>
            <p className="muted">{s.anchor}</p>
            <ul className="evidence">
              {s.evidence.map((e, i) => {
                const link = href(e.at);
                const time = clockText(e.at - w);
                return (
                  <li key={i} data-kind={e.kind}>
                    <span aria-hidden="true">{e.kind === 'for' ? '✓' : '✗'}</span>
                    <span className="visually-hidden">{e.kind === 'for' ? 'For:' : 'Against:'}</span>{' '}
                    {link ? <a href={link}>{time}</a> : <span className="evidence__time">{time}</span>} {e.text}
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
      {(report.hints.length > 0 || report.nudges.length > 0) && (
        <section aria-labelledby={`${id}-help`}>
          <h3 id={`${id}-help`}>Hints and nudges</h3>
          <ul className="evidence" data-testid="result-help">
            {report.hints.map((h, i) => (
              <li key={`h${i}`}>
                <span className="evidence__time">{clockText(h.at - w)}</span> hint: {h.text}
              </li>
            ))}
            {report.nudges.map((n, i) => (
              <li key={`n${i}`}>
                <span className="evidence__time">{clockText(n.at - w)}</span> nudge: {n.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      {report.interviewerScores.length > 0 && (
        <section aria-labelledby={`${id}-theirs`}>
          <h3 id={`${id}-theirs`}>The interviewer’s scores</h3>
          <ul className="evidence" data-testid="result-interviewer-scores">
            {report.interviewerScores.map((s) => (
              <li key={s.id}>
                <strong>{s.title}</strong>: {s.level} · {s.levelName} (the log says {report.scores.find((x) => x.id === s.id)?.level ?? '–'}){s.note ? `. ${s.note}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="live-result__notes">
        <label htmlFor={`${id}-candidate`}>Candidate</label>
        <input id={`${id}-candidate`} type="text" value={candidate} onChange={(e) => setCandidate(e.target.value)} autoComplete="off" />
        <label htmlFor={`${id}-notes`}>{props.interviewer ? 'Interviewer notes' : 'Your notes (what you would do differently)'}</label>
        <textarea id={`${id}-notes`} rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={() => downloadText(`${fileBase}.md`, reportMarkdown(report, props.replayHref ? { replayHref: (at) => href(at)! } : {}), 'text/markdown')}>
          Download the report (Markdown)
        </button>
        <button type="button" className="button button--quiet" onClick={() => downloadText(`${fileBase}.json`, reportJson(report))}>
          Download as JSON
        </button>
      </div>
    </section>
  );
}
