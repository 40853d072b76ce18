import { useState } from 'react';
import { clockText } from '../../console/format';
import type { FacilitatorCore } from '../../workshop/facilitator';
import type { SessionContingency } from '../../workshop/session';

const STATUS = { waiting: 'Waiting', sent: 'Sent', met: 'Met', skipped: 'Skipped' } as const;

/** The script's contingency injects: what each waits for, until when, and what it became. */
export function Contingencies({ items, warm, core }: { items: SessionContingency[]; warm: number; core: FacilitatorCore }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>If the team has not…</h3>
      <ul className="workshop-injects" role="list">
        {items.map((c) => (
          <li key={c.id} className="workshop-inject" data-state={c.status === 'sent' ? 'active' : c.status === 'waiting' ? 'scheduled' : 'skipped'}>
            <span className="workshop-light" aria-hidden="true" />
            <span>
              <strong>{c.expected.join(' or ')}</strong> by {clockText(warm + c.by, warm)}: {c.from} asks “{c.text}”
              <br />
              <span className="muted">
                {STATUS[c.status]}
                {c.settledAt !== null ? ` at ${clockText(c.settledAt, warm)}` : ''}
              </span>
            </span>
            {c.status === 'waiting' && (
              <span className="workshop-inject__buttons">
                <button type="button" className="button button--quiet button--small" onClick={() => core.skipContingency(c.id)}>
                  Skip<span className="visually-hidden"> contingency {c.id}</span>
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Pause for discussion: the clock stops for everyone and players see the question until the facilitator resumes. */
export function DiscussionForm({ core, discussion }: { core: FacilitatorCore; discussion: string | null }) {
  const [prompt, setPrompt] = useState('');
  if (discussion !== null) {
    return (
      <div className="workshop-form">
        <h3>Discussion</h3>
        <p role="status">Paused for discussion: {discussion}</p>
        <button type="button" className="button button--small" onClick={() => core.resume()}>
          Resume the run
        </button>
      </div>
    );
  }
  return (
    <form
      className="workshop-form"
      onSubmit={(e) => {
        e.preventDefault();
        core.discuss(prompt);
        setPrompt('');
      }}
    >
      <h3>Discussion</h3>
      <label htmlFor="discussion-prompt">Question for the team</label>
      <input id="discussion-prompt" value={prompt} maxLength={500} placeholder="What do we know, and what do we try next?" onChange={(e) => setPrompt(e.target.value)} />
      <button type="submit" className="button button--small">
        Pause for discussion
      </button>
    </form>
  );
}
