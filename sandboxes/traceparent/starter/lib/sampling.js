// Head-based samplers: the decision a service makes when it STARTS a trace (no valid parent).
// A service that continues a trace follows the caller's sampled flag instead (OpenTelemetry's
// ParentBased sampler), so every service of one trace agrees.
//
// A sampler is a function (traceId) => boolean: true records the trace.

export const alwaysOn = () => true;
export const alwaysOff = () => false;

/**
 * Keeps a share `ratio` (0 to 1) of traces, decided from the trace id itself, so any service that
 * decides on its own for the same trace id reaches the same answer.
 */
export function traceIdRatio(ratio) {
  if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`traceIdRatio(ratio) needs 0 <= ratio <= 1, got ${ratio}`);
  return (traceId) => parseInt(String(traceId).slice(-13), 16) / 2 ** 52 < ratio;
}
