// Checks for traceparent.js: the W3C Trace Context header rules, with the vectors from SPECS.md
// (section 11) and the W3C Recommendation. Pure functions, so nothing here involves time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTraceparent, parseTracestate, updateTracestate } from '../traceparent.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const VALID = `00-${TRACE}-${PARENT}-01`;

const show = (value) => (typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? `the array ${JSON.stringify(value)}` : String(value));

function parse(value) {
  try {
    return parseTraceparent(value);
  } catch (err) {
    assert.fail(`parseTraceparent(${show(value)}) threw "${err.message}"; a bad header must never fail the request: return null`);
  }
}

function assertParsed(value, { traceId = TRACE, parentId = PARENT, sampled }, why) {
  const got = parse(value);
  assert.ok(got && typeof got === 'object', `parseTraceparent(${show(value)}) returned ${JSON.stringify(got)}; expected a parsed header (${why})`);
  assert.equal(got.traceId, traceId, `parseTraceparent(${show(value)}): traceId`);
  assert.equal(got.parentId, parentId, `parseTraceparent(${show(value)}): parentId`);
  assert.equal(got.sampled, sampled, `parseTraceparent(${show(value)}): sampled should be ${sampled} (${why})`);
}

const members = (header) => (header === '' ? [] : header.split(','));

test('the SPECS vectors: 00-4bf9...4736-00f067aa0ba902b7-01 is valid and sampled, an all-zero trace id is invalid', () => {
  assertParsed(VALID, { sampled: true }, 'the SPECS.md vector, flags 01');
  const zero = `00-${'0'.repeat(32)}-${PARENT}-01`;
  const got = parse(zero);
  assert.equal(got, null, `parseTraceparent(${show(zero)}) returned ${JSON.stringify(got)}; an all-zero trace id is invalid, so the result must be null (and the service starts a new trace)`);
});

test('invalid traceparent headers are rejected: wrong lengths, uppercase hex, all-zero ids, version ff, extra fields on version 00', () => {
  const invalid = [
    [`00-${TRACE}-${'0'.repeat(16)}-01`, 'the parent id is all zeros'],
    [`ff-${TRACE}-${PARENT}-01`, 'version ff is forbidden'],
    [`00-${TRACE.toUpperCase()}-${PARENT}-01`, 'the trace id is uppercase hex'],
    [`00-${TRACE}-${PARENT.toUpperCase()}-01`, 'the parent id is uppercase hex'],
    [`00-${TRACE}-${PARENT}-0A`, 'the flags are uppercase hex'],
    [`00-${TRACE.slice(1)}-${PARENT}-01`, 'the trace id has 31 hex digits'],
    [`00-${TRACE}a-${PARENT}-01`, 'the trace id has 33 hex digits'],
    [`00-${TRACE}-${PARENT.slice(1)}-01`, 'the parent id has 15 hex digits'],
    [`00-${TRACE}-${PARENT}a-01`, 'the parent id has 17 hex digits'],
    [`00-${TRACE}-${PARENT}-1`, 'the flags have 1 hex digit'],
    [`00-${TRACE}-${PARENT}-001`, 'the flags have 3 hex digits'],
    [`0-${TRACE}-${PARENT}-01`, 'the version has 1 hex digit'],
    [`000-${TRACE}-${PARENT}-01`, 'the version has 3 hex digits'],
    [`00-${TRACE}-${PARENT}-01-what-the-future-will-be-like`, 'version 00 has exactly four fields'],
    [`00-${TRACE}-${PARENT}-01.`, 'a character after the flags'],
    [`00-${TRACE.slice(0, 31)}g-${PARENT}-01`, '"g" is not a hex digit'],
    [`.0-${TRACE}-${PARENT}-01`, '"." in the version'],
    [`00_${TRACE}_${PARENT}_01`, 'the fields are not separated by dashes'],
    [`cc-${TRACE}-${PARENT}-0`, 'a higher version still needs 2 hex digits of flags'],
    [`cc-${TRACE}-${PARENT}-01.future`, 'a higher version may add fields, but only after a dash'],
    ['', 'an empty header'],
    ['00', 'a version alone'],
    [undefined, 'no header at all'],
    [[VALID, VALID], 'not a string (a header sent twice)'],
    [42, 'not a string'],
  ];
  const accepted = [];
  for (const [value, why] of invalid) {
    const got = parse(value);
    if (got !== null) accepted.push(`${show(value)} (${why}) -> ${JSON.stringify(got)}`);
  }
  assert.deepEqual(accepted, [], `these invalid headers should give null, but were accepted:\n  ${accepted.join('\n  ')}`);
});

test('sampled is bit 0 of the flags, and a higher version with extra fields is read', () => {
  assertParsed(`00-${TRACE}-${PARENT}-00`, { sampled: false }, 'flags 00: not sampled');
  assertParsed(`00-${TRACE}-${PARENT}-09`, { sampled: true }, 'flags 09 = 0000 1001: bit 0 is set, so sampled; mask with & 1 rather than comparing with "01"');
  assertParsed(`00-${TRACE}-${PARENT}-02`, { sampled: false }, 'flags 02 = 0000 0010: bit 0 is clear, so not sampled');
  assertParsed(`00-${TRACE}-${PARENT}-ff`, { sampled: true }, 'flags ff: bit 0 is set');
  assertParsed(` \t${VALID} \t`, { sampled: true }, 'spaces and tabs around the value are optional whitespace');
  assertParsed(`cc-${TRACE}-${PARENT}-01`, { sampled: true }, 'a higher version (cc) is parsed with the fields this version knows');
  assertParsed(`cc-${TRACE}-${PARENT}-01-what-the-future-will-be-like`, { sampled: true }, 'a higher version may carry extra fields after a dash: read the four you know');
});

