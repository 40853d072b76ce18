// Checks for contract.js: the CI gate that passes additive changes and fails breaking ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareContracts } from '../contract.js';
import { shapeOf } from '../lib/shape.js';
import { V1_EXAMPLE } from '../lib/v1-contract.js';

const V1 = shapeOf(V1_EXAMPLE);
const NESTED = shapeOf({ id: 'a', recipient: { name: 'n', city: 'c' }, items: [{ sku: 'x', qty: 1 }] });

function compare(before, after) {
  const result = compareContracts(before, after);
  assert.ok(result && typeof result === 'object', `compareContracts should return { compatible, breaking, additive }, got ${JSON.stringify(result)}`);
  return result;
}

const entry = (list, path) => (list ?? []).find((e) => e.path === path);

test('the contract check passes additive changes, nested ones included', () => {
  const same = compare(V1, V1);
  assert.equal(same.compatible, true, 'an unchanged contract is compatible');
  assert.deepEqual([same.breaking, same.additive], [[], []], `an unchanged contract has nothing to report, got ${JSON.stringify(same)}`);

  const grown = compare(V1, shapeOf({ ...V1_EXAMPLE, tracking_url: 'https://t.example/1', depot: { code: 'BRS-2' } }));
  assert.equal(grown.compatible, true, `new fields are additive: expected compatible, got ${JSON.stringify(grown)}`);
  assert.deepEqual(grown.breaking, [], 'new fields break nothing');
  const added = (grown.additive ?? []).map((e) => e.path).sort();
  assert.deepEqual(added, ['depot', 'depot.code', 'tracking_url'], `additive should list each new path, got ${JSON.stringify(grown.additive)}`);
  assert.deepEqual(entry(grown.additive, 'tracking_url'), { path: 'tracking_url', change: 'added', after: 'string' });

  const nested = compare(NESTED, shapeOf({ id: 'a', recipient: { name: 'n', city: 'c', postcode: 'p' }, items: [{ sku: 'x', qty: 1, note: 'gift' }] }));
  assert.equal(nested.compatible, true, `new nested fields (recipient.postcode, items[].note) are additive, got ${JSON.stringify(nested)}`);
  assert.deepEqual((nested.additive ?? []).map((e) => e.path).sort(), ['items[].note', 'recipient.postcode']);
});

test('the contract check fails a removed field', () => {
  const { city, ...withoutCity } = V1_EXAMPLE;
  const result = compare(V1, shapeOf(withoutCity));
  assert.equal(result.compatible, false, 'removing city breaks every client that reads it: expected compatible: false');
  assert.deepEqual(entry(result.breaking, 'city'), { path: 'city', change: 'removed', before: 'string' }, `breaking should hold { path: 'city', change: 'removed', before: 'string' }, got ${JSON.stringify(result.breaking)}`);

  // A removal hidden by an unrelated addition: the field count stays the same.
  const swapped = compare(V1, shapeOf({ ...withoutCity, tracking_url: 'https://t.example/1' }));
  assert.equal(swapped.compatible, false, 'one field removed and another added is still a removal: expected compatible: false');
  assert.ok(entry(swapped.breaking, 'city'), `breaking should name city, got ${JSON.stringify(swapped.breaking)}`);

  const nested = compare(NESTED, shapeOf({ id: 'a', recipient: { name: 'n' }, items: [{ sku: 'x', qty: 1 }] }));
  assert.equal(nested.compatible, false, 'removing recipient.city is breaking');
  assert.equal(entry(nested.breaking, 'recipient.city')?.change, 'removed', `breaking should hold recipient.city as removed, got ${JSON.stringify(nested.breaking)}`);
});

test('the contract check fails a changed type, a field made nullable included', () => {
  const retyped = compare(V1, shapeOf({ ...V1_EXAMPLE, weight: '1.25 kg' }));
  assert.equal(retyped.compatible, false, 'weight from a number to a string is breaking');
  assert.deepEqual(entry(retyped.breaking, 'weight'), { path: 'weight', change: 'type-changed', before: 'number', after: 'string' }, `got ${JSON.stringify(retyped.breaking)}`);

  const nullable = compare(shapeOf({ eta: 'x' }), shapeOf({ eta: null }));
  assert.equal(nullable.compatible, false, 'a field that can now be null breaks readers that used it without a check: expected compatible: false');
  assert.equal(entry(nullable.breaking, 'eta')?.change, 'type-changed', `got ${JSON.stringify(nullable.breaking)}`);

  const epoch = compare(V1, shapeOf({ ...V1_EXAMPLE, created_at: 1771838100000 }));
  assert.equal(epoch.compatible, false, 'created_at from an ISO string to a number is breaking');

  const items = compare(NESTED, shapeOf({ id: 'a', recipient: { name: 'n', city: 'c' }, items: [{ sku: 'x', qty: '1' }] }));
  assert.equal(entry(items.breaking, 'items[].qty')?.change, 'type-changed', `a type change inside an array item (items[].qty) is breaking, got ${JSON.stringify(items.breaking)}`);
});

test('the contract check fails a rename, and catches every change Tuesday made to v1', () => {
  const { weight, ...rest } = V1_EXAMPLE;
  const renamed = compare(V1, shapeOf({ ...rest, weight_kg: weight }));
  assert.equal(renamed.compatible, false, 'renaming weight to weight_kg removes the field clients read: expected compatible: false');
  assert.equal(entry(renamed.breaking, 'weight')?.change, 'removed', `breaking should name the old field weight, got ${JSON.stringify(renamed.breaking)}`);
  assert.ok(entry(renamed.additive, 'weight_kg'), `the new name shows up as added, got ${JSON.stringify(renamed.additive)}`);

  // The shape the team put on v1 on Tuesday.
  const tuesday = shapeOf({
    id: 'shp_1001',
    status: 'in_transit',
    weight: 1250,
    recipient: { name: 'Ada Okafor', city: 'Leeds' },
    created_at: 1771838100000,
    tracking_url: 'https://track.parcelwise.example/shp_1001',
  });
  const result = compare(V1, tuesday);
  const found = (result.breaking ?? []).map((e) => `${e.path} ${e.change}`).sort();
  assert.deepEqual(found, ['city removed', 'created_at type-changed', 'customer_name removed'], `Tuesday's change should fail on three fields, got ${JSON.stringify(result.breaking)}`);
  assert.equal(result.compatible, false);
});
