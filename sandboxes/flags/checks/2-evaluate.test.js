// Checks for flags.js: evaluation order (kill switch, rules, rollout, default), safe answers when
// the store is down or a definition is broken, one log line per problem, and stale-flag reports
// on a fake clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFlagClient } from '../flags.js';
import { createFlagStore } from '../lib/flag-store.js';
import { DAY, fakeClock } from '../lib/clock.js';

/** The lesson's hash, to know which users a rollout should pick without trusting bucket.js. */
function referenceBucket(flagKey, userId) {
  let h = 0x811c9dc5;
  for (const ch of `${flagKey}:${userId}`) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 100;
}

const CHECKOUT_RULES = [
  { attribute: 'country', op: 'equals', value: 'DE', serve: false },
  { attribute: 'employee', op: 'equals', value: true, serve: true },
  { attribute: 'plan', op: 'in', values: ['pro', 'team'], serve: true },
];

/** A store with these flags, a client that has not refreshed yet, and the lines it logged. */
function setup(flags = []) {
  const clock = fakeClock();
  const store = createFlagStore({ clock, flags });
  const logs = [];
  const client = createFlagClient({ store, clock, log: (line) => logs.push(String(line)) });
  return { clock, store, client, logs };
}

/** Calls evaluate and fails the check with a clear message if it throws. */
function evaluate(client, flagKey, user, fallback) {
  try {
    return client.evaluate(flagKey, user, fallback);
  } catch (err) {
    assert.fail(`evaluate('${flagKey}', ${JSON.stringify(user)}, ${JSON.stringify(fallback)}) threw ${err?.name}: ${err?.message}. Flag evaluation runs inside every request: it must never throw`);
  }
}

async function refresh(client) {
  try {
    return await client.refresh();
  } catch (err) {
    assert.fail(`refresh() threw ${err?.name}: ${err?.message}. It runs on a timer: resolve to { ok: false, error } instead`);
  }
}

const answer = (r) => `${JSON.stringify(r?.value)} (${r?.reason}${r?.errorCode ? `, ${r.errorCode}` : ''})`;

test('targeting rules match on equals and in lists, in order, and the first match wins', async () => {
  const { client } = setup([{ key: 'new-checkout', rules: CHECKOUT_RULES, rolloutPercent: 0 }]);
  await refresh(client);
  const cases = [
    [{ id: 'u1', country: 'DE', employee: true }, false, 'RULE', 'a German employee matches rule 1 (country DE, serve false) before rule 2: the first match wins'],
    [{ id: 'u2', employee: true }, true, 'RULE', 'an employee outside Germany matches rule 2'],
    [{ id: 'u3', plan: 'team' }, true, 'RULE', "plan 'team' is in the list ['pro', 'team']"],
    [{ id: 'u4', plan: 'free' }, false, 'DEFAULT', "plan 'free' is not in the list"],
    [{ id: 'u5' }, false, 'DEFAULT', 'a user with no plan attribute matches no rule'],
    [{ id: 'u6', employee: 1 }, false, 'DEFAULT', '1 does not equal true: compare with ==='],
    [{ id: 'u8', employee: 'true' }, false, 'DEFAULT', "'true' (a string) does not equal true"],
    [{ id: 'u7', plan: 'Pro' }, false, 'DEFAULT', "'Pro' is not 'pro'"],
  ];
  for (const [user, value, reason, why] of cases) {
    const got = evaluate(client, 'new-checkout', user, false);
    assert.deepEqual([got?.value, got?.reason], [value, reason], `${JSON.stringify(user)}: got ${answer(got)}, expected ${JSON.stringify(value)} (${reason}): ${why}`);
  }
});

