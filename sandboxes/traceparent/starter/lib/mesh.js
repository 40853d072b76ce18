// A small service mesh in simulated time. Services are described as data (what each one does, in
// order), and a request is played through them with YOUR tracer at every service: each service
// starts a server span from the headers it received, wraps each outgoing call in a client span,
// asks your tracer for the headers of that call, and ends its spans. Times are virtual ms, so a
// 900 ms checkout runs in microseconds and always gives the same numbers.
//
//   const mesh = createMesh({ services, tracerFor: (service) => tracers[service] });
//   const { start, end, hops } = mesh.request('gateway', { traceparent: '00-...' }, { at: 0 });
//
// A service: { op: 'POST /checkout', steps: [ ... ] }, where each step is one of
//   { work: 10 }                          10 ms of the service's own work (no span)
//   { span: 'SELECT cart_items', ms: 60 } a child span of fixed length (a query, a cache read)
//   { call: 'pricing' }                   a call to another service: a client span here, a server span there
//   { parallel: [step, ...] }             spans or calls that start together; the next step waits for all
// Any step may have a `name`, so withDurations() can change its length for a what-if run.
//
// hops lists every request a service received, in order:
//   { from, to, at, headers, span: { traceId, spanId, parentId, sampled } }
// `headers` are the ones `to` received (names lowercased, as node:http does) and `span` is the
// server span your tracer started for them.

export function createMesh({ services, tracerFor, latencyMs = 0 } = {}) {
  if (!services || typeof services !== 'object') throw new TypeError('createMesh needs { services }');
  if (typeof tracerFor !== 'function') throw new TypeError('createMesh needs { tracerFor: (service) => tracer }');

  function lowercase(headers) {
    const out = {};
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (value !== undefined && value !== null) out[name.toLowerCase()] = value;
    }
    return out;
  }

  function view(span) {
    if (!span || typeof span !== 'object') return { traceId: undefined, spanId: undefined, parentId: undefined, sampled: undefined };
    const { traceId, spanId, parentId, sampled } = span;
    return { traceId, spanId, parentId, sampled };
  }

  function serve(name, from, headers, t0, hops, depth) {
    const def = services[name];
    if (!def) throw new Error(`no service named "${name}" in the mesh`);
    if (depth > 50) throw new Error(`calls nest more than 50 deep at "${name}": does a service call itself?`);
    const tracer = tracerFor(name);
    const received = lowercase(headers);
    const server = tracer.startServerSpan(def.op ?? name, received, t0);
    hops.push({ from, to: name, at: t0, headers: received, span: view(server) });
    let t = t0;
    for (const step of def.steps ?? []) t = run(name, tracer, server, step, t, hops, depth);
    tracer.end(server, t);
    return t;
  }

  function run(name, tracer, parent, step, t, hops, depth) {
    if ('work' in step) return t + step.work;
    if ('span' in step) {
      const span = tracer.startSpan(step.span, parent, { kind: 'internal', startTime: t });
      tracer.end(span, t + step.ms);
      return t + step.ms;
    }
    if ('call' in step) {
      const client = tracer.startSpan(`call ${step.call}`, parent, { kind: 'client', startTime: t });
      const headers = tracer.inject(client) ?? {};
      const answered = serve(step.call, name, headers, t + latencyMs, hops, depth + 1) + latencyMs;
      tracer.end(client, answered);
      return answered;
    }
    if ('parallel' in step) {
      let end = t;
      for (const branch of step.parallel) end = Math.max(end, run(name, tracer, parent, branch, t, hops, depth));
      return end;
    }
    throw new Error(`unknown step in service "${name}": ${JSON.stringify(step)}`);
  }

  return {
    /** Plays one request into `service` with `headers`, starting at virtual time `at`. */
    request(service, headers = {}, { at = 0 } = {}) {
      const hops = [];
      const end = serve(service, 'client', headers, at, hops, 0);
      return { start: at, end, duration: end - at, hops };
    },
  };
}

/**
 * A copy of `services` where every step named in `durations` (by its `name`, or its span name)
 * takes the given ms instead: a what-if run ("what if the cart query took 30 ms?").
 */
export function withDurations(services, durations) {
  const used = new Set();
  const copyStep = (step) => {
    if ('parallel' in step) return { ...step, parallel: step.parallel.map(copyStep) };
    const key = step.name ?? step.span;
    if (key !== undefined && key in durations) {
      used.add(key);
      if ('work' in step) return { ...step, work: durations[key] };
      if ('span' in step) return { ...step, ms: durations[key] };
    }
    return { ...step };
  };
  const out = {};
  for (const [name, def] of Object.entries(services)) out[name] = { ...def, steps: def.steps.map(copyStep) };
  for (const key of Object.keys(durations)) {
    if (!used.has(key)) throw new Error(`withDurations: no step named "${key}"`);
  }
  return out;
}
