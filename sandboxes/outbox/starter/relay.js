// The relay: it reads committed outbox rows and publishes them to the broker. The checks and demos
// call publishPending() the way a poller would, every few hundred milliseconds, and start a new
// relay (a fresh process) after a crash. Two relays may run at the same time during a deploy.
//
// Faults it must survive: the broker refusing a publish (BrokerUnavailable), a crash right after
// the broker stored a message but before the relay heard back (ProcessCrash), another relay running
// the same pass.

export function createRelay({ db, broker, clock }) {
  return {
    /** One polling pass: publish what is waiting in the outbox. Resolves to how many rows it published. */
    async publishPending() {
      // TODO: for each outbox row with no published_at, oldest first (by seq):
      //   1. publish it to the topic named by its aggregate_type, keyed by its aggregate_id (so one
      //      order's events share a partition), with the row's own id as the message id, its type and payload;
      //   2. only once the broker has confirmed, set published_at (clock.now()).
      //   If the broker refuses a publish, stop the pass there: a later event of the same order
      //   must not overtake it. The next pass tries again.
      return 0;
    },
  };
}
