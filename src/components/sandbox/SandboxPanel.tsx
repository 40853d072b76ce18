import { Component, Suspense, lazy, useEffect, useState, type ReactNode } from 'react';
import type { SandboxSource } from '../../sandbox/checks/workspace';
import { useProgress } from '../progress/useProgress';
import loadWorkbench from 'lazy-chunk:./Workbench';

// Monaco, xterm, the runtimes and all their CSS load only when the learner opens the sandbox
// (scripts/vite-lazy-chunk.mjs says why this is not a plain import()). The closed card's few rules
// are in lesson.css.
const Workbench = lazy(loadWorkbench as () => Promise<typeof import('./Workbench')>);

interface Props {
  sandboxId: string;
  title: string;
  checkCount: number;
}

const OPEN_KEY = 'blast-radius:sandbox-open:';

class Crash extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error) {
      return (
        <div className="notice notice--error" role="alert">
          <p>The sandbox stopped working: {this.state.error.message}</p>
          <p>Your edits are saved in this browser. Reload the page to try again.</p>
        </div>
      );
    }
    return this.props.children;
  }
}

/** What the page shows before the island runs, and without JavaScript: how to work in your own editor. */
function NeedsScript({ sandboxId, title }: Pick<Props, 'sandboxId' | 'title'>) {
  return (
    <div className="card sandbox-fallback">
      <p>
        <strong>Code sandbox: {title}</strong>
      </p>
      <p className="muted">
        The sandbox needs JavaScript. You can also work in your own editor: <code>npm run sandbox -- init {sandboxId} ./my-{sandboxId}</code>, then{' '}
        <code>npm run check -- {sandboxId} --dir ./my-{sandboxId}</code>.
      </p>
    </div>
  );
}

/**
 * The lesson's sandbox: a small card until opened, then the editor, checks and terminal. The page renders
 * it on the server as the no-JavaScript note and hydrates it when it comes into view (client:visible), so
 * React does not run on a lesson's load; the card replaces the note once the island runs.
 */
export default function SandboxPanel({ sandboxId, title, checkCount }: Props) {
  const progress = useProgress();
  const [running, setRunning] = useState(false);
  useEffect(() => setRunning(true), []);
  const [open, setOpen] = useState(false);
  const [source, setSource] = useState<SandboxSource | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  // Reopen after a reload if it was open in this tab.
  useEffect(() => {
    if (sessionStorage.getItem(OPEN_KEY + sandboxId) === '1' || location.hash === '#sandbox') setOpen(true);
  }, [sandboxId]);

  useEffect(() => {
    if (!open || source) return;
    sessionStorage.setItem(OPEN_KEY + sandboxId, '1');
    let cancelled = false;
    fetch(`/sandboxes/${sandboxId}.json`)
      .then((r) => {
        if (!r.ok) throw new Error(`the sandbox files did not load (HTTP ${r.status})`);
        return r.json() as Promise<SandboxSource>;
      })
      .then((s) => !cancelled && setSource(s))
      .catch((e: Error) => !cancelled && setError(`${e.message}. Check that the course is still running, then try again.`));
    return () => {
      cancelled = true;
    };
  }, [open, source, sandboxId, attempt]);

  const state = progress?.sandboxes[sandboxId];
  const status = state?.passedAt ? 'All checks passed' : state?.lastRun ? `Last run: ${state.lastRun.passed} of ${state.lastRun.passed + state.lastRun.failed} checks pass` : 'Not started';

  if (!running) return <NeedsScript sandboxId={sandboxId} title={title} />;
  if (!open) {
    return (
      <div className="sandbox-card card" data-sandbox={sandboxId}>
        <div>
          <p className="sandbox-card__kicker">Code sandbox</p>
          <h3 className="sandbox-card__title">{title}</h3>
          <p className="muted">
            {checkCount} checks · <span data-sandbox-status>{status}</span>
          </p>
        </div>
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Open the sandbox
        </button>
      </div>
    );
  }
  return (
    <div className="sandbox-open" data-sandbox={sandboxId}>
      <div className="sandbox-open__head">
        <h3 className="sandbox-card__title">{title}</h3>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            sessionStorage.removeItem(OPEN_KEY + sandboxId);
            setOpen(false);
          }}
        >
          Close
        </button>
      </div>
      {error ? (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
          <button type="button" className="button button--quiet" onClick={() => { setError(null); setAttempt((n) => n + 1); }}>
            Try again
          </button>
        </div>
      ) : source ? (
        <Crash>
          <Suspense fallback={<p className="muted" role="status">Loading the editor…</p>}>
            <Workbench source={source} />
          </Suspense>
        </Crash>
      ) : (
        <p className="muted" role="status">Loading the sandbox files…</p>
      )}
    </div>
  );
}
