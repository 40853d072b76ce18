import type { Checklist as ChecklistData } from '../../sandbox/checks/checklist';

interface Props {
  checklist: ChecklistData | null;
  running: boolean;
  checkNames: string[];
}

const ICON = { passed: '✓', failed: '✗', 'not-run': '–' } as const;
const WORD = { passed: 'Passes', failed: 'Fails', 'not-run': 'Did not run' } as const;

/** The behaviours the sandbox checks, with what failed and a hint for each failure. */
export default function Checklist({ checklist, running, checkNames }: Props) {
  const summary = checklist
    ? checklist.allPassed
      ? `All ${checklist.passed} checks pass.`
      : `${checklist.passed} of ${checklist.items.length} checks pass.`
    : running
      ? 'Running the checks…'
      : `${checkNames.length} checks. Run them to see which behaviours hold.`;
  return (
    // Focusable so keyboard users can scroll a long list of results.
    <section className="checklist" tabIndex={0} aria-labelledby="checklist-heading" data-all-passed={checklist?.allPassed ? 'true' : undefined}>
      <h3 id="checklist-heading" className="checklist__heading">
        Checks
      </h3>
      <p className={`checklist__summary${checklist?.allPassed ? ' is-done' : ''}`} role="status" data-checklist-summary>
        {summary}
      </p>
      {checklist?.stopped && <p className="notice notice--error checklist__stopped" role="alert" data-stopped>{checklist.stopped}</p>}
      <ul className="checklist__items">
        {(checklist?.items ?? checkNames.map((name) => ({ name, status: 'unknown' as const, message: null, hint: null }))).map((item) => (
          <li key={item.name} className={`check check--${item.status}`} data-check-status={item.status}>
            <span className="check__icon" aria-hidden="true">
              {item.status === 'unknown' ? '○' : ICON[item.status]}
            </span>
            <div className="check__body">
              <span className="check__name">
                <span className="visually-hidden">{item.status === 'unknown' ? 'Not run yet' : WORD[item.status]}: </span>
                {item.name}
              </span>
              {item.message && <pre className="check__message">{item.message}</pre>}
              {item.hint && (
                <p className="check__hint">
                  <strong>Hint:</strong> {item.hint}
                </p>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
