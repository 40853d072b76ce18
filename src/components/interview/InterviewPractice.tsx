import { useId, useMemo, useState } from 'react';
import { localCalendarDate, type Progress } from '../../progress';
import { MOCK_QUESTION_COUNT, MOCK_SECONDS_PER_QUESTION, pickQuestions } from '../../interview/mock';
import { getQuestion, QUESTIONS, type InterviewQuestion } from '../../interview/questions';
import { dueForReview, scoreShare } from '../../interview/scheduler';
import { LEVELS, type Level } from '../../schemas/lesson';
import { useProgress } from '../progress/useProgress';
import MockInterview from './MockInterview';
import SingleQuestion from './SingleQuestion';

type View = { kind: 'home' } | { kind: 'mock'; ids: string[] } | { kind: 'single'; id: string; mode: 'review' | 'practice' };

const LEVEL_NAMES: Record<Level, string> = { junior: 'Junior', mid: 'Mid', senior: 'Senior', staff: 'Staff' };

/** Due questions (still in the bank), most overdue and lowest scored first. */
export function dueIds(progress: Progress | null, today: string): string[] {
  if (!progress) return [];
  const items = Object.fromEntries(
    Object.entries(progress.interview.questions)
      .filter(([id]) => getQuestion(id))
      .map(([id, s]) => [id, { review: s.review, lastShare: scoreShare({ covered: s.last.covered, total: s.last.total, redFlags: s.last.redFlags }) }]),
  );
  return dueForReview(items, today);
}

export default function InterviewPractice() {
  const progress = useProgress();
  const [view, setView] = useState<View>({ kind: 'home' });
  const [levels, setLevels] = useState<Level[]>([...LEVELS]);
  const id = useId();
  const today = localCalendarDate(new Date());
  const due = useMemo(() => dueIds(progress, today), [progress, today]);
  const answered = progress ? Object.keys(progress.interview.questions).length : 0;
  const lastMock = progress?.interview.mocks.at(-1);

  if (view.kind === 'mock') return <MockInterview questionIds={view.ids} secondsPerQuestion={MOCK_SECONDS_PER_QUESTION} onExit={() => setView({ kind: 'home' })} />;
  if (view.kind === 'single') {
    const q = getQuestion(view.id)!;
    return <SingleQuestion key={q.id} question={q} mode={view.mode} onExit={() => setView({ kind: 'home' })} />;
  }

  function startMock() {
    setView({ kind: 'mock', ids: pickQuestions(QUESTIONS, { levels, prefer: due, seed: Date.now() >>> 0 }) });
  }

  const toggleLevel = (l: Level) => setLevels((ls) => (ls.includes(l) ? ls.filter((x) => x !== l) : LEVELS.filter((x) => x === l || ls.includes(x))));

  return (
    <div className="interview-practice" data-hydrated={progress ? 'true' : undefined}>
      <section className="card" aria-labelledby={`${id}-mock`}>
        <h2 id={`${id}-mock`}>Timed mock interview</h2>
        <p>
          {MOCK_QUESTION_COUNT} questions, {MOCK_SECONDS_PER_QUESTION / 60} minutes each. Type your answer or notes of what you would say aloud;
          pause if you are interrupted. Then tick what your answer covered against the rubric: the model answer appears only once you have answered or
          the time is up. Questions due for review come first.
        </p>
        <fieldset className="level-choice">
          <legend>Levels to draw from</legend>
          {LEVELS.map((l) => (
            <label key={l}>
              <input type="checkbox" checked={levels.includes(l)} onChange={() => toggleLevel(l)} /> {LEVEL_NAMES[l]}
            </label>
          ))}
        </fieldset>
        <button type="button" className="button" onClick={startMock} disabled={levels.length === 0}>
          Start a mock interview
        </button>
        {lastMock && (
          <p className="muted">
            Last mock: {lastMock.scorePercent}% on {lastMock.at.slice(0, 10)}. {answered} question{answered === 1 ? '' : 's'} answered so far.
          </p>
        )}
      </section>

      <section className="card" aria-labelledby={`${id}-review`}>
        <h2 id={`${id}-review`}>Due for review {progress && <span className="badge">{due.length}</span>}</h2>
        {!progress ? (
          <p className="muted">Loading your progress…</p>
        ) : due.length === 0 ? (
          <p className="muted">
            Nothing due today. Questions you score low come back the next day; ones you answer well come back after a few days, then further apart.
          </p>
        ) : (
          <ul className="question-list">
            {due.map((qid) => (
              <QuestionRow key={qid} question={getQuestion(qid)!} progress={progress} action="Review" onPick={() => setView({ kind: 'single', id: qid, mode: 'review' })} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby={`${id}-bank`}>
        <h2 id={`${id}-bank`}>The question bank</h2>
        <p className="muted">
          {QUESTIONS.length} questions across the path. Practise any of them untimed; your score schedules its next review.
        </p>
        {LEVELS.map((l) => {
          const qs = QUESTIONS.filter((q) => q.level === l);
          return (
            <details key={l} className="bank-level">
              <summary>
                {LEVEL_NAMES[l]} <span className="muted">({qs.length} questions)</span>
              </summary>
              <ul className="question-list">
                {qs.map((q) => (
                  <QuestionRow key={q.id} question={q} progress={progress} action="Practise" onPick={() => setView({ kind: 'single', id: q.id, mode: 'practice' })} />
                ))}
              </ul>
            </details>
          );
        })}
      </section>
    </div>
  );
}

function QuestionRow({ question, progress, action, onPick }: { question: InterviewQuestion; progress: Progress | null; action: string; onPick: () => void }) {
  const state = progress?.interview.questions[question.id];
  return (
    <li className="question-row">
      <span className="question-row__text">
        {question.question}
        {question.seed && <span className="badge"> asked everywhere</span>}
        {state && (
          <span className="muted question-row__meta">
            {' '}
            · last {state.last.covered}/{state.last.total}, due {state.review.due}
          </span>
        )}
      </span>
      <button type="button" className="button button--quiet" onClick={onPick} aria-label={`${action}: ${question.question}`}>
        {action}
      </button>
    </li>
  );
}
