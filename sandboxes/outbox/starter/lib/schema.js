// The two databases and their tables, as migrations would have created them.
// Columns not given on insert are empty (null) unless a default is listed.
import { createDatabase } from './db.js';

const now = ({ clock }) => clock.now();

/** The order service's database: its business table and its outbox. */
export function createOrdersDb({ clock }) {
  return createDatabase({
    name: 'orders-db',
    clock,
    tables: {
      orders: {
        columns: ['id', 'customer_id', 'items', 'status', 'created_at'],
        primaryKey: 'id',
        notNull: ['customer_id', 'items', 'status'],
        defaults: { created_at: now },
      },
      // One row per event to announce, written in the same transaction as the change it announces.
      // `seq` is numbered by the database when the row is inserted (not when it commits).
      outbox: {
        sequence: 'seq',
        columns: ['id', 'aggregate_type', 'aggregate_id', 'type', 'payload', 'created_at', 'published_at'],
        primaryKey: 'id', // the message id: every copy of this event carries it
        notNull: ['aggregate_type', 'aggregate_id', 'type'],
        defaults: { created_at: now }, // published_at stays empty until the relay has published the row
      },
    },
  });
}

/** The warehouse service's database: what its subscribers build, and what they have processed. */
export function createWarehouseDb({ clock }) {
  return createDatabase({
    name: 'warehouse-db',
    clock,
    tables: {
      // Shared by every subscriber of the warehouse service: one row per message a subscriber applied.
      processed_messages: {
        columns: ['subscriber_id', 'message_id', 'processed_at'],
        unique: [['subscriber_id', 'message_id']],
        notNull: ['subscriber_id', 'message_id'],
        defaults: { processed_at: now },
      },
      pick_lists: {
        sequence: 'id',
        columns: ['order_id', 'items', 'status'],
        notNull: ['order_id', 'status'],
      },
      stock_reservations: {
        columns: ['product', 'reserved'],
        primaryKey: 'product',
        notNull: ['reserved'],
      },
    },
  });
}
