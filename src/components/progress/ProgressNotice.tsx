import { useEffect, useState } from 'react';
import { getBrowserStorage, readBackup, type ProgressNotice as Notice } from '../../progress';
import { downloadText, getProgressStore } from './client';

const DISMISSED = 'blast-radius:notice-dismissed';

/**
 * Tells the learner, once, what happened to their saved progress on load: kept as a backup because it
 * was unreadable or from a newer version, upgraded from an older format, or not storable at all.
 */
export default function ProgressNotice() {
  const [notice, setNotice] = useState<Notice | undefined>();

  useEffect(() => {
    const n = getProgressStore().notice;
    if (!n) return;
    // One notice per backup: don't repeat it on every page once the learner has read it.
    const id = `${n.kind}:${n.backupKey ?? ''}`;
    try {
      if (sessionStorage.getItem(DISMISSED) === id) return;
    } catch {
      /* no session storage: show it */
    }
    setNotice(n);
  }, []);

  if (!notice) return null;
  const id = `${notice.kind}:${notice.backupKey ?? ''}`;
  const severe = notice.kind === 'corrupt' || notice.kind === 'newer-version' || notice.kind === 'storage-unavailable';

  function dismiss() {
    try {
      sessionStorage.setItem(DISMISSED, id);
    } catch {
      /* nothing to remember it in */
    }
    setNotice(undefined);
  }

  function downloadBackup() {
    const storage = getBrowserStorage();
    const raw = storage && notice?.backupKey ? readBackup(storage, notice.backupKey) : null;
    if (raw !== null) downloadText('blast-radius-progress-backup.json', raw);
  }

  return (
    <div className="progress-notice-wrap">
      <div className={`notice${severe ? ' notice--error' : ''} progress-notice`} role={severe ? 'alert' : 'status'} data-notice={notice.kind}>
        <p>
          <strong>{severe ? 'About your saved progress: ' : 'Progress updated: '}</strong>
          {notice.message}
        </p>
        <div className="progress-notice__actions">
          {notice.backupKey && (
            <button type="button" className="button button--quiet" onClick={downloadBackup}>
              Download the backup
            </button>
          )}
          <a className="button button--quiet" href="/progress/">Manage progress</a>
          <button type="button" className="button button--quiet" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      </div>
    </div>
  );
}
