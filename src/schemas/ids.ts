/**
 * Ids of lessons, sandboxes, demos, scenarios...: lowercase words joined by single hyphens. On its own,
 * without zod, so browser code can use it without pulling the full zod into the page.
 */
export const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
