import { useId, useRef, useState } from 'react';
import {
  MAX_IMPORT_BYTES,
  exportFileName,
  exportProgress,
  getBrowserStorage,
  importProgress,
  listBackups,
  readBackup,
  removeBackup,
  type Progress,
} from '../../progress';
import { downloadText, getProgressStore } from './client';
import { useProgress } from './useProgress';

type Message = { kind: 'ok' | 'error'; text: string } | null;

function summarise(p: Progress) {
  const lessons = Object.values(p.lessons);
  return {
    completed: lessons.filter((l) => l.completedAt).length,
    quizzes: lessons.filter((l) => l.quiz?.submittedAt).length,
    sandboxes: Object.values(p.sandboxes).filter((s) => s.passedAt).length,
    start: p.plan.startDate,
  };
}

function Summary({ progress }: { progress: Progress }) {
  const s = summarise(progress);
  return (
    <ul className="progress-summary">
      <li><strong data-summary="completed">{s.completed}</strong> lesson{s.completed === 1 ? '' : 's'} completed</li>
      <li><strong>{s.quizzes}</strong> quiz{s.quizzes === 1 ? '' : 'zes'} answered</li>
      <li><strong>{s.sandboxes}</strong> sandbox{s.sandboxes === 1 ? '' : 'es'} passing</li>
      <li>Plan start: <strong>{s.start ?? 'not set'}</strong></li>
    </ul>
  );
}

/** Export, import, start over, and the settings: everything the learner owns, in one place. */
export default function ProgressManager() {
  const progress = useProgress();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<Message>(null);
  const [pending, setPending] = useState<{ progress: Progress; name: string } | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const [, refresh] = useState(0);

  if (!progress) return <p className="muted">Loading your progress…</p>;
  const store = getProgressStore();
  const storage = getBrowserStorage();
  const backups = storage ? listBackups(storage) : [];

  function doExport() {
    const now = new Date();
    downloadText(exportFileName(now), exportProgress(store.get(), now));
    setMessage({ kind: 'ok', text: `Exported to ${exportFileName(now)} (check your downloads).` });
  }

  async function onFile(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    setPending(null);
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setMessage({ kind: 'error', text: `“${file.name}” is ${(file.size / 1048576).toFixed(1)} MB, over the 1 MB limit; a progress export is a few kilobytes. Nothing was changed.` });
      return;
    }
    const result = importProgress(await file.text(), new Date());
    if (!result.ok) {
      setMessage({ kind: 'error', text: `“${file.name}” was not imported. ${result.error}` });
      return;
    }
    setMessage(null);
    setPending({ progress: result.progress, name: file.name });
  }

  function confirmImport() {
    if (!pending) return;
    store.replace(pending.progress);
    setMessage({ kind: 'ok', text: `Imported “${pending.name}”. Your previous progress was kept as a backup (below).` });
    setPending(null);
  }

  function doReset() {
    store.reset();
    setConfirmReset(false);
    setMessage({ kind: 'ok', text: 'Started over. Your previous progress was kept as a backup (below).' });
  }

  const saveError = store.saveError();

  return (
    <div className="progress-manager">
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">What is saved</h2>
        <Summary progress={progress} />
        {saveError && <p className="notice notice--error" role="alert">Your last change was {saveError}.</p>}
      </section>

      <section className="card" aria-labelledby="transfer-heading">
        <h2 id="transfer-heading">Export and import</h2>
        <p>Progress lives in this browser only. Export it to a file to keep a copy or to move to another browser.</p>
        <div className="actions">
          <button type="button" className="button" onClick={doExport}>Export progress</button>
          <button type="button" className="button button--quiet" onClick={() => fileInput.current?.click()}>Import a progress file…</button>
          <input ref={fileInput} id={fileId} hidden type="file" accept="application/json,.json" onChange={onFile} data-testid="import-file" />
        </div>
        {pending && (
          <div className="notice confirm" role="group" aria-label="Confirm import">
            <p><strong>Replace your current progress with “{pending.name}”?</strong> The file holds:</p>
            <Summary progress={pending.progress} />
            <div className="actions">
              <button type="button" className="button" onClick={confirmImport}>Replace my progress</button>
              <button type="button" className="button button--quiet" onClick={() => setPending(null)}>Cancel</button>
            </div>
          </div>
        )}
        <div role="status" aria-live="polite">
          {message && <p className={`notice ${message.kind === 'error' ? 'notice--error' : 'notice--ok'}`} data-message={message.kind} style={{ whiteSpace: 'pre-line' }}>{message.text}</p>}
        </div>
      </section>

      <section className="card" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <fieldset className="setting">
          <legend>Theme</legend>
          {(['system', 'light', 'dark'] as const).map((t) => (
            <label key={t}><input type="radio" name="theme" checked={progress.settings.theme === t} onChange={() => store.setTheme(t)} /> {t === 'system' ? 'Follow my device' : t === 'light' ? 'Light' : 'Dark'}</label>
          ))}
        </fieldset>
        <fieldset className="setting">
          <legend>Where sandboxes run</legend>
          {([
            ['auto', 'Automatic: on this machine when the course runs locally (npm start), in the browser otherwise'],
            ['local', 'On this machine, through the local runner of npm start'],
            ['webcontainer', 'In the browser (WebContainer; needs access to StackBlitz)'],
          ] as const).map(([value, label]) => (
            <label key={value}><input type="radio" name="runtime" checked={progress.settings.runtime === value} onChange={() => store.setRuntime(value)} /> {label}</label>
          ))}
        </fieldset>
      </section>

      <section className="card" aria-labelledby="reset-heading">
        <h2 id="reset-heading">Start over</h2>
        <p>Clears your progress in this browser. A backup copy is kept below, and you can export first.</p>
        {confirmReset ? (
          <div className="actions" role="group" aria-label="Confirm start over">
            <button type="button" className="button" onClick={doReset}>Yes, start over</button>
            <button type="button" className="button button--quiet" onClick={() => setConfirmReset(false)}>Cancel</button>
          </div>
        ) : (
          <button type="button" className="button button--quiet" onClick={() => setConfirmReset(true)}>Start over…</button>
        )}
      </section>

      <section className="card" aria-labelledby="backups-heading">
        <h2 id="backups-heading">Backups</h2>
        {backups.length === 0 ? (
          <p className="muted">No backups. One is made whenever saved progress is replaced, reset or found unreadable.</p>
        ) : (
          <ul className="backups">
            {backups.map((b) => (
              <li key={b.key}>
                <span>{new Date(b.savedAt).toLocaleString()}</span>
                <button type="button" className="button button--quiet" onClick={() => { const raw = storage && readBackup(storage, b.key); if (raw) downloadText(`blast-radius-backup-${b.savedAt.slice(0, 10)}.json`, raw); }}>
                  Download
                </button>
                <button type="button" className="button button--quiet" onClick={() => { if (storage) removeBackup(storage, b.key); refresh((n) => n + 1); }}>
                  Delete<span className="visually-hidden"> backup of {b.savedAt}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
