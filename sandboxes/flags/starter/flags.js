// Pantrybox's feature-flag client, the part that runs inside every server process. refresh()
// downloads every flag's definition from the flag store (a timer calls it every few seconds);
// evaluate() answers "which value does this user get?" from memory, on the request path.
//
// Right now it works on a good day. On a bad day it takes requests down with it: before the first
// refresh, or for a flag nobody created, evaluate() throws; when the store is unreachable,
// refresh() throws; a typo in a rule is never noticed; and the targeting rules are checked before
// the kill switch, so an incident responder who kills a flag still leaves staff exposed.
// Your job is the TODOs below. Definitions and operators are described in lib/flag-store.js.
//
// The evaluation order (lesson: "Evaluation order"):
//   no rules loaded, or no such flag -> the call-site default, reason 'ERROR'
//   killed                           -> offValue, reason 'KILLED' (wins over everything)
//   the first targeting rule that matches -> its serve value, reason 'RULE'
//   bucketOf(flagKey, user.id) < rolloutPercent -> onValue, reason 'ROLLOUT'
//   otherwise                        -> offValue, reason 'DEFAULT'
import { bucketOf } from './bucket.js';
import { systemClock } from './lib/clock.js';

/**
 * options: store (lib/flag-store.js), clock ({ now() } in ms), log(line) (where problems go).
 * Returns { refresh(), evaluate(flagKey, user, fallback), isEnabled(flagKey, user, fallback), staleFlags({ days }) }.
 */
export function createFlagClient({ store, clock = systemClock(), log = console.warn } = {}) {
  let flags = new Map(); // flag key -> definition, from the last refresh

  /** Downloads every flag. Resolves to { ok: true, count } or { ok: false, error }. */
  async function refresh() {
    // TODO 1: refresh runs on a timer: it must never throw. When fetchAll() rejects, or resolves
    //   to something that is not an array of flags, keep the last known flags (they are still the
    //   best answer there is), log the problem once, and resolve to { ok: false, error: <a message> }.
    const list = await store.fetchAll();
    flags = new Map(list.map((flag) => [flag.key, flag]));
    return { ok: true, count: flags.size };
  }

  /**
   * The value of a flag for a user (e.g. { id: 'user-42', plan: 'pro', country: 'DE' }), as
   * { value, reason } and, when the answer is the fallback because of a problem, errorCode.
   */
  function evaluate(flagKey, user, fallback) {
    // TODO 2: never throw and never wait: this runs inside every request. Answer the call-site
    //   default `fallback` with reason 'ERROR' and errorCode 'PROVIDER_NOT_READY' before the
    //   first successful refresh, and errorCode 'FLAG_NOT_FOUND' for a flag the store does not
    //   have. A user may be null, or have no id.
    const flag = flags.get(flagKey);

    // TODO 3: the kill switch is checked first and wins over rules and the rollout.

    // TODO 4: a malformed definition (an operator other than 'equals' or 'in', 'in' without a
    //   values array, a rule without an attribute or a serve value, a rolloutPercent that is not a
    //   number from 0 to 100) must not guess: answer `fallback` with reason 'ERROR' and errorCode
    //   'PARSE_ERROR', and log the problem once, not once per request.

    // TODO 5: rules are checked in order and the first match decides: 'equals' compares
    //   user[attribute] === value; 'in' looks the attribute up in the values list. A user
    //   without the attribute matches neither.
    for (const rule of flag.rules) {
      if (user[rule.attribute] === rule.value) return { value: rule.serve, reason: 'RULE' };
    }
    if (flag.killed) return { value: flag.offValue, reason: 'KILLED' };
    if (bucketOf(flagKey, user.id) < flag.rolloutPercent) return { value: flag.onValue, reason: 'ROLLOUT' };
    return { value: flag.offValue, reason: 'DEFAULT' };
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
      // TODO 6: a flag serves everyone the same value when it is killed (offValue), or when it is
      //   at rolloutPercent 100 and no rule serves anything else (onValue). Report it when its
      //   updatedAt is at least `days` days before clock.now(). `days` in the result: whole days
      //   since updatedAt.
      return [];
    },
  };
}
