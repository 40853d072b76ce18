import { currentWeek, localCalendarDate, type Progress } from '../../progress';
import type { Level } from '../../schemas/lesson';
import { getProgressStore } from './client';
import { lessonBadges } from './lesson-badges';
import { checkpointLine, describeDrillResult, lessonsDone } from './status-text';

/**
 * The progress displays of the lesson header, the path and the plan without React (issue 17): the
 * server renders each in its "progress unknown" state, as the islands did before hydrating, and one
 * script fills them all from the store, then again whenever progress changes (here or in another tab).
 * Markup and words match the React islands they replaced (the words come from status-text.ts, which
 * ProgressBar.tsx and DrillBest.tsx, still used on the home page and the drill catalogue, share).
 */

function el(tag: string, className?: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function setAttr(node: Element, name: string, value: string | null): void {
  if (value === null) node.removeAttribute(name);
  else node.setAttribute(name, value);
}

/** `.lesson-status` (LessonStatusBadges.astro): a lesson's completed/quiz and sandbox-passed badges. */
function fillLessonStatus(host: HTMLElement, progress: Progress): void {
  const { lessonId = '', sandboxId } = host.dataset;
  host.replaceChildren(
    ...lessonBadges(progress, lessonId, sandboxId).map((b) => {
      const badge = el('span', b.done ? 'badge badge--done' : 'badge');
      badge.setAttribute(b.attr, b.value);
      if (b.done) {
        const mark = el('span', undefined, '✓ ');
        mark.setAttribute('aria-hidden', 'true');
        badge.append(mark);
      }
      badge.append(b.text);
      return badge;
    }),
  );
}

/** `.progress` (ProgressMeter.astro): "n of m lessons complete" as a bar and its label. */
function fillProgressBar(host: HTMLElement, progress: Progress): void {
  const ids = (host.dataset.lessonIds ?? '').split(' ').filter(Boolean);
  const { done, pct, text } = lessonsDone(progress, ids);
  setAttr(host, 'data-progress-done', String(done));
  const bar = host.querySelector('.progress__bar');
  bar?.setAttribute('aria-valuenow', String(pct));
  bar?.setAttribute('aria-valuetext', text);
  const fill = host.querySelector<HTMLElement>('.progress__fill');
  if (fill) fill.style.width = `${pct}%`;
  const label = host.querySelector('.progress__label');
  if (label) label.textContent = text;
}

/** `.checkpoint-status` (CheckpointLine.astro): a level's checkpoint, passed or not yet. */
function fillCheckpoint(host: HTMLElement, progress: Progress): void {
  const level = host.dataset.level as Level;
  const line = checkpointLine(progress, level, host.dataset.name ?? '');
  if (!line) return;
  host.className = line.passed ? 'checkpoint-status' : 'checkpoint-status muted';
  host.setAttribute('data-checkpoint', level);
  host.setAttribute('data-passed', String(line.passed));
  if (line.passed) host.replaceChildren(el('span', 'badge badge--done', 'Passed'), ` ${line.text}`);
  else host.replaceChildren(line.text);
}

/** `.drill-best` (DrillBestLine.astro): a drill's best result, or "Not tried yet". */
function fillDrillBest(host: HTMLElement, progress: Progress): void {
  const drillId = host.dataset.drill ?? '';
  const state = progress.drills[drillId];
  host.setAttribute('data-drill-best', drillId);
  if (!state?.best) {
    host.className = 'drill-best muted';
    host.removeAttribute('data-passed');
    host.replaceChildren('Not tried yet');
    return;
  }
  const { passed } = state.best;
  host.className = 'drill-best';
  host.setAttribute('data-passed', String(passed));
  host.replaceChildren(el('span', passed ? 'badge badge--done' : 'badge', passed ? 'Passed' : 'Tried'), ` Best: ${describeDrillResult(state.best)}`);
  if (state.attempts > 1) host.append(el('span', 'muted', ` (${state.attempts} attempts)`));
}

/** `.week-status` (WeekMarker.astro): the "This week" marker when the learner's plan says so. */
function fillWeekStatus(host: HTMLElement, progress: Progress): void {
  const isNow = currentWeek(progress.plan.startDate, localCalendarDate(new Date())) === Number(host.dataset.week);
  setAttr(host, 'data-this-week', isNow ? 'true' : null);
  const marker = host.querySelector(':scope > .week-status__now');
  if (isNow && !marker) host.prepend(el('span', 'badge badge--level week-status__now', 'This week'));
  if (!isNow) marker?.remove();
}

const FILLERS: [selector: string, fill: (host: HTMLElement, progress: Progress) => void][] = [
  ['.lesson-status[data-lesson-id]', fillLessonStatus],
  ['.progress[data-lesson-ids]', fillProgressBar],
  ['.checkpoint-status[data-level]', fillCheckpoint],
  ['.drill-best[data-drill]', fillDrillBest],
  ['.week-status[data-week]', fillWeekStatus],
];

/** Fills every progress display under `root` from `progress`. */
export function fillProgressDisplays(root: ParentNode, progress: Progress): void {
  for (const [selector, fill] of FILLERS) {
    for (const host of root.querySelectorAll<HTMLElement>(selector)) fill(host, progress);
  }
}

/**
 * Reads progress once, fills the page's displays and keeps them current: one reader and one listener
 * a page, because the displays share one script (ProgressDisplays.astro), which Astro puts on a page once.
 */
export function startProgressDisplays(): void {
  const store = getProgressStore();
  fillProgressDisplays(document, store.get());
  store.subscribe((progress) => fillProgressDisplays(document, progress));
}
