// A trace is a tree of spans linked by parentId. The critical path of a request is the chain of
// work it was waiting on: make any piece of it faster and the request gets faster; make anything
// else faster and nothing changes.
//
// A span is { traceId, spanId, parentId, name, service, kind, start, end } (ms).
//
// Right now there is no tree, and the "critical path" is the whole request as one block, which
// says nothing about where the time went. Your job is the TODOs below.
// Run node scripts/slow-checkout.js to see the path of the lesson's 900 ms checkout.

/**
 * Links spans into trees. Returns the root nodes ({ span, children }), each node's children sorted
 * by start time. A span whose parent is not among `spans` is a root too: that is what a broken
 * propagation looks like.
 */
export function buildTree(spans) {
  // TODO 1: one node { span, children: [] } per span, keyed by spanId; attach each node to its
  //   parent's children; nodes without a parent in the list are roots. Sort children by start.
  return spans.map((span) => ({ span, children: [] }));
}

/**
 * The critical path of the trace in `spans`, as segments { spanId, name, start, end } in time
 * order: during each segment the request was waiting on that span's own work (its self time).
 * The segments cover the root span from its start to its end with no gaps and no overlaps.
 */
export function criticalPath(spans) {
  // TODO 2: take the root (the span without a parent) and walk BACKWARDS from its end, as the
  //   lesson does: at each point the parent was waiting on the child that finished last at or
  //   before that point. Take that child, cover it the same way (recursively), then continue from
  //   the child's start. Time when no child was running is the parent's own (self) time: a
  //   segment of the parent. Children that end after the point you are at do not count.
  //   Not the longest child: a long child that finished early was not what the parent waited on.
  const root = spans.find((s) => s.parentId == null);
  return root ? [{ spanId: root.spanId, name: root.name, start: root.start, end: root.end }] : [];
}
