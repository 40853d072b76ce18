import { useEffect, useState } from 'react';
import { shortcutFor, type FocusKind, type ShortcutCommand } from '../../console/shortcuts';

export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const m = matchMedia(query);
    const on = () => setMatches(m.matches);
    on();
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, [query]);
  return matches;
}

function focusKind(target: EventTarget | null): FocusKind {
  if (!(target instanceof HTMLElement)) return 'other';
  if (target.isContentEditable || target.closest('input, textarea, select, [role="combobox"], [cmdk-input]')) {
    // Checkboxes and radios take Space but not letters: treat them as controls.
    const input = target.closest('input');
    return input && (input.type === 'checkbox' || input.type === 'radio' || input.type === 'button') ? 'control' : 'text';
  }
  return target.closest('button, a, summary, [role="button"], [role="tab"], [tabindex]:not([tabindex="-1"])') ? 'control' : 'other';
}

/** Calls `run` for the console's keyboard shortcuts (shortcuts.ts), wherever focus is on the page. */
export function useShortcuts(run: (command: ShortcutCommand) => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      // A modal dialog (help, confirmation, palette) owns the keyboard while open.
      if (document.querySelector('dialog[open], [cmdk-dialog]') && !(e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey))) return;
      const command = shortcutFor(e, focusKind(e.target));
      if (!command) return;
      e.preventDefault();
      run(command);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [run, enabled]);
}

/** A native modal dialog driven by `open`: focus moves in, Escape and the backdrop close it, focus returns. */
export function useDialog(open: boolean, onClose: () => void) {
  const [node, setNode] = useState<HTMLDialogElement | null>(null);
  useEffect(() => {
    if (!node) return;
    if (open && !node.open) {
      node.showModal();
      // React's autoFocus ran before showModal, which then moved focus to the dialog: put it back.
      node.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && node.open) node.close();
  }, [node, open]);
  useEffect(() => {
    if (!node) return;
    const close = () => onClose();
    const backdrop = (e: MouseEvent) => e.target === node && node.close();
    node.addEventListener('close', close);
    node.addEventListener('click', backdrop);
    return () => {
      node.removeEventListener('close', close);
      node.removeEventListener('click', backdrop);
    };
  }, [node, onClose]);
  return setNode;
}