test('the kill switch wins over rules and the rollout', async () => {
  const { store, client } = setup([
    { key: 'recommendations', rules: [{ attribute: 'employee', op: 'equals', value: true, serve: true }], rolloutPercent: 30 },
    { key: 'legacy-export', killed: true, rules: [{ attribute: 'plan', op: 'matches', value: 'ent.*', serve: true }], rolloutPercent: 100 },
  ]);
  await refresh(client);
  const staff = { id: 'user-3', employee: true };
  assert.equal(evaluate(client, 'recommendations', staff, false)?.value, true, 'before the kill, the employee rule serves true');
  store.kill('recommendations');
  await refresh(client);
  const got = evaluate(client, 'recommendations', staff, true);
  assert.deepEqual([got?.value, got?.reason], [false, 'KILLED'], `after the kill an employee got ${answer(got)}: a killed flag serves offValue (KILLED) to everyone, rules included`);
  const exposed = [];
  for (let i = 0; i < 2000; i += 1) {
    const r = evaluate(client, 'recommendations', { id: `user-${i}` }, true);
    if (r?.value !== false || r?.reason !== 'KILLED') exposed.push(`user-${i}: ${answer(r)}`);
  }
  assert.deepEqual(exposed.slice(0, 5), [], `${exposed.length} of 2,000 users still saw something other than false (KILLED) after the kill`);
  const broken = evaluate(client, 'legacy-export', { id: 'user-1', plan: 'enterprise' }, true);
  assert.deepEqual([broken?.value, broken?.reason], [false, 'KILLED'], `a killed flag with a malformed rule got ${answer(broken)}: the kill switch is checked before anything else, even before the rules are validated`);
  store.update('recommendations', { killed: false });
  await refresh(client);
  assert.equal(evaluate(client, 'recommendations', staff, false)?.value, true, 'once the kill switch is off again, the rules apply again');
});

test('raising the rollout only adds users: everyone on at 5% is still on at 20%', async () => {
  const { store, client } = setup([{ key: 'new-checkout', rolloutPercent: 5 }]);
  const users = Array.from({ length: 20_000 }, (_, i) => ({ id: `user-${i}` }));
  const onAt = async (percent) => {
    store.update('new-checkout', { rolloutPercent: percent });
    await refresh(client);
    const on = new Set();
    for (const user of users) {
      const r = evaluate(client, 'new-checkout', user, false);
      if (r?.value === true) {
        on.add(user.id);
        assert.equal(r.reason, 'ROLLOUT', `${user.id} is on through the rollout: reason should be ROLLOUT, got ${r.reason}`);
      } else if (r?.reason !== 'DEFAULT') assert.fail(`${user.id} is off: expected false (DEFAULT), got ${answer(r)}`);
    }
    const expected = users.filter((u) => referenceBucket('new-checkout', u.id) < percent).length;
    assert.equal(on.size, expected, `at ${percent}%, ${on.size} of 20,000 users are on; exactly ${expected} have a bucket below ${percent} (on when bucketOf(flagKey, user.id) < rolloutPercent)`);
    return on;
  };
  const at5 = await onAt(5);
  const at20 = await onAt(20);
  const switchedOff = [...at5].filter((id) => !at20.has(id));
  assert.equal(switchedOff.length, 0, `${switchedOff.length} users who had the new checkout at 5% lost it at 20% (e.g. ${switchedOff.slice(0, 3).join(', ')})`);
  const back = await onAt(5);
  assert.deepEqual([...back].sort(), [...at5].sort(), 'going back to 5% should turn off exactly the users who were added, and keep the first 5%');
  store.update('new-checkout', { rolloutPercent: 100 });
  await refresh(client);
  const anonymous = evaluate(client, 'new-checkout', { plan: 'pro' }, false);
  assert.deepEqual([anonymous?.value, anonymous?.reason], [false, 'DEFAULT'], `a user with no id cannot be bucketed, even at 100%: expected false (DEFAULT), got ${answer(anonymous)}`);
});

test('before the first refresh, or for an unknown flag, evaluation answers the call-site default and never throws', async () => {
  const { client } = setup([{ key: 'new-checkout', rolloutPercent: 100 }]);
  const early = evaluate(client, 'new-checkout', { id: 'user-1' }, false);
  assert.deepEqual(
    [early?.value, early?.reason, early?.errorCode],
    [false, 'ERROR', 'PROVIDER_NOT_READY'],
    `before any refresh there are no rules: expected the call-site default false (ERROR, PROVIDER_NOT_READY), got ${answer(early)}`,
  );
  assert.equal(evaluate(client, 'new-checkout', { id: 'user-1' }, true)?.value, true, 'the default is the one the call site passes, here true');
  await refresh(client);
  const unknown = evaluate(client, 'new-chekout', { id: 'user-1' }, 'old');
  assert.deepEqual([unknown?.value, unknown?.reason, unknown?.errorCode], ['old', 'ERROR', 'FLAG_NOT_FOUND'], `a flag the store does not have (a typo): expected 'old' (ERROR, FLAG_NOT_FOUND), got ${answer(unknown)}`);
  for (const user of [null, undefined, {}, 42, { id: '' }]) {
    const r = evaluate(client, 'new-checkout', user, false);
    assert.equal(r?.reason === 'ROLLOUT' || r?.reason === 'DEFAULT', true, `user ${JSON.stringify(user)}: got ${answer(r)}; a missing or odd user is not an error: it matches no rule and, without an id, is not in the rollout`);
    assert.equal(client.isEnabled('new-checkout', user), r.value === true, 'isEnabled() should agree with evaluate()');
  }
});

