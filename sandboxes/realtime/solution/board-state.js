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
// Confirmed state (the snapshot plus the stream's events) is kept apart from this user's pending
// moves; the view is confirmed state with the pending moves on top. A refusal forgets the pending
// move and says why, and events that arrived meanwhile stay applied underneath.
import { randomUUID } from 'node:crypto';

export function createBoard({ snapshot, send, newOpId = randomUUID }) {
  const confirmed = structuredClone(snapshot.cards);
  let applied = Number(snapshot.lastEventId ?? 0);
  const pending = new Map(); // opId -> { cardId, column }, in the order the user acted
  const notices = [];
  let needsReload = false;

  function rollBack(opId, cardId, column, reason) {
    pending.delete(opId);
    const title = confirmed[cardId]?.title ?? cardId;
    const message = `"${title}" was not moved to ${column}: ${reason}`;
    notices.push({ opId, cardId, message, retry: () => move(cardId, column) });
    return { ok: false, message };
  }

  async function move(cardId, column) {
    if (!confirmed[cardId]) throw new Error(`no card ${cardId} on this board`);
    const opId = newOpId();
    pending.set(opId, { cardId, column });
    let answer;
    try {
      answer = await send({ opId, cardId, column });
    } catch (err) {
      return rollBack(opId, cardId, column, `the server did not answer (${err?.message ?? err})`);
    }
    if (!answer?.ok) return rollBack(opId, cardId, column, answer?.detail ?? `the server answered ${answer?.status ?? 'with an error'}`);
    // Accepted: it stays pending until the stream echoes it with our opId.
    return { ok: true };
  }

  return {
    view() {
      const cards = structuredClone(confirmed);
      for (const card of Object.values(cards)) card.pending = false;
      for (const { cardId, column } of pending.values()) {
        if (!cards[cardId]) continue;
        cards[cardId].column = column;
        cards[cardId].pending = true;
      }
      return { cards, needsReload, lastEventId: applied };
    },

    move,

    apply(message) {
      const id = Number(message.lastEventId);
      if (message.type === 'reset') {
        needsReload = true;
        if (Number.isFinite(id)) applied = Math.max(applied, id);
        return;
      }
      if (!(id > applied)) return; // in the snapshot already, or delivered twice
      applied = id;
      const data = JSON.parse(message.data);
      const card = confirmed[data.card];
      if (message.type === 'card-moved') {
        if (card) card.column = data.to;
        if (data.opId) pending.delete(data.opId); // our own move, confirmed
      } else if (message.type === 'comment-added') {
        if (card) card.comments.push(data.text);
      }
    },

    get notices() {
      return notices.map((n) => ({ ...n }));
    },
  };
}
