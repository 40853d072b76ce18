-- Kestrel's tables. The checks and demos run this file on an empty database before every scenario,
-- one statement at a time, then add the accounts they need. Keep the table and column names: the
-- checks and demos use them. What you may add: constraints, indexes, columns with a default.

CREATE TABLE accounts (
  id            integer PRIMARY KEY,
  owner         text    NOT NULL,
  -- Money in integer cents, never floating point. The CHECK holds for every code path: a debit
  -- that would go below zero is an error, and the error aborts its whole transaction.
  balance_cents bigint  NOT NULL CONSTRAINT accounts_balance_not_negative CHECK (balance_cents >= 0)
);

CREATE TABLE transfers (
  -- The id the app creates when the user taps Send, and sends again on every retry. The primary key
  -- makes a second row with the same id impossible, even for two copies arriving at once.
  id           text    PRIMARY KEY,
  from_id      integer NOT NULL REFERENCES accounts (id),
  to_id        integer NOT NULL REFERENCES accounts (id),
  amount_cents bigint  NOT NULL CHECK (amount_cents > 0),
  created_at   timestamptz NOT NULL DEFAULT now()
);
