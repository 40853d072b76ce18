// A trace is a tree of spans linked by parentId. The critical path of a request is the chain of
// work it was waiting on: make any piece of it faster and the request gets faster; make anything
// else faster and nothing changes.
//
// A span is { traceId, spanId, parentId, name, service, kind, start, end } (ms).

/**
 * Links spans into trees. Returns the root nodes ({ span, children }), each node's children sorted
 * by start time. A span whose parent is not among `spans` is a root too: that is what a broken
 * propagation looks like.
 */
export function buildTree(spans) {
  const nodes = new Map();
  for (const span of spans) nodes.set(span.spanId, { span, children: [] });
  const roots = [];
  for (const node of nodes.values()) {
    const parent = node.span.parentId == null ? undefined : nodes.get(node.span.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const byStart = (a, b) => a.span.start - b.span.start || a.span.end - b.span.end;
  for (const node of nodes.values()) node.children.sort(byStart);
  roots.sort(byStart);
  return roots;
}

/**
 * The critical path of the trace in `spans`, as segments { spanId, name, start, end } in time
 * order: during each segment the request was waiting on that span's own work (its self time).
 * The segments cover the root span from its start to its end with no gaps and no overlaps.
 *
 * Walks backwards from the root's end: at each point the parent was waiting on the child that
 * finished last at or before that point; take it, descend into it the same way, then continue
 * from its start. Time where no child was running is the parent's self time.
 */
export function criticalPath(spans) {
  const roots = buildTree(spans);
  if (roots.length === 0) return [];
  const withoutParent = roots.filter((r) => r.span.parentId == null);
  const candidates = withoutParent.length > 0 ? withoutParent : roots;
  const root = candidates.reduce((a, b) => (b.span.end - b.span.start > a.span.end - a.span.start ? b : a));
  const backwards = [];
  walk(root, root.span.start, root.span.end, backwards);
  return backwards.reverse();
}

function segment(node, start, end) {
  return { spanId: node.span.spanId, name: node.span.name, start, end };
}

/** Appends, latest first, the segments that cover [from, to] of `node`. */
function walk(node, from, to, out) {
  const pending = [...node.children];
  let t = to;
  while (t > from) {
    let waitedOn = -1;
    pending.forEach((child, i) => {
      const { start, end } = child.span;
      if (end > t || end <= from) return; // still running at t (or fired and forgotten), or over before the window
      const best = pending[waitedOn];
      if (!best || end > best.span.end || (end === best.span.end && start < best.span.start)) waitedOn = i;
    });
    if (waitedOn < 0) {
      out.push(segment(node, from, t)); // nothing running: the parent's own time
      return;
    }
    const [child] = pending.splice(waitedOn, 1);
    if (child.span.end < t) out.push(segment(node, child.span.end, t));
    const childFrom = Math.max(child.span.start, from);
    walk(child, childFrom, child.span.end, out);
    t = childFrom;
  }
}
