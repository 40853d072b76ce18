/**
 * The files the sandbox editor shows, and the learner's versions of the editable ones: which differ
 * from the starter, the draft saved as they type, and undo for "Apply solution" and "Reset". UI-free
 * (no React, no monaco): the editor renders its state and feeds it edits; unit tests drive it with
 * MemoryStorage and fake timers.
 *
 * Draft policy: one draft per sandbox (drafts.ts), written a moment after the last change, and only
 * while the files differ from the starter; back at the starter, the draft is removed.
 */
import type { SandboxSource } from './checks/workspace';
import { clearDraft, loadDraft, saveDraft, type DraftStorage } from './drafts';
import { learnerFileMatcher, pickLearnerFiles, type FileMap } from './files';

/** Where a file sits in the editor's list: the learner's own files first, read-only ones after. */
export type FileGroup = 'yours' | 'support' | 'checks' | 'scripts';

export interface FileEntry {
  path: string;
  editable: boolean;
  group: FileGroup;
}

const GROUP_ORDER: Record<FileGroup, number> = { yours: 0, support: 1, checks: 2, scripts: 3 };

/** Every file of the sandbox in the editor's order: by group, then by name. */
export function fileEntries(source: SandboxSource): FileEntry[] {
  const editable = learnerFileMatcher(source.manifest.files);
  const list: FileEntry[] = [];
  for (const path of Object.keys(source.starter).sort()) list.push({ path, editable: editable(path), group: editable(path) ? 'yours' : 'support' });
  for (const path of Object.keys(source.checks).sort()) list.push({ path, editable: false, group: 'checks' });
  for (const path of Object.keys(source.scripts).sort()) list.push({ path, editable: false, group: 'scripts' });
  return list.sort((a, b) => GROUP_ORDER[a.group] - GROUP_ORDER[b.group]);
}

/** The text of every file the sandbox ships, as shipped (starter, checks and scripts). */
export function shippedText(source: SandboxSource): FileMap {
  return { ...source.starter, ...source.checks, ...source.scripts };
}

/** An action on all the learner's files at once, which one undo takes back. */
export type UndoableAction = 'apply' | 'reset';

export interface EditorFilesState {
  /** The learner's editable files, with their current text. */
  files: FileMap;
  /** The editable files whose text differs from the starter, sorted. */
  changed: readonly string[];
  /** The action "Undo" would take back, or null when there is none. */
  undo: UndoableAction | null;
  /** What loading found: the starter, the learner's saved draft, or a draft that could not be read. */
  draft: 'none' | 'restored' | 'unreadable';
  /** Why the last autosave failed (storage full or blocked), or null. */
  saveError: string | null;
}

export interface EditorFilesOptions {
  source: SandboxSource;
  storage: DraftStorage;
  /** How long after the last change the draft is saved. */
  autosaveMs?: number;
}

export type EditorFilesListener = (state: EditorFilesState) => void;

export class EditorFiles {
  readonly sandboxId: string;
  /** The editable files as the sandbox ships them. */
  readonly starter: FileMap;
  readonly #solution: FileMap;
  readonly #editable: (path: string) => boolean;
  readonly #storage: DraftStorage;
  readonly #autosaveMs: number;
  readonly #listeners = new Set<EditorFilesListener>();
  #state: EditorFilesState;
  /** The files as they were before the last apply or reset. */
  #undoFiles: FileMap | null = null;
  #saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor({ source, storage, autosaveMs = 300 }: EditorFilesOptions) {
    this.sandboxId = source.manifest.id;
    this.starter = pickLearnerFiles(source.starter, source.manifest.files);
    this.#solution = source.solution;
    this.#editable = learnerFileMatcher(source.manifest.files);
    this.#storage = storage;
    this.#autosaveMs = autosaveMs;
    // The saved draft if there is one, else the starter. An unreadable draft was copied aside by loadDraft.
    const loaded = loadDraft(storage, this.sandboxId, this.#editable);
    const files = loaded.kind === 'draft' ? { ...this.starter, ...loaded.draft.files } : { ...this.starter };
    this.#state = {
      files,
      changed: this.#changed(files),
      undo: null,
      draft: loaded.kind === 'draft' ? 'restored' : loaded.kind === 'unreadable' ? 'unreadable' : 'none',
      saveError: null,
    };
  }

  get state(): EditorFilesState {
    return this.#state;
  }

  /** For React's useSyncExternalStore: bound, so it can be passed as it is. */
  readonly getSnapshot = (): EditorFilesState => this.#state;

  /** Calls `listener` once after every change; returns the function that stops it. Bound. */
  readonly subscribe = (listener: EditorFilesListener): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  isChanged(path: string): boolean {
    return this.#state.changed.includes(path);
  }

  /** The learner changed one file (typed, pasted, undid in the editor). Files they may not edit are ignored. */
  edit(path: string, text: string): void {
    if (!this.#editable(path) || this.#state.files[path] === text) return;
    this.#setFiles({ ...this.#state.files, [path]: text });
  }

  /** Puts the solution in place of the learner's files; `undo()` brings their version back. */
  applySolution(): void {
    this.#replaceUndoably('apply', { ...this.#state.files, ...this.#solution });
  }

  /** Puts the starter back; `undo()` brings the learner's version back. */
  reset(): void {
    this.#replaceUndoably('reset', { ...this.starter });
  }

  /** Takes back the last apply or reset: the files are exactly as they were before it. */
  undo(): void {
    const before = this.#undoFiles;
    if (!before) return;
    this.#undoFiles = null;
    this.#setFiles(before, { undo: null });
  }

  /** Forgets the last save error (the learner dismissed it); the next failing save reports again. */
  dismissSaveError(): void {
    if (this.#state.saveError !== null) this.#set({ saveError: null });
  }

  /** Saves a pending draft now rather than after the delay (the editor is closing). */
  flush(): void {
    if (this.#saveTimer === null) return;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    this.#save();
  }

  #replaceUndoably(action: UndoableAction, files: FileMap): void {
    this.#undoFiles = { ...this.#state.files };
    this.#setFiles(files, { undo: action });
  }

  #setFiles(files: FileMap, patch: Partial<EditorFilesState> = {}): void {
    this.#set({ ...patch, files, changed: this.#changed(files) });
    this.#scheduleSave();
  }

  #set(patch: Partial<EditorFilesState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of [...this.#listeners]) listener(this.#state);
  }

  #scheduleSave(): void {
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = null;
      this.#save();
    }, this.#autosaveMs);
  }

  #save(): void {
    let saveError: string | null = null;
    if (this.#state.changed.length === 0) clearDraft(this.#storage, this.sandboxId);
    else saveError = saveDraft(this.#storage, this.sandboxId, this.#state.files);
    if (saveError !== this.#state.saveError) this.#set({ saveError });
  }

  /** Files whose text is not the starter's, including any file the starter does not have. */
  #changed(files: FileMap): string[] {
    return [...new Set([...Object.keys(this.starter), ...Object.keys(files)])].filter((path) => files[path] !== this.starter[path]).sort();
  }
}
