/** How the console writes times and numbers. Simulated time is shown from the player's join (T+00:00). */

const two = (n: number) => String(n).padStart(2, '0');

/** `T+mm:ss` from the player's join; the warm-up before it is negative (`T-12:30`). Minutes grow past 59. */
export function clockText(t: number, warmupSeconds: number): string {
  const s = Math.round(t - warmupSeconds);
  const a = Math.abs(s);
  return `T${s < 0 ? '-' : '+'}${two(Math.floor(a / 60))}:${two(a % 60)}`;
}

/** A duration in words a reader takes in at a glance: `45 s`, `2 min 10 s`, `1 h 05 min`. */
export function durationText(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
  return `${Math.floor(s / 3600)} h ${two(Math.floor((s % 3600) / 60))} min`;
}

/** A ratio as a percentage with sensible precision (0.0021 -> "0.21%", 0.25 -> "25%"). */
export function percentText(ratio: number, digits?: number): string {
  if (!Number.isFinite(ratio)) return '—';
  const p = ratio * 100;
  const d = digits ?? (p === 0 ? 0 : Math.abs(p) < 1 ? 2 : Math.abs(p) < 10 ? 1 : 0);
  return `${p.toFixed(d)}%`;
}

/** Short numbers for dense panels: 1234 -> "1.2k". */
export function compactNumber(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 1e6) return `${(x / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${Math.round(x / 1e3)}k`;
  if (a >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  if (a >= 100 || Number.isInteger(x)) return String(Math.round(x));
  return x.toFixed(a >= 10 ? 1 : 2);
}

export function msText(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${Math.round(ms)} ms`;
}