test('tracestate: an updated member moves to the left and the others keep their order', () => {
  const cases = [
    ['congo=t61rcWkgMzE', 'rojo', '00f067aa0ba902b7', 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE', 'a new member is added on the left (the W3C example)'],
    ['rojo=00f067aa0ba902b7,congo=t61rcWkgMzE', 'congo', 'ucfJifl5GOE', 'congo=ucfJifl5GOE,rojo=00f067aa0ba902b7', 'congo updates its member: it moves to the left, rojo stays as it was'],
    ['a=1,b=2,br=old,c=3', 'br', 'new', 'br=new,a=1,b=2,c=3', 'our old member is removed from the middle, the others keep their order'],
    ['', 'br', '00f067aa0ba902b7', 'br=00f067aa0ba902b7', 'an empty tracestate gets just our member'],
    [undefined, 'br', '00f067aa0ba902b7', 'br=00f067aa0ba902b7', 'no tracestate at all gets just our member'],
  ];
  for (const [before, key, value, expected, why] of cases) {
    const got = updateTracestate(before, key, value);
    assert.equal(got, expected, `updateTracestate(${show(before)}, "${key}", "${value}") gave ${show(got)}, expected ${show(expected)}: ${why}`);
  }
  const parsed = parseTracestate('rojo=00f067aa0ba902b7,congo=t61rcWkgMzE');
  assert.deepEqual(parsed, [['rojo', '00f067aa0ba902b7'], ['congo', 't61rcWkgMzE']], 'parseTracestate should return the members as [key, value] pairs, left to right');
});

test('tracestate keeps at most 32 members, dropping from the right', () => {
  const many = (n) => Array.from({ length: n }, (_, i) => `v${i + 1}=x${i + 1}`).join(',');
  const full = updateTracestate(many(32), 'br', 'abc');
  const list = members(full);
  assert.equal(list.length, 32, `32 members plus ours gave ${list.length} members; the limit is 32`);
  assert.equal(list[0], 'br=abc', `our member should be first, got "${list[0]}"`);
  assert.equal(list[31], 'v31=x31', `the right-most member (v32) should be the one dropped; the last member is "${list[31]}"`);
  const updated = members(updateTracestate(`${many(31)},br=old`, 'br', 'new'));
  assert.equal(updated.length, 32, `31 members plus our old one, updated, gave ${updated.length} members; updating our member replaces it, so there are still 32`);
  assert.deepEqual(updated.slice(0, 2), ['br=new', 'v1=x1'], 'updating our member moves it to the left without dropping anyone else');
  const parsed = parseTracestate(many(40));
  assert.ok(parsed.length <= 32, `parseTracestate of 40 members returned ${parsed.length}; at most 32 may be kept`);
});

test('tracestate members with a malformed key or value, and repeated keys, are not passed on', () => {
  const cases = [
    ['FOO=1,bar=2', 'an uppercase key'],
    ['foo.bar=1,bar=2', '"." is not allowed in a key'],
    ['foo =1,bar=2', 'a space inside the member, before "="'],
    ['_foo=1,bar=2', 'a key must begin with a lowercase letter or a digit'],
    ['=1,bar=2', 'an empty key'],
    ['foo,bar=2', 'a member without "="'],
    ['foo=a=b,bar=2', '"=" inside a value'],
    ['foo=,bar=2', 'an empty value'],
    ['foo=a\tb,bar=2', 'a tab inside a value'],
    [`foo=${'x'.repeat(257)},bar=2`, 'a value longer than 256 characters'],
    [`${'k'.repeat(257)}=1,bar=2`, 'a key longer than 256 characters'],
  ];
  for (const [header, why] of cases) {
    const out = updateTracestate(header, 'br', 'abc');
    const bad = header.split(',')[0];
    assert.ok(!members(out).includes(bad) && !out.includes(bad), `updateTracestate(${show(header.length > 80 ? `${header.slice(0, 60)}...` : header)}) passed on ${show(bad.length > 40 ? `${bad.slice(0, 30)}...` : bad)} (${why}); drop members that break the format`);
    assert.equal(members(out)[0], 'br=abc', `our member should still be first, got ${show(out)}`);
  }
  for (const header of ['foo=1,foo=2', 'foo=1,bar=2,foo=1']) {
    const keys = members(updateTracestate(header, 'br', 'abc')).map((m) => m.slice(0, m.indexOf('=')));
    assert.equal(new Set(keys).size, keys.length, `updateTracestate(${show(header)}) sent the keys ${keys.join(', ')}; a key may appear only once`);
  }
  const ok = updateTracestate(' foo=1 , \t bar= 2\t,,', 'br', 'abc');
  assert.equal(ok, 'br=abc,foo=1,bar= 2', `spaces and tabs around members are optional whitespace and empty members are skipped (a value may start with a space): got ${show(ok)}`);
});
