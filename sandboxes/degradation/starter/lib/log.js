// A structured log and a metrics counter that keep what they receive, so checks and demos can
// read them back. In production these would be your logger and your metrics client.
//
//   const log = createLog();      log({ level: 'error', msg: '...', reference, ... });   log.entries
//   const metrics = createMetrics();   metrics.increment('fallback_used', { dependency, reason });
//   metrics.count('fallback_used', { reason: 'timeout' })  -> how many increments matched those labels

export function createLog({ print = false } = {}) {
  const entries = [];
  const log = (entry) => {
    if (entry === null || typeof entry !== 'object') throw new TypeError(`log(entry) takes an object, e.g. { level: 'error', msg, reference }, got ${entry}`);
    const copy = structuredClone(entry);
    entries.push(copy);
    if (print) console.log(JSON.stringify(copy));
  };
  log.entries = entries;
  return log;
}

export function createMetrics() {
  const counts = [];
  return {
    increment(name, labels = {}) {
      if (typeof name !== 'string' || name === '') throw new TypeError('metrics.increment(name, labels) needs a metric name');
      counts.push({ name, labels: { ...labels } });
    },
    /** Increments of `name` whose labels include every label given here. */
    count(name, labels = {}) {
      return counts.filter((c) => c.name === name && Object.entries(labels).every(([k, v]) => c.labels[k] === v)).length;
    },
    get all() {
      return counts.map((c) => ({ name: c.name, labels: { ...c.labels } }));
    },
  };
}

/** References like "ref-0001", "ref-0002": predictable, for checks and demos. */
export function sequentialReferences(prefix = 'ref-') {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(4, '0')}`;
}
