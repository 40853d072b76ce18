// The board as one user's browser sees it: what the server has confirmed, plus the changes this
// user made that the server has not confirmed yet (an optimistic UI).
//
//   const board = createBoard({ snapshot, send });
//     snapshot: { cards: { c1: { title, column, comments: [] }, ... }, lastEventId } from GET /board
//     send(op): POSTs a change, op = { opId, cardId, column }; resolves to the server's answer,
//               { ok: true } or { ok: false, status, detail }, and rejects when no answer came
//               (network error, timeout).
//   board.view()      what to render: { cards: { c1: { title, column, comments, pending } },
//                     needsReload, lastEventId }
//   board.move(cardId, column)   the user drags a card; resolves to { ok: true } or
//                     { ok: false, message }; it never rejects (the UI does not catch)
//   board.apply(msg)  an event from the stream, as EventSource gives it: { type, data (a JSON
//                     string), lastEventId (a string) }. Types: card-moved { card, from, to, by,
//                     opId }, comment-added { card, text, by }, reset.
//   board.notices     what the user is told: [{ opId, cardId, message, retry() }]
//
// Right now move() changes the card and, when the server refuses, puts back the column the card
// had before, without a word: Huddleboard's "haunted board". Your job is the TODOs below.
import { randomUUID } from 'node:crypto';

export function createBoard({ snapshot, send, newOpId = randomUUID }) {
  const cards = structuredClone(snapshot.cards);
  let lastEventId = Number(snapshot.lastEventId ?? 0);
  const notices = [];

  // TODO 1: keep two things apart: `confirmed` (the snapshot plus every event from the stream) and
  //   `pending` (this user's moves the server has not confirmed, by opId, in order). view() is
  //   confirmed with the pending moves applied on top, and marks those cards pending: true.
  //   Rolling back is then just forgetting a pending move, and an event that arrives meanwhile is
  //   applied underneath it, not lost.

  return {
    view() {
      return { cards: structuredClone(cards), needsReload: false, lastEventId };
    },

    async move(cardId, column) {
      const card = cards[cardId];
      if (!card) throw new Error(`no card ${cardId} on this board`);
      const before = card.column;
      card.column = column; // optimistic: show it at once
      try {
        const answer = await send({ opId: newOpId(), cardId, column });
        if (answer?.ok) return { ok: true };
      } catch {
        // no answer
      }
      // TODO 2: a refusal (answer.ok false: say why with answer.detail) or no answer at all (the
      //   error's message) must undo the move and tell the user: push a notice whose message
      //   names the card's title and the reason, with a retry() that moves it again, and resolve
      //   to { ok: false, message }.
      card.column = before;
      return { ok: false };
    },

    apply(message) {
      // TODO 3: apply each event once. Ids only grow: skip an event whose id is not above the last
      //   one applied (it is in the snapshot already, or arrived twice). When a card-moved event
      //   carries the opId of one of our pending moves, the server has confirmed it: the move
      //   stops being pending.
      // TODO 4: a "reset" event means events were lost: set needsReload so the page reloads the board.
      const data = JSON.parse(message.data);
      lastEventId = Number(message.lastEventId);
      if (message.type === 'card-moved') cards[data.card].column = data.to;
      if (message.type === 'comment-added') cards[data.card].comments.push(data.text);
    },

    get notices() {
      return notices.map((n) => ({ ...n }));
    },
  };
}
