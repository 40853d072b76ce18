import type { RuntimeKind, SessionError } from '../../sandbox/session';
import { RunnerConnect } from './RunnerConnect';

interface Props {
  /** The runtime's error, with the runtime to switch to when there is one. */
  error: SessionError | null;
  onFallback(kind: RuntimeKind): void;
  /** The learner pasted the local runner's link: connect again. */
  onConnected(): void;
  /** A message about the learner's files (an unreadable draft, a failed save), and its dismissal. */
  message: string | null;
  onDismiss(): void;
  /** The learner's saved edits were restored: said to screen readers only. */
  restored: boolean;
}

/** What the learner must know about the runtime and their saved edits. */
export default function Notices({ error, onFallback, onConnected, message, onDismiss, restored }: Props) {
  return (
    <>
      {error && (
        <div className="notice notice--error wb-error" role="alert" data-runtime-error={error.code}>
          <p>{error.message}</p>
          {error.code === 'not-connected' && <RunnerConnect onConnected={onConnected} />}
          {error.fallback && (
            // Remember the choice: the learner picked this runtime over the one that failed.
            <button type="button" className="button" onClick={() => onFallback(error.fallback!)}>
              Use {error.fallback === 'local' ? 'the local runner' : 'the in-browser runtime'} instead
            </button>
          )}
        </div>
      )}
      {message && (
        <p className="notice" role="status">
          {message}{' '}
          <button type="button" className="linklike" onClick={onDismiss}>
            Dismiss
          </button>
        </p>
      )}
      {restored && <p className="visually-hidden" role="status">Your saved edits were restored.</p>}
    </>
  );
}
