import { useRef, useState, type ChangeEvent } from 'react';
import { downloadText } from '../progress/client';
import { useConsole } from './context';
import { readRunFile, runFileText, shareLink } from './sharing';

/** Share run (a link that replays this run), Export run and Import run (JSON files). */
export default function RunSharing({ compact = true }: { compact?: boolean }) {
  const { actor } = useConsole();
  const [link, setLink] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const size = compact ? ' button--small' : '';

  const share = async () => {
    setProblem(null);
    try {
      const href = await shareLink(actor.getSnapshot().context);
      setLink(href);
      try {
        await navigator.clipboard.writeText(href);
        setNote('Link copied. Anyone who opens it replays this run to this second.');
      } catch {
        setNote('Copy the link below. Anyone who opens it replays this run to this second.');
      }
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  const exportRun = async () => {
    setProblem(null);
    try {
      const ctx = actor.getSnapshot().context;
      downloadText(`blast-radius-run-${ctx.scenario?.id ?? 'run'}.json`, await runFileText(ctx));
      setNote('Run exported. Import it here (or send it) to replay it.');
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  const importRun = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    setProblem(null);
    try {
      const request = await readRunFile(await f.text(), f.name);
      actor.send({ type: 'LOAD', request });
    } catch (err) {
      setProblem((err as Error).message);
    }
  };

  return (
    <div className="run-sharing">
      <button type="button" className={`button button--quiet${size}`} onClick={share}>
        Share run
      </button>
      <button type="button" className={`button button--quiet${size}`} onClick={exportRun}>
        Export run
      </button>
      <button type="button" className={`button button--quiet${size}`} onClick={() => file.current?.click()}>
        Import run
      </button>
      <input ref={file} type="file" accept="application/json,.json" className="visually-hidden" tabIndex={-1} aria-hidden="true" onChange={importRun} />
      {(note || link || problem) && (
        <div className="run-sharing__out" role="status">
          {note && <p>{note}</p>}
          {link && (
            <label className="run-sharing__link">
              <span className="visually-hidden">Share link</span>
              <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="share-link" />
            </label>
          )}
          {problem && <p className="run-sharing__problem">{problem}</p>}
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => {
              setLink(null);
              setNote(null);
              setProblem(null);
            }}
          >
            Close
          </button>
        </div>
      )}
    </div>
  );
}
