/**
 * The console's plain constants, without zod or the simulator: the page's main bundle imports these
 * (protocol.ts re-exports them for the worker side), so the first paint does not pay for schemas.
 */
export const SPEEDS = [1, 2, 5, 10, 60] as const;
export type Speed = (typeof SPEEDS)[number];

/** Simulated seconds of healthy traffic before the player joins, so every chart opens with a baseline. */
export const DEFAULT_WARMUP_SECONDS = 1800;

export const SEVERITIES = [1, 2, 3, 4, 5] as const;
export const ROLES = ['IC', 'Ops', 'Comms', 'Scribe'] as const;
export type Role = (typeof ROLES)[number];
