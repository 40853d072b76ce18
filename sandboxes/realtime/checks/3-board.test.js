// Checks for board-state.js: an optimistic move shows at once, a refusal undoes it and says why
// without losing what others did meanwhile, and each event from the stream is applied once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBoard } from '../board-state.js';

const snapshot = () => ({
  cards: {
    c1: { title: 'Fix login bug', column: 'review', comments: [] },
    c2: { title: 'Dark mode', column: 'todo', comments: [] },
  },
  lastEventId: 7,
});

/** A send() whose answers the check gives by hand: answer(i, value) / fail(i, error). */
function controlledSend() {
  const calls = [];
  const send = (op) =>
    new Promise((resolve, reject) => {
      calls.push({ op, resolve, reject });
    });
  return { send, calls };
}

const event = (id, type, data) => ({ type, data: JSON.stringify(data), lastEventId: String(id) });
const where = (board, card) => board.view()?.cards?.[card];

function setup() {
  const { send, calls } = controlledSend();
  let ops = 0;
  const board = createBoard({ snapshot: snapshot(), send, newOpId: () => `op-${++ops}` });
  return { board, calls };
}

test('a move shows at once, marked pending, before the server answers', async () => {
  const { board, calls } = setup();
  const done = board.move('c1', 'done');
  const shown = where(board, 'c1');
  assert.equal(shown?.column, 'done', `right after move(), before any answer, the view should show c1 in done, it shows ${shown?.column}`);
  assert.equal(shown?.pending, true, 'a move the server has not confirmed should be marked pending: true, so the card can look tentative');
  assert.equal(where(board, 'c2')?.pending, false, 'cards nobody moved are not pending (pending: false)');
  assert.equal(calls.length, 1, 'move() should send the change once');
  assert.deepEqual({ cardId: calls[0].op.cardId, column: calls[0].op.column }, { cardId: 'c1', column: 'done' }, `send() got ${JSON.stringify(calls[0].op)}`);
  assert.equal(typeof calls[0].op.opId, 'string', 'the op sent needs its opId, so the stream echo can be recognised');
  calls[0].resolve({ ok: true });
  const result = await done;
  assert.equal(result?.ok, true, `move() should resolve to { ok: true } when the server accepts, got ${JSON.stringify(result)}`);
  assert.equal(where(board, 'c1').column, 'done', 'an accepted move stays shown');
});

test('a refused move is rolled back and the user is told why', async () => {
  const { board, calls } = setup();
  const refused = board.move('c1', 'done');
  calls[0].resolve({ ok: false, status: 409, detail: 'This card was archived by Sam' });
  const result = await refused;
  assert.equal(result?.ok, false, `move() should resolve to { ok: false, message } on a refusal (not reject: the UI does not catch), got ${JSON.stringify(result)}`);
  assert.equal(where(board, 'c1').column, 'review', 'after the refusal the card should be back where the server says it is');
  assert.notEqual(where(board, 'c1').pending, true, 'a rolled-back move is no longer pending');
  const notice = board.notices.at(-1);
  assert.ok(notice, 'a rollback without a word is the "haunted board": add a notice');
  assert.match(notice.message ?? '', /Fix login bug/, `the notice should name the card ("Fix login bug"), got ${JSON.stringify(notice.message)}`);
  assert.match(notice.message ?? '', /archived by Sam/, `the notice should give the server's reason (answer.detail), got ${JSON.stringify(notice.message)}`);
  assert.equal(notice.cardId, 'c1');
  assert.equal(result.message, notice.message, 'move() should resolve with the same message the notice shows');

  const timedOut = board.move('c2', 'doing');
  calls[1].reject(new Error('no answer within 10 s'));
  const second = await timedOut;
  assert.equal(second?.ok, false, 'a move with no answer at all (network error, timeout) resolves to { ok: false }');
  assert.equal(where(board, 'c2').column, 'todo', 'a move that got no answer is rolled back too');
  assert.match(board.notices.at(-1)?.message ?? '', /Dark mode/, 'and the user is told, naming the card');

  assert.equal(typeof board.notices.at(-1).retry, 'function', 'each notice offers retry()');
  board.notices.at(-1).retry();
  assert.equal(calls.length, 3, 'retry() should send the move again');
  assert.deepEqual({ cardId: calls[2].op.cardId, column: calls[2].op.column }, { cardId: 'c2', column: 'doing' });
  assert.equal(where(board, 'c2').column, 'doing', 'retry() shows the move at once again, as pending');
  calls[2].resolve({ ok: true });
});

test('a rollback keeps what other people changed in the meantime', async () => {
  const { board, calls } = setup();
  const mine = board.move('c1', 'done');
  board.apply(event(8, 'card-moved', { card: 'c1', from: 'review', to: 'blocked', by: 'sam', opId: 'sam-1' }));
  board.apply(event(9, 'card-moved', { card: 'c2', from: 'todo', to: 'review', by: 'ana', opId: 'ana-1' }));
  assert.equal(where(board, 'c1').column, 'done', 'while my move is pending, the view shows it on top of what others did');
  assert.equal(where(board, 'c2').column, 'review', "Ana's move of c2 should show at once");
  calls[0].resolve({ ok: false, status: 409, detail: 'Sam moved it first' });
  await mine;
  assert.equal(
    where(board, 'c1').column,
    'blocked',
    `after the refusal c1 shows ${where(board, 'c1').column}; the server's state is "blocked" (Sam's move arrived while mine was pending), not the column it had before my move`,
  );
  assert.equal(where(board, 'c2').column, 'review', "rolling back my move must not undo Ana's move of another card");
});

test('each event is applied once: my own echo confirms the pending move, and a repeated id is ignored', async () => {
  const { board, calls } = setup();
  board.apply(event(6, 'comment-added', { card: 'c2', text: 'old news', by: 'ben' }));
  assert.deepEqual(where(board, 'c2').comments, [], 'event 6 is older than the snapshot (which includes events up to 7): it is already in it, skip it');
  const mine = board.move('c1', 'done');
  calls[0].resolve({ ok: true });
  await mine;
  const opId = calls[0].op.opId;
  board.apply(event(8, 'card-moved', { card: 'c1', from: 'review', to: 'done', by: 'me', opId }));
  assert.equal(where(board, 'c1').column, 'done');
  assert.notEqual(where(board, 'c1').pending, true, 'the stream echoed my move with its opId: the server has confirmed it, so it is no longer pending');

  board.apply(event(9, 'comment-added', { card: 'c1', text: 'Shipped', by: 'ben' }));
  board.apply(event(9, 'comment-added', { card: 'c1', text: 'Shipped', by: 'ben' }));
  assert.deepEqual(where(board, 'c1').comments, ['Shipped'], `event 9 arrived twice and should count once; c1 has comments ${JSON.stringify(where(board, 'c1').comments)}`);
  assert.equal(board.view().lastEventId, 9, `view().lastEventId should be the last event applied (9), got ${board.view().lastEventId}`);
});

test('a reset event marks the board as needing a reload', () => {
  const { board } = setup();
  assert.equal(board.view().needsReload, false, 'a fresh board does not need a reload');
  board.apply({ type: 'reset', data: JSON.stringify({ reason: 'too-old', latestId: 40 }), lastEventId: '40' });
  assert.equal(board.view().needsReload, true, 'after a reset the events in the gap are lost: view().needsReload should be true so the page fetches the board again');
});
