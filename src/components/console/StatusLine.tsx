import { clockText } from '../../console/format';
import { useConsole, useConsoleSelector } from './context';

/** The answer to the last action ("rolling back") and any error, announced to screen readers. */
export default function StatusLine() {
  const { actor } = useConsole();
  const last = useConsoleSelector((s) => s.context.lastResult);
  const error = useConsoleSelector((s) => s.context.error);
  const warm = useConsoleSelector((s) => s.context.scenario?.warmupSeconds ?? 0);
  return (
    <div className="status-line">
      <p role="status" className="status-line__result" data-testid="last-result">
        {last && (
          <>
            <span className="muted">{clockText(last.at, warm)}</span> {last.action.type}: {last.accepted ? last.message : `refused: ${last.message}`}
          </>
        )}
      </p>
      {error && (
        <div role="alert" className="notice notice--error status-line__error">
          <span>{error}</span>
          <button type="button" className="button button--quiet button--small" onClick={() => actor.send({ type: 'DISMISS_ERROR' })}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
