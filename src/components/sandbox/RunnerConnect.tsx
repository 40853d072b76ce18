/**
 * Shown when the page has no token for the local runner (or an old one): the learner pastes the
 * link `npm start` printed, and the panel connects. The token never comes from the server.
 */
import { useId, useState, type FormEvent } from 'react';
import { storeRunnerToken, tokenFromText } from '../../sandbox/runner-link';

export function RunnerConnect({ onConnected }: { onConnected: () => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const token = tokenFromText(text);
    if (!token) {
      setProblem('That is not the runner link: copy the whole line from your terminal that starts with http://localhost and contains #runner=.');
      return;
    }
    setProblem(null);
    storeRunnerToken(token);
    setText('');
    onConnected();
  };

  return (
    <form className="runner-connect" onSubmit={submit}>
      <label htmlFor={`${id}-link`}>Runner link from your terminal</label>
      <span className="runner-connect__row">
        <input
          id={`${id}-link`}
          type="text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="http://localhost:4321/#runner=…"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
        />
        <button type="submit" className="button">
          Connect
        </button>
      </span>
      {problem && (
        <p id={`${id}-problem`} className="runner-connect__problem">
          {problem}
        </p>
      )}
    </form>
  );
}

/** What the local runner confines and what it does not, in the panel (the README says the same). */
export function RunnerLimits() {
  return (
    <details className="runner-limits">
      <summary>What the local runner allows</summary>
      <ul>
        <li>Your code runs with your machine&apos;s Node, as your user, in a new temporary folder that is deleted afterwards.</li>
        <li>It may read and write only that folder: not your home folder, not other files of the course, not other programs&apos; data.</li>
        <li>It may not start other programs or threads, or load native add-ons.</li>
        <li>Each run is stopped at the sandbox&apos;s time limit, and at limits on memory, processor time, file size, disk use and output.</li>
        <li>It gets an empty environment: none of your shell&apos;s variables, keys or tokens.</li>
        <li>It can still use the network like any program of yours (Node before 25 cannot restrict that).</li>
      </ul>
    </details>
  );
}
