// Plays many requests through a page on the fake clock, the way the demos need: each arrival at
// its own time, all of them in flight together, every answer timed on the simulated clock.
//
//   const result = await playTraffic({ clock, page, arrivals: [{ at: 0, path: '/products/1042' }, ...] });
//   result.records     [{ path, sentAt, status, tookMs, degraded }], sentAt in ms from the start
//   result.peakInFlight   the most requests the page held at once (Little's law: L = lambda x W)

export async function playTraffic({ clock, page, arrivals, maxMs = 2 * 24 * 3600 * 1000 }) {
  const start = clock.now();
  const records = [];
  let inFlight = 0;
  let peakInFlight = 0;
  let remaining = arrivals.length;
  let allDone;
  const done = new Promise((resolve) => (allDone = resolve));
  if (remaining === 0) allDone();

  for (const arrival of arrivals) {
    clock.setTimeout(() => {
      const record = { path: arrival.path, sentAt: clock.now() - start, status: undefined, tookMs: undefined, degraded: false };
      records.push(record);
      inFlight += 1;
      peakInFlight = Math.max(peakInFlight, inFlight);
      Promise.resolve()
        .then(() => page.handle({ method: 'GET', url: arrival.path, headers: { host: 'bramble.local' } }))
        .then(
          (answer) => {
            record.status = answer?.status;
            const headers = Object.fromEntries(Object.entries(answer?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
            let degraded = headers.degraded !== undefined;
            try {
              degraded ||= (JSON.parse(answer?.body ?? '{}').degraded ?? []).length > 0;
            } catch {
              // not JSON: an error page, which is not "degraded", it is down
            }
            record.degraded = degraded;
          },
          () => {
            record.status = 'threw';
          },
        )
        .finally(() => {
          record.tookMs = clock.now() - start - record.sentAt;
          inFlight -= 1;
          remaining -= 1;
          if (remaining === 0) allDone();
        });
    }, arrival.at);
  }
  await clock.run(done, { maxMs });
  return { records, peakInFlight };
}

/** The p-th percentile (nearest rank) of a list of numbers. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

/** "1,234" */
export const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-');
