import { useEffect, useRef, useState } from 'react';
import type { InterviewMode } from '../../progress';
import type { InterviewQuestion } from '../../interview/questions';
import { scoreCounts, type MockScore } from '../../interview/mock';
import { getProgressStore } from '../progress/client';
import { recordInterviewAnswer } from '../../interview/review-progress';
import ScoreSheet from './ScoreSheet';

interface Props {
  question: InterviewQuestion;
  mode: Exclude<InterviewMode, 'mock'>;
  onExit: () => void;
}

/** One question, untimed: answer, score yourself, see when it comes back. */
export default function SingleQuestion({ question, mode, onExit }: Props) {
  const [draft, setDraft] = useState('');
  const [phase, setPhase] = useState<'answering' | 'scoring' | 'saved'>('answering');
  const [score, setScore] = useState<MockScore>(() => ({ covered: question.rubric.covers.map(() => false), redFlags: question.rubric.redFlags.map(() => false) }));
  const [due, setDue] = useState('');
  const [error, setError] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), [phase]);

  function save() {
    try {
      setDue(recordInterviewAnswer(getProgressStore(), question.id, { mode, ...scoreCounts(score) }));
      setPhase('saved');
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const toggle = (key: keyof MockScore, i: number) => setScore((s) => ({ ...s, [key]: s[key].map((v, j) => (j === i ? !v : v)) }));

  return (
    <section className="mock card" aria-labelledby="single-question" data-phase={phase}>
      <div className="mock__bar">
        <span className="mock__position">{mode === 'review' ? 'Review' : 'Practice'}, untimed</span>
        <span className="badge badge--level">{question.level}</span>
      </div>
      <h3 id="single-question" ref={headingRef} tabIndex={-1} className="mock__question">
        {question.question}
      </h3>
      {phase === 'answering' && (
        <form
          className="mock__answer"
          onSubmit={(e) => {
            e.preventDefault();
            setPhase('scoring');
          }}
        >
          <label htmlFor="single-answer-text">Your answer: type it, or notes of what you would say aloud</label>
          <textarea id="single-answer-text" rows={8} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <div className="actions">
            <button type="submit" className="button">
              Done: score my answer
            </button>
            <button type="button" className="button button--quiet" onClick={onExit}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {phase === 'scoring' && (
        <div className="mock__scoring">
          <ScoreSheet question={question} answer={draft} score={score} onToggleCovered={(i) => toggle('covered', i)} onToggleRedFlag={(i) => toggle('redFlags', i)} />
          {error && <p className="notice notice--error">Not saved: {error}</p>}
          <button type="button" className="button" onClick={save}>
            Save my score
          </button>
        </div>
      )}
      {phase === 'saved' && (
        <div>
          <p>
            Saved: {scoreCounts(score).covered} of {scoreCounts(score).total} points covered. This question comes back on <strong>{due}</strong>.
          </p>
          <button type="button" className="button" onClick={onExit}>
            Back to practice
          </button>
        </div>
      )}
    </section>
  );
}
