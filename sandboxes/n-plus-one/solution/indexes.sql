-- Indexes for Fernhill's order database. This file runs once, after the data is loaded and before
-- ANALYZE, one statement at a time. The tables (see lib/db.js):
--
--   customers   (id PRIMARY KEY, name)                                      2,000 rows
--   orders      (id PRIMARY KEY, customer_id, status, created_at, ...)     20,000 rows, 5% pending
--   order_items (id PRIMARY KEY, order_id, sku, quantity)                  about 60,000 rows
--
-- The packing queue filters on status (equality) and sorts on created_at: equality column first,
-- then the sort column, so the index hands back pending orders already in order and the scan stops
-- after `limit` entries.
CREATE INDEX CONCURRENTLY orders_status_created_at_idx ON orders (status, created_at);

-- order_items.order_id references orders but has no index of its own: without one, every lookup of
-- a page's items reads all 60,000 item rows.
CREATE INDEX CONCURRENTLY order_items_order_id_idx ON order_items (order_id);
