// What a local runner token looks like, in one place: `npm start` (scripts/start.mjs) refuses a
// BLAST_RUNNER_TOKEN that does not match it, and the browser and server (src/sandbox/runner-link.ts,
// src/server/token.ts) accept nothing else. A fresh token is 32 random bytes in base64url (43 characters).
export const RUNNER_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;
export const RUNNER_TOKEN_RULE = '32 to 128 letters, digits, "-" or "_"';
