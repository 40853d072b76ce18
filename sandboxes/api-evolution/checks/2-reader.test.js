// Checks for reader.js: a tolerant reader for /v2/shipments. It ignores what the contract allows
// to grow (new fields, new statuses, key order) and still rejects what is malformed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPage, readShipment } from '../reader.js';

const V2 = () => ({
  id: 'shp_1002',
  status: 'held_at_depot',
  weight_grams: 3400,
  recipient: { name: 'Bruno Lima', city: 'Bristol' },
  created_at: '2026-02-24T14:02:00.000Z',
  tracking_url: 'https://track.parcelwise.example/shp_1002',
});
const EXPECTED = { id: 'shp_1002', status: 'held_at_depot', weightGrams: 3400, city: 'Bristol', trackingUrl: 'https://track.parcelwise.example/shp_1002' };

function read(json, what) {
  try {
    return readShipment(json);
  } catch (err) {
    assert.fail(`${what}: readShipment threw "${err.message}" for ${JSON.stringify(json)}`);
  }
}

test('the reader ignores fields it does not know and does not depend on key order', () => {
  assert.deepEqual(read(V2(), 'the documented v2 shipment'), EXPECTED, 'the documented v2 shipment');
  const grown = { ...V2(), depot: { code: 'BRS-2', opens: '08:00' }, eta: null, recipient: { name: 'Bruno Lima', city: 'Bristol', postcode: 'BS1 4DJ' } };
  assert.deepEqual(read(grown, 'a shipment with new fields'), EXPECTED, 'new fields (depot, eta, recipient.postcode) must be ignored, not rejected');
  const reversed = Object.fromEntries(Object.entries(V2()).reverse());
  assert.deepEqual(read(reversed, 'the same shipment with its keys in reverse order'), EXPECTED, 'JSON objects have no promised key order: read fields by name');
  const shuffled = { tracking_url: EXPECTED.trackingUrl, weight_grams: 3400, extra: 1, id: 'shp_1002', recipient: { city: 'Bristol', name: 'Bruno Lima' }, status: 'held_at_depot', created_at: '2026-02-24T14:02:00.000Z' };
  assert.deepEqual(read(shuffled, 'a shuffled shipment with an extra field'), EXPECTED, 'a shuffled shipment with an extra field');
});

test('the reader maps a status it does not know to unknown', () => {
  const lost = read({ ...V2(), status: 'lost_in_sorting' }, 'a shipment with the new status lost_in_sorting');
  assert.equal(lost.status, 'unknown', `a status the client does not know should read as 'unknown', got ${JSON.stringify(lost.status)}`);
  assert.equal(lost.id, 'shp_1002', 'the rest of the shipment is still read');
  assert.equal(lost.weightGrams, 3400, 'the rest of the shipment is still read');
  for (const status of ['created', 'delivered', 'held_at_depot']) {
    assert.equal(read({ ...V2(), status }, `status ${status}`).status, status, `a known status (${status}) is kept as it is`);
  }
});

test('the reader treats absent optional fields (recipient, city, tracking_url) as null', () => {
  const { recipient, tracking_url, ...bare } = V2();
  const got = read(bare, 'a shipment without recipient and tracking_url');
  assert.equal(got.city, null, `no recipient: city should be null, got ${JSON.stringify(got.city)}`);
  assert.equal(got.trackingUrl, null, `no tracking_url: trackingUrl should be null, got ${JSON.stringify(got.trackingUrl)}`);
  assert.equal(got.id, 'shp_1002');
  const noCity = read({ ...V2(), recipient: { name: 'Bruno Lima' } }, 'a recipient without city');
  assert.equal(noCity.city, null, `a recipient without city: city should be null, got ${JSON.stringify(noCity.city)}`);
});

test('the reader still rejects a malformed shipment', () => {
  const { id, ...noId } = V2();
  const cases = [
    ['no id', noId],
    ['an empty id', { ...V2(), id: '' }],
    ['a numeric id', { ...V2(), id: 1002 }],
    ['status that is not a string', { ...V2(), status: 7 }],
    ['weight_grams as a string', { ...V2(), weight_grams: '3400' }],
    ['no weight_grams', { ...V2(), weight_grams: undefined }],
    ['null instead of an object', null],
    ['an array instead of an object', [V2()]],
  ];
  for (const [what, json] of cases) {
    let threw = false;
    let got;
    try {
      got = readShipment(json);
    } catch (err) {
      threw = err instanceof Error;
    }
    assert.ok(threw, `${what}: readShipment should throw an Error (tolerance stops at malformed data), but it returned ${JSON.stringify(got)}`);
  }
});

test('one bad item does not fail the page', () => {
  const page = {
    data: [
      { ...V2(), id: 'shp_1' },
      { ...V2(), id: 'shp_2', weight_grams: 'heavy' },
      { ...V2(), id: 'shp_3', status: 'returned_to_sender', new_field: true },
      null,
      { ...V2(), id: 'shp_5' },
    ],
    next_cursor: 'abc',
  };
  let result;
  try {
    result = readPage(page);
  } catch (err) {
    assert.fail(`readPage threw "${err.message}": one bad item failed the whole page`);
  }
  const ids = (result?.shipments ?? []).map((s) => s.id);
  assert.deepEqual(ids, ['shp_1', 'shp_3', 'shp_5'], `the good items should come back in order, got ${JSON.stringify(ids)}`);
  assert.equal(result.shipments[1].status, 'unknown', 'shp_3 has a status the client does not know: unknown, not skipped');
  const skipped = (result.skipped ?? []).map((s) => s.index);
  assert.deepEqual(skipped, [1, 3], `skipped should list the bad items by index (1: weight "heavy", 3: null), got ${JSON.stringify(result.skipped)}`);
  assert.equal(result.skipped[0].id, 'shp_2', 'a skipped item keeps its id when it has one, so it can be logged');
  assert.ok(typeof result.skipped[0].reason === 'string' && result.skipped[0].reason.length > 0, 'a skipped item says why');
});
