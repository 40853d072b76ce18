// What a user sees while new-checkout goes from 5% to 20%: with your bucketOf(), with a coin
// tossed on every request (Math.random(), seeded here so the numbers repeat), and with a stable
// hash of the user id alone. Then how many users two unrelated flags at 10% have in common.
import { bucketOf } from '../bucket.js';

const USERS = Array.from({ length: 100_000 }, (_, i) => `user-${i}`);

function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fnv(text) {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const rand = seeded(5);
const schemes = [
  ['your bucketOf(flagKey, userId)', (flagKey, id) => bucketOf(flagKey, id)],
  ['Math.random() on every request', () => Math.floor(rand() * 100)],
  ['hash of the user id alone', (flagKey, id) => fnv(id) % 100],
];

const fmt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const col = (v, w) => String(v).padStart(w);

console.log(`${fmt(USERS.length)} users; new-checkout goes from 5% to 20% (on when bucket < percent)`);
console.log('');
console.log(`${''.padEnd(32)}${col('on at 5%', 10)}${col('on at 20%', 11)}${col('lost it', 9)}${col('gained', 8)}${col('flickered', 11)}`);
const overlap = [];
for (const [name, bucket] of schemes) {
  const on5 = new Set(USERS.filter((id) => bucket('new-checkout', id) < 5));
  const on20 = new Set(USERS.filter((id) => bucket('new-checkout', id) < 20));
  const lost = [...on5].filter((id) => !on20.has(id)).length;
  const gained = [...on20].filter((id) => !on5.has(id)).length;
  // Two more requests per user at 20%: did the answer change between them?
  const flickered = USERS.filter((id) => bucket('new-checkout', id) < 20 !== bucket('new-checkout', id) < 20).length;
  console.log(`${name.padEnd(32)}${col(fmt(on5.size), 10)}${col(fmt(on20.size), 11)}${col(fmt(lost), 9)}${col(fmt(gained), 8)}${col(fmt(flickered), 11)}`);
  const both = USERS.filter((id) => bucket('new-checkout', id) < 10 && bucket('new-search', id) < 10).length;
  overlap.push([name, both]);
}
console.log('');
console.log('"lost it": on at 5%, off at 20% (they saw the new checkout, then the old one again).');
console.log('"flickered": a different answer on two requests in a row at 20%.');
console.log('');
console.log('new-checkout and new-search, both at 10%: users who get both');
for (const [name, both] of overlap) {
  console.log(`  ${name.padEnd(32)}${col(fmt(both), 7)}  (${((100 * both) / USERS.length).toFixed(1)}% of users; independent flags share about 1%)`);
}
