/**
 * Hidden drill data never ships in a player's page: the built JavaScript each player page can load
 * (its module scripts and islands, and everything they import, statically or on demand) holds no
 * drill's root cause, contributing factors, fault ids, par or hints. Simulation and debrief workers
 * are not followed: they run the scenario, so they hold it (a learner who reads the solo console's
 * worker can find it; the workshop player page loads no worker at all).
 * Reads dist/client, which the config's web server (`npm start`) builds before any test runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drillScenarios, findHidden, hiddenMarkers } from './hidden-data';
import { distClient, importChain, pageModules } from './page-modules';
import { expect, root, test } from './fixtures';

const dist = distClient(root);
const drills = drillScenarios();
const PLAYER_PAGES = ['/sim/', '/workshop/play/', ...drills.map((s) => `/drills/${s.id}/`)];
const WORKER_URL = /new Worker\(\s*new URL\(\s*["'`]([^"'`]+\.js)["'`]/g;

test('the markers and the crawl find hidden data where it is: the simulation worker, the facilitator page', () => {
  // Without this the test below could pass by searching for the wrong thing.
  const { modules } = pageModules(dist, `/drills/${drills[0]!.id}/`);
  const workers = [...modules.values()].flatMap((code) => [...code.matchAll(WORKER_URL)].map((m) => m[1]!));
  expect(workers.length, 'the drill page starts a simulation worker').toBeGreaterThan(0);
  const workerCode = workers.map((w) => readFileSync(join(dist, w), 'utf8')).join('\n');
  const missing = drills.flatMap((s) => hiddenMarkers(s).filter((h) => !h.pattern.test(workerCode)).map((h) => `${h.scenario}: ${h.what}`));
  expect(missing, 'markers the worker bundle should match').toEqual([]);
  // And the crawl finds them where a page does import them: the facilitator's page holds the script.
  const facilitator = pageModules(dist, '/workshop/');
  expect([...facilitator.modules.values()].some((code) => findHidden(code).length > 0), 'the facilitator page bundles the scripts').toBe(true);
});

for (const route of PLAYER_PAGES) {
  test(`${route} loads no hidden drill data in its JavaScript`, () => {
    const page = pageModules(dist, route);
    // The console's island is among the modules (an empty crawl would pass vacuously).
    expect([...page.modules.keys()].some((u) => /\/(ConsoleApp|PlayerApp)\.[^/]+\.js$/.test(u)), `${route} has its console island`).toBe(true);
    const leaks = [...page.modules].flatMap(([url, code]) => findHidden(code).map((h) => `${h} in ${importChain(page, url)}`));
    leaks.push(...page.inline.flatMap((code) => findHidden(code).map((h) => `${h} in an inline script`)));
    const html = readFileSync(join(dist, route, 'index.html'), 'utf8');
    leaks.push(...findHidden(html).map((h) => `${h} in the HTML`));
    expect(leaks).toEqual([]);
  });
}
