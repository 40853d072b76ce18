import type { FileEntry, FileGroup } from '../../sandbox/editor-files';

interface Props {
  sandboxId: string;
  entries: readonly FileEntry[];
  active: string;
  /** The learner's files that differ from the starter. */
  changed: readonly string[];
  onSelect(path: string): void;
}

const GROUPS: { key: FileGroup; label: string }[] = [
  { key: 'yours', label: 'Your files' },
  { key: 'support', label: 'Harness (read-only)' },
  { key: 'checks', label: 'Checks (read-only)' },
  { key: 'scripts', label: 'Demos (read-only)' },
];

export const tabId = (sandboxId: string, index: number) => `file-tab-${sandboxId}-${index}`;
export const panelId = (sandboxId: string) => `file-panel-${sandboxId}`;

/** The sandbox's files as one tab list, grouped; arrows, Home and End move between tabs. */
export default function FileTabs({ sandboxId, entries, active, changed, onSelect }: Props) {
  function onTabKey(event: React.KeyboardEvent<HTMLButtonElement>, index: number) {
    const delta = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (event.key === 'Home' || event.key === 'End' || delta) {
      event.preventDefault();
      const next = event.key === 'Home' ? 0 : event.key === 'End' ? entries.length - 1 : (index + delta + entries.length) % entries.length;
      onSelect(entries[next]!.path);
      document.getElementById(tabId(sandboxId, next))?.focus();
    }
  }

  return (
    <div className="wb-tabs" role="tablist" aria-label="Files">
      {GROUPS.map((g) => {
        const inGroup = entries.filter((e) => e.group === g.key);
        if (inGroup.length === 0) return null;
        return (
          <div key={g.key} className="wb-tabs__group" role="presentation">
            <span className="wb-tabs__label" aria-hidden="true">{g.label}</span>
            {inGroup.map((entry) => {
              const index = entries.indexOf(entry);
              return (
                <button
                  key={entry.path}
                  id={tabId(sandboxId, index)}
                  role="tab"
                  type="button"
                  aria-selected={entry.path === active}
                  aria-controls={panelId(sandboxId)}
                  tabIndex={entry.path === active ? 0 : -1}
                  className="wb-tab"
                  data-file={entry.path}
                  onClick={() => onSelect(entry.path)}
                  onKeyDown={(e) => onTabKey(e, index)}
                >
                  {entry.path}
                  {!entry.editable && (
                    <svg className="wb-tab__lock" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                      <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" fill="currentColor" />
                    </svg>
                  )}
                  {!entry.editable && <span className="visually-hidden"> (read-only)</span>}
                  {entry.editable && changed.includes(entry.path) && <span className="wb-tab__dot" aria-label="edited" />}
                </button>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
