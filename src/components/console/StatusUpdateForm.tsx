import { useState, type FormEvent } from 'react';

const NEXT_MINUTES = [5, 10, 15, 30, 60];

/** A status update: impact, scope, what is being done, and when the next one comes (a promise the console holds you to). */
export default function StatusUpdateForm({ act }: { act: (action: unknown) => void }) {
  const [impact, setImpact] = useState('');
  const [scope, setScope] = useState('');
  const [doing, setDoing] = useState('');
  const [next, setNext] = useState(15);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!impact.trim()) return;
    act({ type: 'status-update', impact: impact.trim(), scope: scope.trim(), currentAction: doing.trim(), nextUpdateMinutes: next });
    setImpact('');
    setScope('');
    setDoing('');
  };
  return (
    <details className="status-form">
      <summary>Post a status update</summary>
      <form onSubmit={submit}>
        <label>
          Impact
          <input value={impact} onChange={(e) => setImpact(e.target.value)} required maxLength={1000} placeholder="What users cannot do" />
        </label>
        <label>
          Scope
          <input value={scope} onChange={(e) => setScope(e.target.value)} maxLength={1000} placeholder="Who and what is affected" />
        </label>
        <label>
          Current action
          <input value={doing} onChange={(e) => setDoing(e.target.value)} maxLength={1000} placeholder="What we are doing now" />
        </label>
        <label>
          Next update in
          <select value={next} onChange={(e) => setNext(Number(e.target.value))}>
            {NEXT_MINUTES.map((m) => (
              <option key={m} value={m}>
                {m} min
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--small">
          Post status update
        </button>
      </form>
    </details>
  );
}
