/**
 * Chart redraws, coalesced into animation frames and spread over them: every dirty, visible chart
 * redraws at most once a frame, and a frame stops after a few milliseconds of drawing so no redraw
 * burst becomes a long task at 60x. Charts scrolled out of view wait until they come back.
 */
const BUDGET_MS = 8;

export interface Drawable {
  /** Redraws from the shared buffer. */
  draw(): void;
  visible: boolean;
}

const dirty = new Set<Drawable>();
let frame = 0;

function run() {
  frame = 0;
  const start = performance.now();
  let more = false;
  for (const chart of [...dirty]) {
    if (!chart.visible) continue; // stays dirty until it scrolls into view
    if (performance.now() - start > BUDGET_MS) {
      more = true;
      break;
    }
    dirty.delete(chart);
    chart.draw();
  }
  if (more) frame = requestAnimationFrame(run);
}

export function markDirty(chart: Drawable): void {
  dirty.add(chart);
  if (!frame && chart.visible) frame = requestAnimationFrame(run);
}

export function forget(chart: Drawable): void {
  dirty.delete(chart);
}
