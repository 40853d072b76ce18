import { clockText, postmortemMarkdown, type PostmortemDraft } from '../../console/debrief/postmortem';
import { downloadText } from '../progress/client';

interface Props {
  draft: PostmortemDraft | null;
  onChange: (draft: PostmortemDraft) => void;
  /** Where the draft goes on its own (progress), in words; null when it is not saved. */
  saved: string | null;
  fileName: string;
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

function ListField({ id, label, items, onChange }: { id: string; label: string; items: string[]; onChange: (items: string[]) => void }) {
  return (
    <div className="debrief__field">
      <label htmlFor={id}>{label}</label>
      <span className="muted" id={`${id}-help`}>
        One per line.
      </span>
      <textarea id={id} aria-describedby={`${id}-help`} rows={Math.max(3, items.length + 1)} defaultValue={items.join('\n')} onChange={(e) => onChange(lines(e.target.value))} />
    </div>
  );
}

/**
 * The blameless postmortem, drafted from the event log and the measured effects; every part can be
 * edited; the timeline stays the event log. Exported as Markdown and JSON.
 */
export default function PostmortemEditor({ draft, onChange, saved, fileName }: Props) {
  if (!draft) {
    return (
      <section className="debrief__section" aria-labelledby="debrief-postmortem">
        <h3 id="debrief-postmortem">Postmortem draft</h3>
        <p className="muted">The draft is written once every action has been measured: what went well and badly comes from those measurements.</p>
      </section>
    );
  }
  const set = (patch: Partial<PostmortemDraft>) => onChange({ ...draft, ...patch });
  return (
    <section className="debrief__section debrief__postmortem" aria-labelledby="debrief-postmortem">
      <h3 id="debrief-postmortem">Postmortem draft</h3>
      <p className="muted">Blameless: it describes what the system and the people in it did, and why that made sense at the time. Edit anything; the timeline is the run's event log.</p>
      <div className="debrief__field">
        <label htmlFor="pm-title">Title</label>
        <input id="pm-title" defaultValue={draft.title} onChange={(e) => set({ title: e.target.value })} />
      </div>
      <div className="debrief__field">
        <label htmlFor="pm-summary">Summary</label>
        <textarea id="pm-summary" rows={4} defaultValue={draft.summary} onChange={(e) => set({ summary: e.target.value })} />
      </div>
      <h4>Impact</h4>
      <dl className="end__numbers">
        <dt>Duration of impact</dt>
        <dd>{draft.impact.durationSeconds === null ? 'none recorded' : `${Math.round(draft.impact.durationSeconds / 60)} min`}</dd>
        <dt>Users affected (failed requests)</dt>
        <dd>{draft.impact.failedRequests.toLocaleString('en')}</dd>
        <dt>Shed requests</dt>
        <dd>{draft.impact.shedRequests.toLocaleString('en')}</dd>
        <dt>Error budget burned</dt>
        <dd>{draft.impact.budgetBurnedPercent.toFixed(2)}% of 30 days</dd>
      </dl>
      <h4 id="pm-timeline">Timeline</h4>
      <div className="debrief__timeline" tabIndex={0} role="region" aria-labelledby="pm-timeline">
        <table className="debrief__table" data-testid="postmortem-timeline">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Kind</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {draft.timeline.map((e, i) => (
              <tr key={i} data-kind={e.kind}>
                <td>{clockText(e.t)}</td>
                <td>{e.kind}</td>
                <td>{e.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="debrief__field">
        <label htmlFor="pm-cause">Root cause</label>
        <textarea id="pm-cause" rows={3} defaultValue={draft.rootCause} onChange={(e) => set({ rootCause: e.target.value })} />
      </div>
      <ListField id="pm-factors" label="Contributing factors" items={draft.contributingFactors} onChange={(contributingFactors) => set({ contributingFactors })} />
      <ListField id="pm-well" label="What went well" items={draft.wentWell} onChange={(wentWell) => set({ wentWell })} />
      <ListField id="pm-badly" label="What went badly" items={draft.wentBadly} onChange={(wentBadly) => set({ wentBadly })} />
      <h4>Action items</h4>
      <ol className="debrief__items">
        {draft.actionItems.map((a, i) => (
          <li key={i}>
            <div className="debrief__field">
              <label htmlFor={`pm-item-${i}`}>Action item {i + 1}</label>
              <input id={`pm-item-${i}`} defaultValue={a.text} onChange={(e) => set({ actionItems: draft.actionItems.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })} />
            </div>
            <div className="debrief__field">
              <label htmlFor={`pm-owner-${i}`}>Owner of action item {i + 1}</label>
              <input id={`pm-owner-${i}`} defaultValue={a.owner} onChange={(e) => set({ actionItems: draft.actionItems.map((x, j) => (j === i ? { ...x, owner: e.target.value } : x)) })} />
            </div>
            <p className="muted">Addresses: {a.factor}</p>
          </li>
        ))}
      </ol>
      <div className="end__actions">
        <button type="button" className="button" onClick={() => downloadText(`${fileName}.md`, postmortemMarkdown(draft), 'text/markdown')}>
          Download Markdown
        </button>
        <button type="button" className="button button--quiet" onClick={() => downloadText(`${fileName}.json`, `${JSON.stringify(draft, null, 2)}\n`)}>
          Download JSON
        </button>
        {saved && (
          <span className="muted" role="status">
            {saved}
          </span>
        )}
      </div>
    </section>
  );
}
