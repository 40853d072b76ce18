// Checks for login throttling, on a fake clock: per account a delay that doubles with each failure
// up to 15 minutes, per IP 20 failures per 15 minutes, known devices that skip the account delay,
// and failures that do not reveal which accounts exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, retryAfter, withApp } from './helpers.js';
import { CUSTOMERS } from '../lib/data.js';

const [ANA, BEN] = CUSTOMERS;
const SECOND = 1000;
const MINUTE = 60 * SECOND;

test('a wrong password and an unknown email get the same 401, without saying which', async () => {
  await withApp(async ({ clock, call }) => {
    const wrong = await login(call, { email: ANA.email, password: 'not-it', ip: '198.51.100.1' });
    const unknown = await login(call, { email: 'nobody@ledgerly.test', password: 'not-it', ip: '198.51.100.2' });
    assert.equal(wrong.status, 401, `a wrong password should get 401, got ${wrong.status}`);
    assert.equal(unknown.status, 401, `an unknown email should get 401, got ${unknown.status}`);
    assert.equal(unknown.text, wrong.text, `the bodies differ (wrong password: ${wrong.text}; unknown email: ${unknown.text}), which tells an attacker which emails have accounts; answer "Wrong email or password" to both`);
    clock.advance(SECOND); // the 1 s wait after Ana's failed attempt
    const right = await login(call, { email: ANA.email, password: ANA.password, ip: '198.51.100.3' });
    assert.equal(right.status, 200, `the right password should still log in, got ${right.status} ${right.text}`);
    assert.deepEqual(right.json, { id: 1, name: 'Ana Lima' }, 'a successful login answers { id, name }');
  });
});

test('each failure makes the account wait longer: 1 s, 2 s, 4 s ... never more than 15 minutes', async () => {
  await withApp(async ({ clock, call }) => {
    const ip = '198.51.100.10';
    const waits = [];
    for (let i = 1; i <= 12; i += 1) {
      const guess = await login(call, { email: BEN.email, password: `guess-${i}`, ip: `198.51.100.${10 + i}` });
      assert.equal(guess.status, 401, `failure ${i}, sent once the previous wait was over, should be evaluated (401), got ${guess.status} ${guess.text}`);
      const early = await login(call, { email: BEN.email, password: `guess-${i}b`, ip });
      assert.equal(early.status, 429, `right after failure ${i} the account should be waiting: expected 429, got ${early.status} ${early.text}`);
      const seconds = retryAfter(early);
      assert.ok(Number.isInteger(seconds), `a 429 needs Retry-After in whole seconds, got ${early.headers['retry-after']}`);
      waits.push(seconds);
      const again = await login(call, { email: BEN.email, password: `guess-${i}c`, ip });
      assert.equal(retryAfter(again), seconds, `a second refused attempt moved Retry-After from ${seconds} to ${retryAfter(again)}; refused attempts are not evaluated and must not extend the wait (or an attacker could extend it forever)`);
      clock.advance(seconds * SECOND);
    }
    assert.deepEqual(waits, [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900], `Retry-After after each of 12 failures was ${waits.join(', ')} s; the delay doubles from 1 s and is capped at 15 minutes (900 s), so no failure can lock the account longer`);

    clock.advance(0);
    const failed = await login(call, { email: BEN.email, password: 'guess-13', ip });
    assert.equal(failed.status, 401, 'after the wait another guess is evaluated');
    clock.advance(10 * SECOND);
    const refused = await login(call, { email: BEN.email, password: BEN.password, ip });
    assert.equal(refused.status, 429, `10 s into a 900 s wait even the RIGHT password must get 429 (got ${refused.status}): throttle before checking the password, or the delay is only decoration`);
    clock.advance(15 * MINUTE);
    const ok = await login(call, { email: BEN.email, password: BEN.password, ip });
    assert.equal(ok.status, 200, `after the wait the right password logs in, got ${ok.status} ${ok.text}`);
    const fresh = await login(call, { email: BEN.email, password: 'typo', ip });
    const next = await login(call, { email: BEN.email, password: 'typo2', ip });
    assert.equal(fresh.status, 401, 'after a success the failure count starts again');
    assert.equal(retryAfter(next), 1, `after a successful login the next failure should wait 1 s again, got Retry-After ${retryAfter(next)}`);
  });
});

