// Pantrybox's feature-flag client, the part that runs inside every server process. refresh()
// downloads every flag's definition from the flag store (a timer calls it every few seconds);
// evaluate() answers "which value does this user get?" from memory, on the request path.
//
// Neither of them throws. Before the first successful refresh, for an unknown flag, or for a
// malformed definition, evaluate() answers the call-site default with reason 'ERROR'; when the
// store is down, the last known flags keep being served. Each problem is logged once.
//
// The evaluation order (lesson: "Evaluation order"):
//   no rules loaded, or no such flag -> the call-site default, reason 'ERROR'
//   killed                           -> offValue, reason 'KILLED' (wins over everything)
//   the first targeting rule that matches -> its serve value, reason 'RULE'
//   bucketOf(flagKey, user.id) < rolloutPercent -> onValue, reason 'ROLLOUT'
//   otherwise                        -> offValue, reason 'DEFAULT'
import { bucketOf } from './bucket.js';
import { DAY, systemClock } from './lib/clock.js';

const OPERATORS = new Set(['equals', 'in']);

/**
 * options: store (lib/flag-store.js), clock ({ now() } in ms), log(line) (where problems go).
 * Returns { refresh(), evaluate(flagKey, user, fallback), isEnabled(flagKey, user, fallback), staleFlags({ days }) }.
 */
export function createFlagClient({ store, clock = systemClock(), log = console.warn } = {}) {
  let flags = null; // flag key -> { flag, problem }, from the last good refresh; null before the first
  const logged = new Set();
  let outage = false;

  function logOnce(id, line) {
    if (logged.has(id)) return;
    logged.add(id);
    try {
      log(line);
    } catch {
      // a broken logger must not break evaluation either
    }
  }

  /** Downloads every flag. Resolves to { ok: true, count } or { ok: false, error }. */
  async function refresh() {
    let list;
    try {
      list = await store.fetchAll();
      if (!Array.isArray(list)) throw new TypeError(`the flag store answered ${JSON.stringify(list)?.slice(0, 60)}, not a list of flags`);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      if (!outage) log(`flags: refresh failed, serving the last known flags${flags ? '' : ' (none yet: call-site defaults)'}: ${error}`);
      outage = true;
      return { ok: false, error };
    }
    if (outage) log('flags: the flag store answers again');
    outage = false;
    const next = new Map();
    for (const flag of list) {
      if (typeof flag?.key !== 'string' || flag.key === '') {
        logOnce(`no-key:${JSON.stringify(flag)}`, `flags: skipped a definition without a key: ${JSON.stringify(flag)}`);
        continue;
      }
      next.set(flag.key, { flag, problem: problemWith(flag) });
    }
    flags = next;
    return { ok: true, count: next.size };
  }

  function evaluate(flagKey, user, fallback) {
    try {
      if (!flags) {
        logOnce('not-ready', 'flags: evaluated before the first successful refresh: answering call-site defaults');
        return { value: fallback, reason: 'ERROR', errorCode: 'PROVIDER_NOT_READY' };
      }
      const entry = flags.get(flagKey);
      if (!entry) {
        logOnce(`missing:${flagKey}`, `flags: no flag "${flagKey}" in the store: answering the call-site default`);
        return { value: fallback, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' };
      }
      const { flag, problem } = entry;
      if (flag.killed === true) return { value: flag.offValue !== undefined ? flag.offValue : fallback, reason: 'KILLED' };
      if (problem) {
        logOnce(`bad:${flagKey}:${flag.updatedAt}:${problem}`, `flags: "${flagKey}" is malformed (${problem}): answering the call-site default`);
        return { value: fallback, reason: 'ERROR', errorCode: 'PARSE_ERROR' };
      }
      const attributes = user !== null && typeof user === 'object' ? user : {};
      for (const rule of flag.rules) {
        if (matches(rule, attributes)) return { value: rule.serve, reason: 'RULE' };
      }
      const id = attributes.id;
      if ((typeof id === 'string' && id !== '') || Number.isFinite(id)) {
        if (bucketOf(flagKey, String(id)) < flag.rolloutPercent) return { value: flag.onValue, reason: 'ROLLOUT' };
      }
      return { value: flag.offValue, reason: 'DEFAULT' };
    } catch (err) {
      logOnce(`crash:${flagKey}`, `flags: evaluating "${flagKey}" failed: ${err?.message ?? err}`);
      return { value: fallback, reason: 'ERROR', errorCode: 'GENERAL' };
    }
  }

  return {
    refresh,
    evaluate,
    /** true when the flag's value for this user is true. */
    isEnabled(flagKey, user, fallback = false) {
      return evaluate(flagKey, user, fallback).value === true;
    },
    /**
     * Flags that have served the same value to everyone for at least `days` days (by clock.now()
     * and each flag's updatedAt): time to delete the losing code path, then the flag.
     * Returns [{ key, value, since, days }].
     */
    staleFlags({ days = 14 } = {}) {
      if (!flags) return [];
      const now = clock.now();
      const stale = [];
      for (const { flag, problem } of flags.values()) {
        let value;
        if (flag.killed === true) value = flag.offValue;
        else if (!problem && flag.rolloutPercent >= 100 && flag.rules.every((rule) => rule.serve === flag.onValue)) value = flag.onValue;
        else continue;
        const age = now - flag.updatedAt;
        if (Number.isFinite(age) && age >= days * DAY) stale.push({ key: flag.key, value, since: flag.updatedAt, days: Math.floor(age / DAY) });
      }
      return stale.sort((a, b) => a.since - b.since);
    },
  };
}

/** Why a definition cannot be evaluated safely, or null when it can. */
function problemWith(flag) {
  if (typeof flag.killed !== 'boolean') return `killed should be true or false, got ${JSON.stringify(flag.killed)}`;
  if (flag.onValue === undefined || flag.offValue === undefined) return 'onValue and offValue are both needed';
  if (!(typeof flag.rolloutPercent === 'number' && flag.rolloutPercent >= 0 && flag.rolloutPercent <= 100)) {
    return `rolloutPercent should be a number from 0 to 100, got ${JSON.stringify(flag.rolloutPercent)}`;
  }
  if (!Array.isArray(flag.rules)) return 'rules should be a list';
  for (const [i, rule] of flag.rules.entries()) {
    if (rule === null || typeof rule !== 'object') return `rule ${i + 1} is not an object`;
    if (typeof rule.attribute !== 'string' || rule.attribute === '') return `rule ${i + 1} has no attribute`;
    if (!OPERATORS.has(rule.op)) return `rule ${i + 1} has an unknown operator ${JSON.stringify(rule.op)}`;
    if (rule.op === 'equals' && !('value' in rule)) return `rule ${i + 1} ('equals') has no value`;
    if (rule.op === 'in' && !Array.isArray(rule.values)) return `rule ${i + 1} ('in') needs a values list`;
    if (!('serve' in rule)) return `rule ${i + 1} has no serve value`;
  }
  return null;
}

function matches(rule, user) {
  if (!Object.hasOwn(user, rule.attribute)) return false;
  const actual = user[rule.attribute];
  return rule.op === 'equals' ? actual === rule.value : rule.values.includes(actual);
}
