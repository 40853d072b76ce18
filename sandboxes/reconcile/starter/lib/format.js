// Printing a plan the way Terraform does, and counting it. Replacements count once as an add and
// once as a destroy, so the summary line alone cannot tell a replacement from unrelated churn.
import { show } from './values.js';

const SYMBOL = { create: '  +', update: '  ~', replace: '-/+', delete: '  -' };
const WORD = { create: 'create', update: 'update in-place', replace: 'replace', delete: 'destroy' };

/** { add, change, destroy } for a plan's actions. */
export function countPlan(plan) {
  const counts = { add: 0, change: 0, destroy: 0 };
  for (const a of plan?.actions ?? []) {
    if (a.action === 'create' || a.action === 'replace') counts.add += 1;
    if (a.action === 'update') counts.change += 1;
    if (a.action === 'delete' || a.action === 'replace') counts.destroy += 1;
  }
  return counts;
}

/** "Plan: 2 to add, 4 to change, 2 to destroy." or "No changes. ..." */
export function summaryLine(plan) {
  const { add, change, destroy } = countPlan(plan);
  if (add + change + destroy === 0) return 'No changes. Your infrastructure matches the configuration.';
  return `Plan: ${add} to add, ${change} to change, ${destroy} to destroy.`;
}

/** The whole plan as text: one line per action, refused deletions, and the summary. */
export function formatPlan(plan) {
  const lines = [];
  for (const a of plan?.actions ?? []) {
    const what = (a.changes ?? []).map((c) => `${c.field}: ${show(c.from)} -> ${show(c.to)}`).join('; ');
    lines.push(`${SYMBOL[a.action] ?? ' ? '} ${a.address.padEnd(26)} ${(WORD[a.action] ?? a.action).padEnd(16)}${what ? ` (${what})` : ''}`);
  }
  for (const r of plan?.refused ?? []) lines.push(`  ! ${r.address.padEnd(26)} ${`${r.action} refused`.padEnd(16)} ${r.reason}`);
  if (lines.length > 0) lines.push('');
  lines.push(summaryLine(plan));
  return lines.join('\n');
}

/** The drift part of a plan as text. */
export function formatDrift(plan) {
  const drift = plan?.drift ?? [];
  if (drift.length === 0) return 'No drift: every object matches what the last apply recorded.';
  const lines = ['Objects changed outside this tool:'];
  for (const d of drift) {
    if (d.kind === 'deleted') {
      lines.push(`  - ${d.address} was deleted`);
      continue;
    }
    lines.push(`  ~ ${d.address}`);
    for (const f of d.fields ?? []) lines.push(`      ${f.field}: recorded ${show(f.recorded)}, now ${show(f.actual)}`);
  }
  return lines.join('\n');
}
