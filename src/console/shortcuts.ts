/**
 * The console's keyboard shortcuts: one table for the handler and the "Keyboard" help, so the help
 * never lists a key that does nothing. Single keys act only when focus is not in a text field (and
 * Space only when not on a button, where it presses the button).
 */
import { SPEEDS, type Speed } from './constants';

export type ShortcutCommand =
  | { type: 'TOGGLE' }
  | { type: 'STEP' }
  | { type: 'SPEED'; speed: Speed }
  | { type: 'RUN_TO_ALERT' }
  | { type: 'palette' }
  | { type: 'help' };

export const SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['Space', 'K'], what: 'Play or pause' },
  { keys: ['.'], what: 'Step one simulated second (pauses)' },
  { keys: ['1', '2', '3', '4', '5'], what: `Speed ${SPEEDS.map((s) => `${s}x`).join(', ')}` },
  { keys: ['N'], what: 'Run to the next alert' },
  { keys: ['Ctrl K', '⌘ K'], what: 'Command palette: every action' },
  { keys: ['?'], what: 'This list' },
];

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Where focus is: typing into a field, on a control that Space presses, or elsewhere. */
export type FocusKind = 'text' | 'control' | 'other';

export function shortcutFor(e: KeyInput, focus: FocusKind): ShortcutCommand | null {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') return { type: 'palette' };
  if (e.ctrlKey || e.metaKey || e.altKey || focus === 'text') return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key === ' ') return focus === 'control' ? null : { type: 'TOGGLE' };
  if (key === 'k') return { type: 'TOGGLE' };
  if (key === '.') return { type: 'STEP' };
  if (key === 'n') return { type: 'RUN_TO_ALERT' };
  if (key === '?') return { type: 'help' };
  const n = Number(key);
  if (Number.isInteger(n) && n >= 1 && n <= SPEEDS.length) return { type: 'SPEED', speed: SPEEDS[n - 1]! };
  return null;
}
