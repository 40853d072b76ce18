// The scene every check and demo starts from: the quote service's v4.31 has served all traffic
// for nine days (primary); v4.32 (the canary) and a fresh copy of v4.31 (the baseline) start now.
//
//   const { clock, versions, traffic } = startRelease({ seed, canary, baseline, primary, coldStart })
//     canary, baseline, primary   overrides for createVersion() (lib/versions.js), e.g. { errorRate: 0.04 }
//     coldStart                   how much slower every freshly started process is at first (0.5 = 50%)
//     requestsPerSecond, users    passed on to createTraffic() (lib/traffic.js)
import { DAY, fakeClock } from './clock.js';
import { createTraffic } from './traffic.js';
import { createVersion } from './versions.js';

export function startRelease({ seed = 1, canary = {}, baseline = {}, primary = {}, coldStart = 0, requestsPerSecond = 200, users = 2000 } = {}) {
  const clock = fakeClock();
  const now = clock.now();
  const versions = {
    primary: createVersion({ name: 'v4.31', startedAt: now - 9 * DAY, coldStart, ...primary }),
    baseline: createVersion({ name: 'v4.31', startedAt: now, coldStart, ...baseline }),
    canary: createVersion({ name: 'v4.32', startedAt: now, coldStart, ...canary }),
  };
  const traffic = createTraffic({ seed, clock, versions, requestsPerSecond, users });
  return { clock, versions, traffic };
}
