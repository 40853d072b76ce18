// The CI gate on six proposed changes to the v1 response, and on v1 against v2. Additive changes
// should PASS and breaking ones FAIL, naming the fields.
import { compareContracts } from '../contract.js';
import { shapeOf } from '../lib/shape.js';
import { V1_EXAMPLE } from '../lib/v1-contract.js';

const { weight, city, ...rest } = V1_EXAMPLE;
const proposals = [
  ['add tracking_url', { ...V1_EXAMPLE, tracking_url: 'https://track.parcelwise.example/shp_1001' }, 'PASS'],
  ['add a depot object', { ...V1_EXAMPLE, depot: { code: 'LDS-1', opens: '08:00' } }, 'PASS'],
  ['rename weight to weight_kg', { ...rest, city, weight_kg: weight }, 'FAIL'],
  ['drop city, add postcode', { ...rest, weight, postcode: 'LS1 4AP' }, 'FAIL'],
  ['weight as a string "1.25 kg"', { ...V1_EXAMPLE, weight: '1.25 kg' }, 'FAIL'],
  ['city may be null', { ...V1_EXAMPLE, city: null }, 'FAIL'],
];
const v2Example = {
  id: 'shp_1001',
  status: 'in_transit',
  weight_grams: 1250,
  recipient: { name: 'Ada Okafor', city: 'Leeds' },
  created_at: '2026-02-23T09:15:00.000Z',
  tracking_url: 'https://track.parcelwise.example/shp_1001',
};

const before = shapeOf(V1_EXAMPLE);
let right = 0;
console.log('change to the v1 response           verdict  expected  breaking fields');
for (const [name, after, expected] of [...proposals, ['v1 -> v2 (a new version, on purpose)', v2Example, 'FAIL']]) {
  const result = compareContracts(before, shapeOf(after));
  const verdict = result?.compatible ? 'PASS' : 'FAIL';
  if (verdict === expected) right += 1;
  const fields = (result?.breaking ?? []).map((b) => `${b.path} ${b.change}`).join(', ');
  console.log(`${name.padEnd(37)}${verdict.padEnd(9)}${expected.padEnd(10)}${fields || '-'}`);
}
console.log(`verdicts as expected: ${right} of ${proposals.length + 1}`);
