// A warehouse subscriber. The broker delivers each message at least once, so the same message can
// arrive twice: the relay crashed before marking it, the consumer crashed before acknowledging it,
// or someone replayed the topic. `apply(tx, message)` is the subscriber's business logic
// (lib/warehouse.js); applied twice, it packs an order twice.
//
// The broker acknowledges a message when handle() resolves, and delivers it again if it throws.

export function createConsumer({ db, subscriberId, apply }) {
  return {
    async handle(message) {
      await db.transaction(async (tx) => {
        // TODO: make this idempotent. In this same transaction, record (subscriberId, message.id) in
        //   processed_messages (unique on those two columns) and skip apply() when this subscriber
        //   has already recorded the message. Several subscribers share that table.
        await apply(tx, message);
      });
    },
  };
}
