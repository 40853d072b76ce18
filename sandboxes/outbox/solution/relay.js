// The relay: a polling publisher. Each pass publishes the unpublished outbox rows oldest first and
// marks a row only after the broker has confirmed it. A crash between the two means the row goes
// out again after the restart: at least once, never lost. Consumers deduplicate on the row's id.
//
// Order per order (aggregate): rows go out one at a time in seq order, keyed by aggregate id, and
// a pass stops at the first refusal, so a later event never overtakes an earlier one. Two relays
// running at once may both publish a row (a duplicate, which consumers absorb), but each walks the
// rows in the same order, so neither can put an order's events out of sequence.
const BATCH = 100; // rows per pass: bounds the work of one pass while a big backlog drains

export function createRelay({ db, broker, clock }) {
  return {
    async publishPending() {
      // "published_at is empty" rather than "seq above the last one I saw": seq is numbered at insert,
      // so a slow transaction can commit a lower seq after a higher one has already gone out.
      const rows = await db.select('outbox', { where: { published_at: null }, orderBy: 'seq', limit: BATCH });
      let published = 0;
      for (const row of rows) {
        try {
          await broker.publish(row.aggregate_type, { key: row.aggregate_id, id: row.id, type: row.type, payload: row.payload });
        } catch (err) {
          if (err.name === 'BrokerUnavailable') break; // try again next pass, before anything after it
          throw err; // a crash or a bug: nothing more may happen in this pass
        }
        await db.update('outbox', { id: row.id }, { published_at: clock.now() });
        published += 1;
      }
      return published;
    },
  };
}
