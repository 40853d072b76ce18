// A 10-minute total outage at t = 0 against a 99.9% SLO, with 3 days of healthy traffic before
// it. Prints when each of your rules (rules.js) turns pending, fires and resolves, and the same
// fast page with its 1-hour window only, to show what the short window buys.
import { createMonitor } from '../alerts.js';
import { RULES, SLO } from '../rules.js';
import { fakeClock } from '../lib/clock.js';
import { createTraffic, phases } from '../lib/stream.js';
import { HOUR, runScenario } from '../lib/run.js';
import { clockTime, duration } from '../lib/format.js';

const OUTAGE_END = 600;
const longOnly = { name: '14.4x, 1 h window only', severity: 'page', burnRate: 14.4, long: 3600, short: 3600, for: 120 };
const rules = [...RULES, longOnly];
const clock = fakeClock();
const monitor = createMonitor({ slo: SLO, rules, clock });
const traffic = createTraffic({ rate: 1000, errorRatio: phases([{ from: 0, to: OUTAGE_END, ratio: 1 }]) });
const transitions = runScenario({ monitor, clock, traffic, until: 7 * HOUR, budgetMs: 20000 });

const budget = (1 - SLO) * 30 * 86400;
console.log(`total outage from 0:00:00 to ${clockTime(OUTAGE_END)}, SLO ${(SLO * 100).toFixed(1)}%: the 30-day budget is ${(budget / 60).toFixed(1)} min of outage`);
console.log(`SPECS: the 1 h window reaches 14.4x after 3600 x 14.4 x ${(1 - SLO).toFixed(3)} = ${(3600 * 14.4 * (1 - SLO)).toFixed(2)} s`);
console.log('');
const col = (v, w) => String(v).padEnd(w);
console.log(`${col('rule', 26)}${col('pending', 10)}${col('firing', 10)}${col('resolved', 10)}reset after the fix (outage ends ${clockTime(OUTAGE_END)})`);
for (const rule of rules) {
  const mine = transitions.filter((x) => x.rule === rule.name);
  const first = (to) => mine.find((x) => x.to === to)?.at;
  const [pending, firing] = ['pending', 'firing'].map(first);
  const resolved = mine.find((x) => x.from === 'firing')?.at; // resolved (or, before the fix, plain inactive)
  const show = (t) => (t === undefined ? '-' : clockTime(t));
  const reset = resolved === undefined ? (firing === undefined ? '-' : 'still firing') : duration(resolved - OUTAGE_END);
  console.log(`${col(rule.name, 26)}${col(show(pending), 10)}${col(show(firing), 10)}${col(show(resolved), 10)}${reset}`);
}
const isPage = (x) => rules.find((r) => r.name === x.rule)?.severity === 'page' && x.rule !== longOnly.name;
const firstTrue = transitions.find((x) => isPage(x) && x.from === 'inactive');
const firstPage = transitions.find((x) => isPage(x) && x.to === 'firing');
const spent = (t) => `${((Math.min(t, OUTAGE_END) / budget) * 100).toFixed(1)}% of the monthly budget spent`;
console.log('');
console.log(firstTrue ? `first page condition true: ${firstTrue.rule} at ${clockTime(firstTrue.at)}, ${spent(firstTrue.at)}` : 'first page condition true: never');
console.log(firstPage ? `first page sent:           ${firstPage.rule} at ${clockTime(firstPage.at)}, ${spent(firstPage.at)}` : 'first page sent: never');
console.log(`notifications sent (pending -> firing): ${transitions.filter((x) => x.to === 'firing' && x.rule !== longOnly.name).length}`);
