import { useState } from 'react';
import { clockText } from '../../console/format';
import type { FacilitatorCore } from '../../workshop/facilitator';
import type { QueuedAction } from '../../workshop/session';

/** The approval setting and the players' actions waiting for a decision (approve, or reject with a reason). */
export default function ApprovalQueue({ core, on, queue, warm }: { core: FacilitatorCore; on: boolean; queue: QueuedAction[]; warm: number }) {
  return (
    <div className="workshop-approval">
      <h3 id="approval-heading">Approval</h3>
      <label className="workshop-check">
        <input type="checkbox" checked={on} onChange={(e) => core.setApproval(e.target.checked)} /> Players’ actions wait for my approval
      </label>
      {queue.length === 0 ? (
        <p className="muted">{on ? 'Nothing waiting.' : 'Players’ actions apply at once.'}</p>
      ) : (
        <ul className="workshop-injects" role="list" aria-labelledby="approval-heading">
          {queue.map((q) => (
            <Waiting key={q.id} item={q} core={core} warm={warm} />
          ))}
        </ul>
      )}
    </div>
  );
}

function Waiting({ item, core, warm }: { item: QueuedAction; core: FacilitatorCore; warm: number }) {
  const [reason, setReason] = useState('');
  const label = `${item.name}: ${item.text}`;
  return (
    <li className="workshop-queued">
      <span>
        <span className="workshop-entries__t">{clockText(item.t, warm)}</span> <strong>{item.name}</strong> asks to {item.text}
      </span>
      <span className="workshop-inject__buttons">
        <button type="button" className="button button--small" onClick={() => core.approve(item.id)}>
          Approve<span className="visually-hidden"> {label}</span>
        </button>
        <label className="visually-hidden" htmlFor={`reason-${item.id}`}>
          Reason for rejecting {label}
        </label>
        <input id={`reason-${item.id}`} placeholder="Reason (players read it)" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
        <button type="button" className="button button--quiet button--small" onClick={() => core.reject(item.id, reason)}>
          Reject<span className="visually-hidden"> {label}</span>
        </button>
      </span>
    </li>
  );
}
