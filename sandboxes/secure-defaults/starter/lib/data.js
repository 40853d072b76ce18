// Ledgerly's data for the checks and demos: three customers (with the passwords the checks log in
// with) and their invoices, in a fresh in-memory database (lib/sql.js).
import { createDatabase, emptySchema } from './sql.js';
import { hashPassword } from './passwords.js';

export const CUSTOMERS = [
  { id: 1, email: 'ana@ledgerly.test', name: 'Ana Lima', password: 'correct horse battery staple' },
  { id: 2, email: 'ben@ledgerly.test', name: 'Ben Okafor', password: 'Tr0ub4dor&3 was a bad idea' },
  { id: 3, email: 'chen@ledgerly.test', name: 'Chen Wei', password: 'plum-otter-41-lantern' },
];

const INVOICES = [
  [1, 'ana@ledgerly.test', 12000, '2026-01-05'],
  [2, 'ben@ledgerly.test', 4500, '2026-01-09'],
  [3, 'ana@ledgerly.test', 30000, '2026-02-01'],
  [4, 'chen@ledgerly.test', 990, '2026-02-03'],
  [5, 'ben@ledgerly.test', 15000, '2026-02-14'],
  [6, 'ben@ledgerly.test', 2500, '2026-03-01'],
];

/** A fresh database with Ledgerly's rows. hashCost: the scrypt cost of the stored password hashes. */
export function ledgerlyDatabase({ hashCost = 256 } = {}) {
  const seed = emptySchema();
  seed.users.rows = CUSTOMERS.map(({ id, email, name, password }) => ({ id, email, name, password_hash: hashPassword(password, { cost: hashCost }) }));
  seed.invoices.rows = INVOICES.map(([id, customer, total, issued]) => ({ id, customer, total, issued }));
  return createDatabase({ seed });
}
