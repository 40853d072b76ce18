import { useEffect, useReducer, useRef, useState } from 'react';
import { isPaused, remainingMs } from '../../interview/countdown';
import { mockReducer, mockScorePercent, scoreCounts, startMock, type MockState } from '../../interview/mock';
import { getQuestion, type InterviewQuestion } from '../../interview/questions';
import { scoreShare } from '../../interview/scheduler';
import { getProgressStore } from '../progress/client';
import { recordInterviewAnswer } from '../../interview/review-progress';
import Countdown from './Countdown';
import ScoreSheet from './ScoreSheet';

interface Props {
  questionIds: string[];
  secondsPerQuestion: number;
  onExit: () => void;
}

const TICK_MS = 250;

export default function MockInterview({ questionIds, secondsPerQuestion, onExit }: Props) {
  const questions = questionIds.map((id) => getQuestion(id)).filter((q): q is InterviewQuestion => q !== undefined);
  const [state, dispatch] = useReducer(mockReducer, undefined, (): MockState => startMock(questions, Date.now(), secondsPerQuestion));
  const [now, setNow] = useState(() => Date.now());
  const [dueDates, setDueDates] = useState<string[]>([]);
  const [saveError, setSaveError] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const recorded = useRef(false);
  const question = questions[state.index]!;

  // The clock: one tick every quarter second while answering.
  useEffect(() => {
    if (state.phase !== 'answering') return;
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      dispatch({ type: 'tick', now: t });
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [state.phase, state.index]);

  // Move focus to the new question, and to the score sheet when it opens.
  useEffect(() => {
    headingRef.current?.focus();
  }, [state.index, state.phase]);

  // Finished: save the whole mock once.
  useEffect(() => {
    if (state.phase !== 'done' || recorded.current) return;
    recorded.current = true;
    try {
      getProgressStore().recordMockResult(state.questionIds, mockScorePercent(state.scores));
    } catch (error) {
      setSaveError((error as Error).message);
    }
  }, [state.phase, state.questionIds, state.scores]);

  function saveAndNext() {
    const answer = state.answers[state.index];
    try {
      const due = recordInterviewAnswer(getProgressStore(), question.id, { mode: 'mock', ...scoreCounts(state.scores[state.index]!), ...(answer ? { seconds: answer.seconds } : {}) });
      setDueDates((d) => [...d, due]);
    } catch (error) {
      setSaveError((error as Error).message);
    }
    dispatch({ type: 'next', now: Date.now() });
    setNow(Date.now());
  }

  const left = remainingMs(state.countdown, state.phase === 'answering' ? now : Date.now());
  const paused = isPaused(state.countdown);
  const position = `Question ${state.index + 1} of ${questions.length}`;

  if (state.phase === 'done') {
    const percent = mockScorePercent(state.scores);
    return (
      <section className="mock card" aria-labelledby="mock-result" data-phase="done">
        <h3 id="mock-result" ref={headingRef} tabIndex={-1}>
          Mock finished: {percent}% of the rubric points
        </h3>
        <table className="mock-result">
          <caption className="visually-hidden">Your scores, question by question</caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Covered</th>
              <th scope="col">Red flags</th>
              <th scope="col">Time</th>
              <th scope="col">Next review</th>
            </tr>
          </thead>
          <tbody>
            {questions.map((q, i) => {
              const c = scoreCounts(state.scores[i]!);
              const low = scoreShare(c) < 0.5;
              return (
                <tr key={q.id} data-low={low || undefined}>
                  <td>{q.question}</td>
                  <td>
                    {c.covered} of {c.total}
                  </td>
                  <td>{c.redFlags}</td>
                  <td>{state.answers[i]?.timedOut ? 'time ran out' : `${state.answers[i]?.seconds ?? 0} s`}</td>
                  <td>{dueDates[i] ?? '?'}{low ? ' (scored low)' : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {saveError && <p className="notice notice--error">Not saved: {saveError}</p>}
        <p className="muted">Questions you scored low come back tomorrow in “Due for review”; the others come back later, further apart each time you answer them well.</p>
        <button type="button" className="button" onClick={onExit}>
          Back to practice
        </button>
      </section>
    );
  }

  return (
    <section className="mock card" aria-labelledby="mock-question" data-phase={state.phase}>
      <div className="mock__bar">
        <span className="mock__position">{position}</span>
        <span className="badge badge--level">{question.level}</span>
        {/* Stays mounted while scoring, so "Time is up" is still announced when the clock reaches zero. */}
        <Countdown remainingMs={left} paused={state.phase === 'answering' && paused} label="Time left" />
      </div>
      <h3 id="mock-question" ref={headingRef} tabIndex={-1} className="mock__question">
        {question.question}
      </h3>
      {state.phase === 'answering' ? (
        <form
          className="mock__answer"
          onSubmit={(e) => {
            e.preventDefault();
            dispatch({ type: 'done-answering', now: Date.now() });
          }}
        >
          <label htmlFor="mock-answer-text">Your answer: type it, or notes of what you would say aloud</label>
          <textarea
            id="mock-answer-text"
            rows={8}
            value={state.draft}
            readOnly={paused}
            aria-describedby={paused ? 'mock-paused-note' : undefined}
            onChange={(e) => dispatch({ type: 'type', text: e.target.value })}
          />
          {paused && (
            <p id="mock-paused-note" className="muted">
              Paused: the clock has stopped. Resume to keep answering.
            </p>
          )}
          <div className="actions">
            <button type="button" className="button button--quiet" onClick={() => dispatch({ type: paused ? 'resume' : 'pause', now: Date.now() })}>
              {paused ? 'Resume' : 'Pause'}
            </button>
            <button type="submit" className="button">
              Done: score my answer
            </button>
            <button type="button" className="button button--quiet" onClick={onExit}>
              Stop the mock
            </button>
          </div>
        </form>
      ) : (
        <div className="mock__scoring">
          <ScoreSheet
            question={question}
            answer={state.answers[state.index]?.text ?? ''}
            timedOut={state.answers[state.index]?.timedOut ?? false}
            score={state.scores[state.index]!}
            onToggleCovered={(point) => dispatch({ type: 'toggle-covered', point })}
            onToggleRedFlag={(flag) => dispatch({ type: 'toggle-red-flag', flag })}
          />
          {saveError && <p className="notice notice--error">Not saved: {saveError}</p>}
          <button type="button" className="button" onClick={saveAndNext}>
            {state.index + 1 < questions.length ? 'Save score, next question' : 'Save score and finish'}
          </button>
        </div>
      )}
    </section>
  );
}
