// Assertions shared by the check files: each failure says what happened and what should have.
import assert from 'node:assert/strict';
import { formatHistory } from '../lib/history.js';

const show = (v) => (v === undefined ? 'no value' : JSON.stringify(v));

/** How a response reads in a message: "200 -> 1", "503", "no answer within 200 ms (info)". */
export function outcome(res) {
  if (res.status === 'timeout') return 'no answer within the client timeout (recorded as info)';
  if (res.status === 200 && res.op.f === 'read') return `200 with value ${show(res.value)}`;
  return String(res.status);
}

/** The operations around `culprit` (or the last ones), as an event table. */
export function excerpt(ops, culprit, { before = 40, max = 24 } = {}) {
  const near = culprit ? ops.filter((op) => (op.complete ?? op.invoke) >= culprit.invoke - before && op.invoke <= (culprit.complete ?? culprit.invoke)) : ops;
  return formatHistory(near.slice(-max));
}

export function assertWriteOk(res, what, cluster) {
  assert.equal(res.status, 200, `${what}: expected 200, got ${outcome(res)}${cluster.errorReport()}`);
}

export function assertRead(res, expected, what, cluster) {
  assert.ok(res.status === 200 && res.value === expected, `${what}: expected 200 with value ${show(expected)}, got ${outcome(res)}${cluster.errorReport()}`);
}

export function assertRefused(res, what, cluster) {
  assert.equal(res.status, 503, `${what}: expected 503 (no majority reachable, so nothing may be done), got ${outcome(res)}${cluster.errorReport()}`);
}

/** The cluster's history must pass the linearizability checker. */
export function assertLinearizable(cluster, what) {
  const ops = cluster.history.ops;
  const verdict = cluster.check();
  assert.ok(verdict.ok, `${what}: the history is not linearizable.\n${verdict.explanation}\n\n${excerpt(ops, verdict.culprit)}${cluster.errorReport()}`);
}
