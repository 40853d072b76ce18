// One simulated day at Ledgerline (traffic 500 to 1,500 requests/s over the day, SLO 99.9%),
// with three short blips, a 37-minute failover and a slow burn from 13:00. Compares the page the
// team had ("error rate above 1% for 1 minute") with your burn-rate rules (rules.js): how many
// pages each sends, which of them mattered, and how long each significant event ran before a page.
import { createMonitor } from '../alerts.js';
import { RULES, SLO } from '../rules.js';
import { fakeClock } from '../lib/clock.js';
import { createTraffic, phases } from '../lib/stream.js';
import { DAY, HOUR, MINUTE, runScenario } from '../lib/run.js';
import { clockTime, duration } from '../lib/format.js';

const at = (h, m = 0) => h * HOUR + m * MINUTE;
const EVENTS = [
  { name: '30 s total outage', from: at(1), to: at(1) + 30, ratio: 1, significant: false },
  { name: 'deploy spike, 20% for 90 s', from: at(2, 30), to: at(2, 30) + 90, ratio: 0.2, significant: false },
  { name: 'cache warm-up, 3% for 2 min', from: at(4), to: at(4, 2), ratio: 0.03, significant: false },
  { name: 'failover, 20% for 37 min', from: at(5, 5), to: at(5, 42), ratio: 0.2, significant: true },
  { name: 'slow burn, 0.7% until midnight', from: at(13), to: DAY, ratio: 0.007, significant: true },
];
const NAIVE = [{ name: 'error rate > 1% for 1 min', severity: 'page', burnRate: 0.01 / (1 - SLO), long: 60, short: 60, for: 60 }];
const rate = (t) => 1000 - 500 * Math.cos((2 * Math.PI * t) / DAY); // quiet at night, busy in the afternoon

/** Runs a day; returns the pages as episodes: [{ from, to }] while at least one page rule fires. */
function day(rules) {
  const clock = fakeClock();
  const monitor = createMonitor({ slo: SLO, rules, clock });
  const traffic = createTraffic({ rate, errorRatio: phases(EVENTS) });
  const transitions = runScenario({ monitor, clock, traffic, until: DAY, budgetMs: 30000 });
  const pageRules = new Set(rules.filter((r) => r.severity === 'page').map((r) => r.name));
  const firing = new Set();
  const episodes = [];
  for (const x of transitions) {
    if (!pageRules.has(x.rule)) continue;
    if (x.to === 'firing') {
      if (firing.size === 0) episodes.push({ from: x.at, to: null });
      firing.add(x.rule);
    } else if (x.from === 'firing') {
      firing.delete(x.rule);
      if (firing.size === 0) episodes.at(-1).to = x.at;
    }
  }
  const tickets = transitions.filter((x) => x.to === 'firing' && !pageRules.has(x.rule)).length;
  return { episodes, tickets };
}

/** The page that belongs to an event: the first one to start during it or within 10 minutes after. */
const pageFor = (episodes, e) => episodes.find((p) => p.from >= e.from && p.from <= e.to + 10 * MINUTE);

const runs = [
  ['naive', day(NAIVE)],
  ['burn-rate', day(RULES)],
];
const col = (v, w) => String(v).padEnd(w);
console.log(`a day at 500-1,500 requests/s, SLO ${(SLO * 100).toFixed(1)}%; naive page: ${NAIVE[0].name}; burn-rate: ${RULES.length} rule${RULES.length === 1 ? '' : 's'} from rules.js`);
console.log('');
console.log(`${col('event', 40)}${col('matters', 9)}${col('naive', 26)}burn-rate`);
for (const e of EVENTS) {
  const cells = runs.map(([, r]) => {
    const p = pageFor(r.episodes, e);
    return p ? `paged after ${duration(p.from - e.from)}` : 'no page';
  });
  console.log(`${col(`${clockTime(e.from).slice(0, -3)} ${e.name}`, 40)}${col(e.significant ? 'yes' : 'no', 9)}${col(cells[0], 26)}${cells[1]}`);
}
console.log('');
for (const [name, r] of runs) {
  const significant = EVENTS.filter((e) => e.significant);
  const useful = r.episodes.filter((p) => significant.some((e) => p.from >= e.from && p.from <= e.to + 10 * MINUTE)).length;
  const caught = significant.filter((e) => pageFor(r.episodes, e)).length;
  const precision = r.episodes.length ? `${Math.round((useful / r.episodes.length) * 100)}%` : 'n/a';
  console.log(`${col(name, 10)} pages: ${r.episodes.length} (${useful} for events that matter, precision ${precision}); significant events caught: ${caught} of ${significant.length}; tickets: ${r.tickets}`);
}