test('one IP may fail 20 logins per 15 minutes, across accounts, and other IPs are unaffected', async () => {
  await withApp(async ({ clock, call }) => {
    const attacker = '203.0.113.66';
    const statuses = [];
    for (let i = 0; i < 24; i += 1) {
      const res = await login(call, { email: `user${i}@ledgerly.test`, password: 'Summer2025!', ip: attacker });
      statuses.push(res.status);
      if (res.status === 429) {
        const seconds = retryAfter(res);
        assert.ok(seconds >= 1 && seconds <= 45, `the IP's Retry-After was ${seconds} s; its bucket refills one failure every 45 s (20 per 15 minutes)`);
      }
    }
    const evaluated = statuses.filter((s) => s === 401).length;
    assert.equal(evaluated, 20, `one IP tried 24 different accounts (one guess each, so no account delay applies): ${evaluated} were evaluated (${statuses.join(', ')}); allow 20 failed logins per IP per 15 minutes, then 429`);
    assert.deepEqual(statuses.slice(20), [429, 429, 429, 429], 'after 20 failures the IP gets 429');

    const other = await login(call, { email: ANA.email, password: ANA.password, ip: '198.51.100.99' });
    assert.equal(other.status, 200, `another IP logging in to another account should be unaffected, got ${other.status} ${other.text}`);
    clock.advance(45 * SECOND);
    const oneMore = await login(call, { email: 'user99@ledgerly.test', password: 'x', ip: attacker });
    assert.equal(oneMore.status, 401, `45 s later the attacker's bucket holds one failure again, so one more attempt is evaluated; got ${oneMore.status}`);
    const blocked = await login(call, { email: 'user98@ledgerly.test', password: 'x', ip: attacker });
    assert.equal(blocked.status, 429, 'and the next one is refused again');
  });
});

test('a flood against one account cannot lock its owner out: their known device gets in at once, a new one within 15 minutes', async () => {
  await withApp(async ({ clock, call }) => {
    const first = await login(call, { email: ANA.email, password: ANA.password, ip: '198.51.100.30' });
    assert.equal(first.status, 200, `Ana's first login should work, got ${first.status}`);
    const setCookie = String(first.headers['set-cookie'] ?? '');
    assert.match(setCookie, /^device=[^;]+/, `a successful login should set a known-device cookie (device=...), got ${JSON.stringify(setCookie)}`);
    for (const flag of ['HttpOnly', 'Secure', 'SameSite=Lax']) assert.match(setCookie, new RegExp(flag, 'i'), `the device cookie should be ${flag}: ${setCookie}`);
    const deviceCookie = setCookie.split(';')[0];

    // The attacker, from one address, guesses Ana's password every 30 s (and takes no notice of 429s).
    const attacker = '203.0.113.7';
    let evaluated = 0;
    async function flood(minutes) {
      for (let t = 0; t < minutes * MINUTE; t += 30 * SECOND) {
        const res = await login(call, { email: ANA.email, password: `guess-${clock.now()}`, ip: attacker });
        if (res.status === 401) evaluated += 1;
        clock.advance(30 * SECOND);
      }
    }
    await flood(45);
    assert.ok(evaluated <= 15, `the attacker had ${evaluated} guesses evaluated in 45 minutes; the account delay (1 s, 2 s, ... 15 min) allows about a dozen`);

    const forged = await login(call, { email: ANA.email, password: ANA.password, ip: '198.51.100.33', cookie: 'device=1.00ff.deadbeef' });
    assert.equal(forged.status, 429, `during the flood, a forged device cookie skipped the account delay (got ${forged.status}); accept only a genuine token for this account: deviceTokenUser(config.deviceSecret, token) === user.id`);
    const newDevice = await login(call, { email: ANA.email, password: ANA.password, ip: '198.51.100.32' });
    assert.equal(newDevice.status, 429, `from a new device during the flood Ana waits (429), got ${newDevice.status}`);
    const seconds = retryAfter(newDevice);
    assert.ok(seconds >= 1 && seconds <= 900, `Ana's wait on a new device is ${seconds} s; no flood may make it longer than 15 minutes (900 s)`);
    clock.advance(seconds * SECOND);
    const later = await login(call, { email: ANA.email, password: ANA.password, ip: '198.51.100.32' });
    assert.equal(later.status, 200, `after waiting the ${seconds} s she was told, Ana logs in from the new device; got ${later.status} ${later.text}`);

    await flood(20);
    const stranger = await login(call, { email: ANA.email, password: ANA.password, ip: '198.51.100.34' });
    assert.equal(stranger.status, 429, `the flood has started again: a login without a device cookie should wait (429), got ${stranger.status}`);
    const fromDevice = await login(call, { email: ANA.email, password: ANA.password, ip: '198.51.100.31', cookie: deviceCookie });
    assert.equal(fromDevice.status, 200, `during the flood, Ana on her known device (the cookie from her first login) got ${fromDevice.status} ${fromDevice.text}; a genuine device cookie for this account skips the account delay, so a stranger's failures cannot lock her out`);
  });
});
