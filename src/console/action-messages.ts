/**
 * What a console run's log says an action did, in words: the line a player reads in the Timeline
 * and the status line ("fault injected: ...", "incident declared, SEV-2").
 */
import type { ConsoleAction } from './protocol';

export function describeFault(fault: Record<string, unknown>): string {
  const { type, ...params } = fault;
  const p = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return p ? `${String(type)} ${p}` : String(type);
}

export function describeComms(action: ConsoleAction): string {
  switch (action.type) {
    case 'declare-incident':
      return `incident declared, SEV-${action.severity}`;
    case 'set-severity':
      return `severity set to SEV-${action.severity}`;
    case 'assign-role':
      return `${action.role}: ${action.person}`;
    case 'status-update':
      return `status update posted; next in ${action.nextUpdateMinutes} min`;
    case 'note':
      return 'note added';
    case 'viewed':
      return `looked at ${action.panel}${action.focus ? `: ${action.focus}` : ''}`;
    default:
      return '';
  }
}
