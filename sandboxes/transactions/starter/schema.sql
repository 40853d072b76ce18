-- Kestrel's tables. The checks and demos run this file on an empty database before every scenario,
-- one statement at a time, then add the accounts they need. Keep the table and column names: the
-- checks and demos use them. What you may add: constraints, indexes, columns with a default.

CREATE TABLE accounts (
  id            integer PRIMARY KEY,
  owner         text    NOT NULL,
  -- Money in integer cents, never floating point.
  -- TODO 1: the database should refuse a negative balance, whatever the code does.
  balance_cents bigint  NOT NULL
);

CREATE TABLE transfers (
  -- The id the app creates when the user taps Send, and sends again on every retry.
  -- TODO 4: one row per transfer id, enforced by the database.
  id           text    NOT NULL,
  from_id      integer NOT NULL REFERENCES accounts (id),
  to_id        integer NOT NULL REFERENCES accounts (id),
  amount_cents bigint  NOT NULL CHECK (amount_cents > 0),
  created_at   timestamptz NOT NULL DEFAULT now()
);