test('when the store is unreachable or answers garbage, the last known flags keep being served', async () => {
  const { store, client } = setup([{ key: 'new-checkout', rules: CHECKOUT_RULES, rolloutPercent: 50 }]);
  const first = await refresh(client);
  assert.equal(first?.ok, true, `a refresh that worked should resolve to { ok: true, ... }, got ${JSON.stringify(first)}`);
  const users = Array.from({ length: 500 }, (_, i) => ({ id: `user-${i}`, plan: i % 7 === 0 ? 'pro' : 'free' }));
  const before = users.map((u) => answer(evaluate(client, 'new-checkout', u, false)));
  for (const [what, breakIt] of [
    ['the store is down', () => store.goDown()],
    ['the store answers an HTML error page', () => store.answerWith('<html>502 Bad Gateway</html>')],
    ['the store answers null', () => store.answerWith(null)],
  ]) {
    breakIt();
    const result = await refresh(client);
    assert.equal(result?.ok, false, `${what}: refresh() should resolve to { ok: false, error }, got ${JSON.stringify(result)}`);
    assert.equal(typeof result.error, 'string', `${what}: { ok: false, error } should say what went wrong in error`);
    const now = users.map((u) => answer(evaluate(client, 'new-checkout', u, false)));
    const changed = now.filter((a, i) => a !== before[i]).length;
    assert.equal(changed, 0, `${what}: ${changed} of 500 users got a different answer; keep serving the last flags that were loaded (first change: ${now.find((a, i) => a !== before[i])} instead of ${before[now.findIndex((a, i) => a !== before[i])]})`);
    store.comeBack();
    store.answerWith(undefined);
  }
  store.update('new-checkout', { rolloutPercent: 0, rules: [] });
  assert.equal((await refresh(client))?.ok, true, 'once the store answers again, refresh() works');
  assert.deepEqual([evaluate(client, 'new-checkout', users[0], true)?.value], [false], 'and the new definition is served');

  const cold = setup([{ key: 'new-checkout', rolloutPercent: 100 }]);
  cold.store.goDown();
  await refresh(cold.client);
  const r = evaluate(cold.client, 'new-checkout', { id: 'user-1' }, false);
  assert.deepEqual([r?.value, r?.reason], [false, 'ERROR'], `a process that starts during the outage has nothing to serve: the call-site default false (ERROR), got ${answer(r)}`);
});

test('a malformed definition falls back to the call-site default, and other flags keep working', async () => {
  const { client } = setup([
    { key: 'bulk-export', rules: [{ attribute: 'plan', op: 'contains', value: 'enterprise', serve: true }], rolloutPercent: 0 },
    { key: 'beta-board', rules: [{ attribute: 'plan', op: 'in', values: 'pro', serve: true }], rolloutPercent: 0 },
    { key: 'promo-banner', rolloutPercent: '20' },
    { key: 'team-chat', rules: [{ op: 'equals', value: 'DE', serve: false }], rolloutPercent: 100 },
    { key: 'new-checkout', rules: CHECKOUT_RULES, rolloutPercent: 0 },
  ]);
  await refresh(client);
  const cases = [
    ['bulk-export', "an unknown operator 'contains'"],
    ['beta-board', "'in' with values that is not a list"],
    ['promo-banner', "rolloutPercent '20' (a string)"],
    ['team-chat', 'a rule with no attribute'],
  ];
  for (const [key, what] of cases) {
    for (const fallback of [false, true]) {
      const r = evaluate(client, key, { id: 'user-3', plan: 'enterprise', country: 'DE' }, fallback);
      assert.deepEqual(
        [r?.value, r?.reason, r?.errorCode],
        [fallback, 'ERROR', 'PARSE_ERROR'],
        `${key} has ${what}: expected the call-site default ${fallback} (ERROR, PARSE_ERROR), got ${answer(r)}. Do not guess what a broken rule meant`,
      );
    }
  }
  const ok = evaluate(client, 'new-checkout', { id: 'u3', plan: 'team' }, false);
  assert.deepEqual([ok?.value, ok?.reason], [true, 'RULE'], `one broken flag must not affect the others: new-checkout got ${answer(ok)}`);
});

