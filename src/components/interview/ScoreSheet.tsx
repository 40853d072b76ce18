import { useId } from 'react';
import type { InterviewQuestion } from '../../interview/questions';
import type { MockScore } from '../../interview/mock';

interface Props {
  question: InterviewQuestion;
  answer: string;
  score: MockScore;
  timedOut?: boolean;
  onToggleCovered: (point: number) => void;
  onToggleRedFlag: (flag: number) => void;
}

/** Self-scoring against the rubric; the model answer is shown only here, after answering. */
export default function ScoreSheet({ question, answer, score, timedOut, onToggleCovered, onToggleRedFlag }: Props) {
  const id = useId();
  return (
    <div className="score-sheet">
      {timedOut && <p className="notice">Time is up. Score what you had.</p>}
      <h4>Your answer</h4>
      {answer.trim() ? <blockquote className="score-sheet__answer">{answer}</blockquote> : <p className="muted">(nothing written: score what you would have said)</p>}
      <fieldset className="rubric-points">
        <legend>What your answer covered</legend>
        {question.rubric.covers.map((point, i) => (
          <div key={i} className="check">
            <input type="checkbox" id={`${id}-c${i}`} checked={score.covered[i] ?? false} onChange={() => onToggleCovered(i)} />
            <label htmlFor={`${id}-c${i}`}>{point}</label>
          </div>
        ))}
      </fieldset>
      <fieldset className="rubric-points rubric-points--flags">
        <legend>Red flags your answer had</legend>
        {question.rubric.redFlags.map((flag, i) => (
          <div key={i} className="check">
            <input type="checkbox" id={`${id}-f${i}`} checked={score.redFlags[i] ?? false} onChange={() => onToggleRedFlag(i)} />
            <label htmlFor={`${id}-f${i}`}>{flag}</label>
          </div>
        ))}
      </fieldset>
      <section className="model-answer" aria-labelledby={`${id}-model`}>
        <h4 id={`${id}-model`}>Model answer</h4>
        <p>{question.modelAnswer}</p>
        <p>
          <strong>A follow-up to expect:</strong> {question.followUp}
        </p>
        <p className="muted">
          Draws on:{' '}
          {question.lessons.map((l, i) => (
            <span key={l}>
              {i > 0 && ', '}
              <a href={`/lessons/${l}/`}>{l}</a>
            </span>
          ))}
        </p>
      </section>
    </div>
  );
}
