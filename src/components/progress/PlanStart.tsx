import { useId, useState } from 'react';
import { currentWeek, localCalendarDate, planDay } from '../../progress';
import { getProgressStore } from './client';
import { useProgress } from './useProgress';

const longDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' });
const show = (date: string) => longDate.format(new Date(`${date}T00:00:00Z`));

/** The learner's start date for the 90-day plan, and where that puts them today. */
export default function PlanStart() {
  const progress = useProgress();
  const inputId = useId();
  const [message, setMessage] = useState('');
  const start = progress?.plan.startDate ?? null;
  const today = localCalendarDate(new Date());
  const day = planDay(start, today);
  const week = currentWeek(start, today);

  function save(date: string | null) {
    getProgressStore().setPlanStart(date);
    setMessage(date ? `Plan start set to ${show(date)}.` : 'Plan start date cleared.');
  }

  let status = 'Set the day you start, and the plan will show which week you are in.';
  if (start && day === null) status = `Your plan starts on ${show(start)}.`;
  else if (start && week !== null && week <= 12) status = `Day ${day} of 90: you are in week ${week}.`;
  else if (start) status = `Day ${day}: you are past day 90. The staff lessons are next.`;

  return (
    <div className="plan-start card" data-plan-week={week ?? ''}>
      <p className="plan-start__status" aria-live="polite">
        <strong>{progress ? status : '\u00a0'}</strong>
      </p>
      <form
        className="plan-start__form"
        onSubmit={(e) => {
          e.preventDefault();
          const value = new FormData(e.currentTarget).get('start');
          if (typeof value === 'string' && value) save(value);
          else setMessage('Choose a date first, or press “Start today”.');
        }}
      >
        <label htmlFor={inputId}>I started (or will start) on</label>
        <input id={inputId} name="start" type="date" defaultValue={start ?? ''} key={start ?? 'none'} required />
        <button className="button button--quiet" type="submit">Save date</button>
        <button className="button" type="button" onClick={() => save(today)}>Start today</button>
        {start && (
          <button className="button button--quiet" type="button" onClick={() => save(null)}>Clear</button>
        )}
      </form>
      <p className="visually-hidden" role="status">{message}</p>
    </div>
  );
}