test('each problem is logged once, not on every evaluation', async () => {
  const { store, client, logs } = setup([
    { key: 'bulk-export', rules: [{ attribute: 'plan', op: 'contains', value: 'enterprise', serve: true }] },
    { key: 'new-checkout', rolloutPercent: 50 },
  ]);
  await refresh(client);
  for (let i = 0; i < 1000; i += 1) {
    evaluate(client, 'bulk-export', { id: `user-${i}`, plan: 'enterprise' }, false);
    evaluate(client, 'ghost-flag', { id: `user-${i}` }, false);
    evaluate(client, 'new-checkout', { id: `user-${i}` }, false);
  }
  const about = (word) => logs.filter((line) => line.includes(word)).length;
  assert.equal(about('bulk-export'), 1, `1,000 evaluations of the malformed bulk-export logged ${about('bulk-export')} line(s) naming it: log it once (and name the flag)`);
  assert.equal(about('ghost-flag'), 1, `1,000 evaluations of the unknown ghost-flag logged ${about('ghost-flag')} line(s) naming it: log it once (and name the flag)`);
  assert.equal(about('new-checkout'), 0, 'a healthy flag logs nothing');

  const beforeOutage = logs.length;
  store.goDown();
  for (let i = 0; i < 5; i += 1) await refresh(client);
  assert.equal(logs.length - beforeOutage, 1, `5 failed refreshes during one outage logged ${logs.length - beforeOutage} line(s): log the outage once`);
  store.comeBack();
  await refresh(client);
  const afterRecovery = logs.length;
  store.goDown();
  await refresh(client);
  assert.ok(logs.length > afterRecovery, 'a new outage after the store came back should be logged again');
});

test('a flag that has served the same value to everyone for N days is reported as stale', async () => {
  const clock = fakeClock();
  const now = clock.now();
  const store = createFlagStore({
    clock,
    flags: [
      { key: 'new-checkout', rolloutPercent: 100, updatedAt: now - 14 * DAY },
      { key: 'dark-mode', rolloutPercent: 100, updatedAt: now - 13 * DAY },
      { key: 'old-promo', killed: true, rolloutPercent: 40, updatedAt: now - 30 * DAY },
      { key: 'search-v2', rolloutPercent: 100, rules: [{ attribute: 'country', op: 'equals', value: 'DE', serve: false }], updatedAt: now - 60 * DAY },
      { key: 'ranking-v3', rolloutPercent: 50, updatedAt: now - 60 * DAY },
      { key: 'bulk-export', rolloutPercent: 0, updatedAt: now - 90 * DAY },
    ],
  });
  const client = createFlagClient({ store, clock, log: () => {} });
  await refresh(client);
  const keys = (list) => (Array.isArray(list) ? list.map((f) => f?.key).sort() : list);
  const found = client.staleFlags();
  assert.deepEqual(
    keys(found),
    ['new-checkout', 'old-promo'],
    `with the default of 14 days, expected new-checkout (100% for 14 days) and old-promo (killed for 30 days); got ${JSON.stringify(keys(found))}. Not stale: dark-mode (13 days), search-v2 (a rule serves false in DE), ranking-v3 (50%), bulk-export (0%: off for everyone, but not released)`,
  );
  const promo = found.find((f) => f.key === 'old-promo');
  assert.deepEqual({ value: promo.value, days: promo.days, since: promo.since }, { value: false, days: 30, since: now - 30 * DAY }, 'old-promo should be reported with the value everyone gets (false), whole days (30) and since (its updatedAt)');
  assert.deepEqual({ value: found.find((f) => f.key === 'new-checkout').value, days: found.find((f) => f.key === 'new-checkout').days }, { value: true, days: 14 }, 'new-checkout: everyone gets true, for 14 days');
  assert.deepEqual(keys(client.staleFlags({ days: 30 })), ['old-promo'], 'staleFlags({ days: 30 }) should use the days it is given');
  clock.advance(DAY);
  assert.deepEqual(keys(client.staleFlags()), ['dark-mode', 'new-checkout', 'old-promo'], 'a day later (by the injected clock) dark-mode has been at 100% for 14 days too');
});
