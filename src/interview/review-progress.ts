/**
 * Recording a self-scored interview answer: it stores the answer and schedules the question's next
 * review. It lives beside the scheduler, not in the progress store, so that pages without
 * interviews (every lesson) do not load the scheduling code.
 */
import { localCalendarDate } from '../progress/calendar';
import { idSchema, interviewAnswerSchema, type InterviewAnswer } from '../progress/schema';
import { checkInput, type ProgressStore } from '../progress/store';
import { quality, schedule } from './scheduler';

/** Records the answer (a low score brings the question back tomorrow) and returns the calendar day it is due again. */
export function recordInterviewAnswer(store: ProgressStore, questionId: string, input: Omit<InterviewAnswer, 'at'>): string {
  const id = checkInput(idSchema, questionId, 'question id');
  const now = store.now();
  const answer = checkInput(interviewAnswerSchema, { ...input, at: now.toISOString() }, 'interview answer');
  const q = quality({ covered: answer.covered, total: answer.total, redFlags: answer.redFlags });
  const today = localCalendarDate(now);
  let due = today;
  store.update((p) => {
    const current = p.interview.questions[id];
    const review = schedule(current?.review, q, today);
    due = review.due;
    const state = { attempts: (current?.attempts ?? 0) + 1, last: answer, review };
    return { ...p, interview: { ...p.interview, questions: { ...p.interview.questions, [id]: state } } };
  });
  return due;
}
