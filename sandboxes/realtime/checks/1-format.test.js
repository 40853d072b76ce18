// Checks for sse.js: what formatEvent writes must read back, through a parser that follows the HTML
// standard (lib/sse-parser.js), as exactly the event that was meant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatEvent } from '../sse.js';
import { parseStream } from '../lib/sse-parser.js';

const show = (text) => JSON.stringify(text);

function roundTrip(event) {
  const text = formatEvent(event);
  assert.equal(typeof text, 'string', `formatEvent should return the stream text, got ${typeof text}`);
  return { text, ...parseStream(text) };
}

test('an event is written as id, event and data lines and ends with a blank line', () => {
  const event = { id: 42, event: 'card-moved', data: '{"card":"c-19","from":"review","to":"done"}' };
  const { text, events, lastEventId } = roundTrip(event);
  assert.ok(text.endsWith('\n\n'), `an event ends with an empty line, which dispatches it; formatEvent wrote ${show(text)}`);
  assert.equal(events.length, 1, `${show(text)} should read as one event, read as ${events.length}`);
  assert.deepEqual(events[0], { type: 'card-moved', data: event.data, lastEventId: '42' }, `${show(text)} read back differently`);
  assert.equal(lastEventId, '42');
  const plain = roundTrip({ data: 'hello' });
  assert.deepEqual(plain.events, [{ type: 'message', data: 'hello', lastEventId: '' }], `an event with no id or name: ${show(plain.text)}`);
});

test('multi-line data is split into one data: line per line and arrives intact', () => {
  const cases = [
    ['two lines', 'Steps to reproduce:\n1. open the board', 'Steps to reproduce:\n1. open the board'],
    ['Windows line breaks', 'first\r\nsecond\r\nthird', 'first\nsecond\nthird'],
    ['a lone CR', 'before\rafter', 'before\nafter'],
    ['a trailing line break', 'ends with a break\n', 'ends with a break\n'],
    ['an empty line inside', 'para one\n\npara two', 'para one\n\npara two'],
    ['leading spaces', '  indented\n    more', '  indented\n    more'],
    ['a colon and a field name inside', 'id: 7\nevent: fake', 'id: 7\nevent: fake'],
    ['empty data', '', ''],
  ];
  for (const [what, data, expected] of cases) {
    const { text, events } = roundTrip({ id: 5, event: 'comment-added', data });
    assert.equal(events.length, 1, `${what}: ${show(text)} should read as one event, read as ${events.length}`);
    assert.equal(events[0].data, expected, `${what}: data ${show(data)} was written as ${show(text)} and read back as ${show(events[0].data)}`);
    assert.equal(events[0].type, 'comment-added', `${what}: the event name was lost (${show(text)})`);
    assert.equal(events[0].lastEventId, '5', `${what}: the id was lost or changed (${show(text)})`);
  }
});

test('an id or event name with a line break cannot inject fields', () => {
  const attempts = [
    ['an event name with a LF', { id: 1, event: 'card-moved\ndata: {"card":"c1","to":"trash"}', data: '{}' }],
    ['an event name with a CR', { id: 1, event: 'card-moved\rretry: 1', data: '{}' }],
    ['an id with a LF', { id: '7\nevent: reset', data: '{}' }],
    ['an id with a CRLF', { id: '7\r\ndata: forged', data: '{}' }],
    ['an id with NULL', { id: '7\u00008', data: '{}' }],
  ];
  for (const [what, event] of attempts) {
    let text;
    try {
      text = formatEvent(event);
    } catch (err) {
      assert.ok(err instanceof TypeError, `${what}: refuse it with a TypeError, got ${err?.name}: ${err?.message}`);
      continue;
    }
    assert.fail(`${what} was written as ${show(text)}, which reads as ${JSON.stringify(parseStream(text).events)}; refuse such a value with a TypeError`);
  }
});
