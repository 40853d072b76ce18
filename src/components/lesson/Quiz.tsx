import { useEffect, useId, useRef, useState } from 'react';
import type { QuizQuestion } from '../../schemas/lesson';
import { getProgressStore } from '../progress/client';
import { useProgress } from '../progress/useProgress';

interface Props {
  lessonId: string;
  questions: QuizQuestion[];
}

type Answers = (number | null)[];

export function grade(questions: QuizQuestion[], answers: Answers): number {
  return questions.reduce((n, q, i) => n + (answers[i] === q.answer ? 1 : 0), 0);
}

export default function Quiz({ lessonId, questions }: Props) {
  const progress = useProgress();
  const saved = progress?.lessons[lessonId]?.quiz;
  const [answers, setAnswers] = useState<Answers>(() => questions.map(() => null));
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState('');
  const restored = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [hydrated, setHydrated] = useState(false);

  // Choices made before the island hydrated live only in the DOM: adopt them, then enable checking.
  useEffect(() => {
    const radios = formRef.current?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? [];
    const early = questions.map((q, qi) => {
      const index = [...radios].filter((r) => r.name.endsWith(`-q${qi}`)).findIndex((r) => r.checked);
      return index >= 0 && index < q.choices.length ? index : null;
    });
    if (early.some((a) => a !== null)) setAnswers(early);
    setHydrated(true);
  }, [questions]);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const baseId = useId();

  // Show the learner's last submitted answers once progress is known (after hydration).
  useEffect(() => {
    if (restored.current || !progress) return;
    restored.current = true;
    if (saved?.submittedAt && saved.answers.length === questions.length) {
      setAnswers(saved.answers);
      setSubmitted(true);
    }
  }, [progress, saved, questions.length]);

  const correct = grade(questions, answers);

  function choose(q: number, choice: number) {
    if (submitted) return;
    setError('');
    setAnswers((prev) => prev.map((a, i) => (i === q ? choice : a)));
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const firstUnanswered = answers.findIndex((a) => a === null);
    if (firstUnanswered >= 0) {
      setError(`Question ${firstUnanswered + 1} has no answer yet. Choose one for every question, then check.`);
      document.getElementById(`${baseId}-q${firstUnanswered}-c0`)?.focus();
      return;
    }
    setSubmitted(true);
    getProgressStore().setQuizAnswers(lessonId, answers, grade(questions, answers), questions.length);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  function retry() {
    setSubmitted(false);
    setAnswers(questions.map(() => null));
    requestAnimationFrame(() => document.getElementById(`${baseId}-q0-c0`)?.focus());
  }

  return (
    <form ref={formRef} className="quiz" onSubmit={submit} noValidate data-quiz-state={submitted ? 'graded' : 'open'} data-hydrated={hydrated || undefined}>
      {questions.map((q, qi) => {
        const chosen = answers[qi];
        const right = submitted && chosen === q.answer;
        return (
          <fieldset
            key={qi}
            className={`quiz__question${submitted ? (right ? ' is-right' : ' is-wrong') : ''}`}
            aria-describedby={submitted ? `${baseId}-q${qi}-feedback` : undefined}
          >
            <legend>
              <span className="quiz__number">Question {qi + 1} of {questions.length}.</span> <InlineCode text={q.question} />
            </legend>
            {q.choices.map((choice, ci) => {
              const id = `${baseId}-q${qi}-c${ci}`;
              const mark = submitted && ci === q.answer ? 'right' : submitted && ci === chosen ? 'wrong' : undefined;
              return (
                <div key={ci} className="quiz__choice" data-mark={mark}>
                  <input
                    type="radio"
                    id={id}
                    name={`${baseId}-q${qi}`}
                    checked={chosen === ci}
                    onChange={() => choose(qi, ci)}
                    disabled={submitted && chosen !== ci}
                    aria-disabled={submitted || undefined}
                  />
                  <label htmlFor={id}>
                    <InlineCode text={choice} />
                    {mark === 'right' && <span className="quiz__tag"> (correct answer)</span>}
                    {mark === 'wrong' && <span className="quiz__tag"> (your answer)</span>}
                  </label>
                </div>
              );
            })}
            {submitted && (
              <div id={`${baseId}-q${qi}-feedback`} className="quiz__feedback">
                <strong>{right ? '✓ Right.' : '✗ Not quite.'}</strong> <InlineCode text={q.explanation} />
              </div>
            )}
          </fieldset>
        );
      })}
      <div className="quiz__actions">
        {submitted ? (
          <>
            <p ref={summaryRef} tabIndex={-1} className="quiz__summary" role="status" data-quiz-score={`${correct}/${questions.length}`}>
              You got {correct} of {questions.length} right.
              {correct === questions.length ? ' Well done.' : ' Read the explanations, then try again.'}
            </p>
            <button type="button" className="button button--quiet" onClick={retry}>
              Try again
            </button>
          </>
        ) : (
          <button type="submit" className="button" disabled={!hydrated}>
            Check answers
          </button>
        )}
        <p className="quiz__error" role="alert">
          {error}
        </p>
      </div>
    </form>
  );
}

/** Quiz text is plain YAML, so `backticks` are the one markup it keeps: they become code, as in the lesson body. */
function InlineCode({ text }: { text: string }) {
  const parts = text.split('`');
  // An unmatched backtick is text, not the start of code that never ends.
  if (parts.length % 2 === 0) return <>{text}</>;
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}
