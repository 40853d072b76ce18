// A warehouse subscriber that applies each message once, however often it is delivered.
//
// The proof that this subscriber has applied a message is a row (subscriberId, messageId) in
// processed_messages, committed in the same transaction as the effect: both happen or neither does.
// A redelivery finds the row and changes nothing; the broker then acknowledges it as usual. Two
// copies handled at the same moment cannot both commit: the unique key stops the second one.

export function createConsumer({ db, subscriberId, apply }) {
  return {
    async handle(message) {
      if (typeof message?.id !== 'string' || message.id === '') {
        throw new TypeError(`${subscriberId}: a message without an id cannot be deduplicated: ${JSON.stringify(message)}`);
      }
      await db.transaction(async (tx) => {
        const first = await tx.insertIfAbsent('processed_messages', { subscriber_id: subscriberId, message_id: message.id });
        if (!first) return; // this subscriber already applied it
        await apply(tx, message);
      });
    },
  };
}
