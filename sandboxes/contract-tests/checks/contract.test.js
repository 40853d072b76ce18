// Provider verification of your contract (contract.js): it runs against orders-api as it is today
// and against proposed releases of it. Each release either breaks the courier app (lib/courier-app.js
// shows a wrong line or crashes against it) or does not. A good contract fails exactly for the first
// kind. Everything is in memory, so this takes milliseconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyProvider } from '../contract.js';
import { runContract } from '../lib/verify.js';
import { createOrdersApi, VARIANTS } from '../lib/orders-api.js';
import { appWorks } from '../lib/courier-app.js';

const variant = (name) => VARIANTS.find((v) => v.name === name);
const asked = (run) => (run.requests.length ? run.requests.map((p) => `GET ${p}`).join(', ') : 'nothing');
const firstLine = (err) => String(err?.message ?? err).split('\n')[0].slice(0, 240);

async function appAgainst(name) {
  const { screens } = await appWorks(createOrdersApi(name));
  return screens;
}

test('the contract passes against orders-api as it runs today', async () => {
  const run = await runContract(verifyProvider, 'current');
  assert.ok(run.requests.length > 0, 'the contract made no request to orders-api: call api.get(path) for the orders the courier app shows');
  assert.ok(run.passed, `orders-api v411, which the courier app works with today, fails your contract: ${firstLine(run.error)}. A contract that fails on the provider as it is blocks every release`);
});

async function mustCatch(name) {
  const v = variant(name);
  const run = await runContract(verifyProvider, name);
  if (!run.passed) return;
  const broken = (await appAgainst(name)).filter((s) => !s.ok).map((s) => `"${s.line}"`);
  assert.fail(`release with ${v.title}: the courier app breaks (${broken.join('; ')}), but your contract passed it. Your contract asked for ${asked(run)}`);
}

async function mustPass(name) {
  const v = variant(name);
  const run = await runContract(verifyProvider, name);
  if (run.passed) return;
  const screens = (await appAgainst(name)).map((s) => `"${s.line}"`);
  assert.fail(
    `release with ${v.title}: the courier app still works (${screens.slice(0, 2).join('; ')}, ...), but your contract failed it: ${firstLine(run.error)}. A contract that fails on a harmless change gets switched off`,
  );
}

test('catches: eta_minutes renamed to eta (the lesson\'s incident)', () => mustCatch('eta-renamed'));
test('catches: eta_minutes sent as a string ("14")', () => mustCatch('eta-as-string'));
test('catches: eta_minutes null for an order out for delivery', () => mustCatch('eta-null'));
test('catches: the status value "delivered" replaced by "completed"', () => mustCatch('delivered-renamed'));
test('catches: the status value "out_for_delivery" replaced by "on_the_way"', () => mustCatch('on-the-way'));
test('catches: the courier object left out while an order is on its way', () => mustCatch('courier-removed'));
test('catches: courier.name split into first_name and last_name', () => mustCatch('courier-name-split'));
test('catches: a missing order answered 200 instead of 404', () => mustCatch('missing-is-200'));

test('passes: fields added (eta next to eta_minutes, courier.vehicle, tracking_url)', () => mustPass('fields-added'));
test('passes: the same JSON with its keys in another order', () => mustPass('keys-reordered'));
test('passes: headers added, and Content-Type with "; charset=utf-8"', () => mustPass('headers-added'));
test('passes: a new status value ("ready_for_pickup") for an order still at the restaurant', () => mustPass('new-status-value'));
test('passes: other orders with the same shape (another courier, another ETA)', () => mustPass('other-values'));
test('passes: the 404 body worded differently', () => mustPass('problem-reworded'));

test('when the contract fails, its message names what broke', async () => {
  const cases = [
    ['eta-renamed', /eta_minutes/, 'eta_minutes'],
    ['courier-removed', /courier/, 'courier'],
    ['delivered-renamed', /status|delivered/, '"status" or "delivered"'],
    ['missing-is-200', /404/, '404'],
  ];
  for (const [name, pattern, word] of cases) {
    const run = await runContract(verifyProvider, name);
    assert.ok(!run.passed, `release with ${variant(name).title}: your contract does not catch it yet (see its own check)`);
    const message = String(run.error?.message ?? run.error);
    assert.match(
      message,
      pattern,
      `release with ${variant(name).title}: your contract failed with "${firstLine(run.error)}", which does not mention ${word}. The orders-api team reads this message in their build: name the field or status that broke (assert's last argument is the message)`,
    );
  }
});
