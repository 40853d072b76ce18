/**
 * What a player must not be able to read before the debrief, per scenario, as searches that match the
 * data in source form, in JSON and in minified JavaScript (any quote style, no spaces): the root cause,
 * its contributing factors, the hidden fault ids, the reference play (par) and the hint ladder.
 */
import { getScenario, SCENARIO_IDS, type Scenario } from '../../src/sim/index';

export interface HiddenMarker {
  scenario: string;
  what: string;
  pattern: RegExp;
}

const Q = '["\'`]';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Text as a JS string literal may escape quotes and non-ASCII; matching the longest plain run is enough.
const literal = (text: string) => new RegExp(escape(text.split(/['"`\\]/).reduce((a, b) => (b.length > a.length ? b : a), '')));

export function hiddenMarkers(scenario: Scenario): HiddenMarker[] {
  const m = (what: string, pattern: RegExp) => ({ scenario: scenario.id, what, pattern });
  const markers: HiddenMarker[] = [];
  if (scenario.rootCause.summary) markers.push(m('root cause', literal(scenario.rootCause.summary)));
  for (const f of scenario.rootCause.contributingFactors) markers.push(m('contributing factor', literal(f)));
  for (const f of scenario.faults) {
    if (!f.id) continue;
    // A fault id may be an everyday word ("flush"), so it is searched for as the data that names it.
    markers.push(m(`fault id "${f.id}"`, new RegExp(`\\bid${Q}?\\s*:\\s*${Q}${escape(f.id)}${Q}`)));
    markers.push(m(`root-cause fault "${f.id}"`, new RegExp(`faults${Q}?\\s*:\\s*\\[[^\\]]*?${Q}${escape(f.id)}${Q}`)));
  }
  // Searched for inside a `par: [...]` list: a player's own action log holds entries of the same shape,
  // and one of them may well be a rollback at the second some other drill's par rolls back.
  for (const p of scenario.par) {
    markers.push(m(`par action ${p.action.type} at ${p.at} s`, new RegExp(`par${Q}?\\s*:\\s*\\[[^\\]]{0,4000}?at${Q}?\\s*:\\s*${p.at}\\s*,\\s*${Q}?action${Q}?\\s*:\\s*\\{\\s*${Q}?type${Q}?\\s*:\\s*${Q}${escape(p.action.type)}${Q}`)));
  }
  const hints = scenario.drill?.hints;
  if (hints) for (const h of [hints.question, hints.where, hints.action]) markers.push(m('hint', literal(h)));
  return markers;
}

/** Every built-in scenario with something hidden (the drills). */
export function drillScenarios(): Scenario[] {
  return SCENARIO_IDS.map((id) => getScenario(id)).filter((s) => s.faults.length > 0);
}

/** The hidden data of any drill found in `text`, as readable lines (empty: none). */
export function findHidden(text: string, scenarios: Scenario[] = drillScenarios()): string[] {
  return scenarios.flatMap((s) => hiddenMarkers(s).filter((h) => h.pattern.test(text)).map((h) => `${h.scenario}: ${h.what}`));
}
