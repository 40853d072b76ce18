/**
 * The path a learner walks, in order. Staff lessons sit "beyond day 90" and carry no week. On its own,
 * without zod, because client islands on every page (the home page's "continue" card) need the levels
 * and would otherwise pull the full zod in with the lesson schema.
 */
export const LEVELS = ['junior', 'mid', 'senior', 'staff'] as const;
export type Level = (typeof LEVELS)[number];
