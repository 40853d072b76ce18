// Checks for the database code: parameterised queries, an allowlist for what cannot be a parameter,
// and least-privilege roles. lib/sql.js records every query with its role, text and parameters,
// and, like a real database, runs whatever SQL text it is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApp } from './helpers.js';

const q = encodeURIComponent;

test('an injection in the search returns nothing: \' OR \'1\'=\'1 finds no user', async () => {
  await withApp(async ({ call }) => {
    const normal = await call({ path: `/users/search?email=${q('ben@ledgerly.test')}` });
    assert.equal(normal.status, 200, `a normal search should answer 200, got ${normal.status} ${normal.text}`);
    assert.deepEqual(normal.json, [{ id: 2, name: 'Ben Okafor' }], 'a normal search should still find Ben');
    for (const attack of ["' OR '1'='1", "x' OR email LIKE '%", "' OR 1=1 --"]) {
      const res = await call({ path: `/users/search?email=${q(attack)}` });
      assert.equal(res.status, 200, `searching for ${JSON.stringify(attack)} should be an ordinary search that finds nothing (200 []), got ${res.status} ${res.text}`);
      assert.deepEqual(res.json, [], `searching for the email ${JSON.stringify(attack)} returned ${res.text}: the input became SQL. Pass it as a parameter ($1), so it is only ever a value`);
    }
  });
});

test('injection attempts cannot change or destroy data', async () => {
  await withApp(async ({ db, call }) => {
    const before = db.dump();
    const attacks = [
      { path: `/users/search?email=${q("x'; DELETE FROM invoices; --")}` },
      { path: `/users/search?email=${q("x'; UPDATE users SET name = 'pwned'; --")}` },
      { path: `/reports/invoices?customer=${q("x'; DROP TABLE invoices; --")}` },
      { path: `/reports/invoices?customer=ana%40ledgerly.test&sort=${q('total; DELETE FROM invoices')}` },
      { method: 'POST', path: '/login', body: { email: "x'; UPDATE users SET password_hash = 'x'; --", password: 'x' }, ip: '203.0.113.50' },
    ];
    for (const options of attacks) await call(options);
    const after = db.dump();
    for (const table of Object.keys(before)) {
      assert.ok(after[table], `the table "${table}" is gone: an injection ran DROP TABLE`);
      assert.deepEqual(after[table].rows, before[table].rows, `the rows of "${table}" changed after injection attempts (${before[table].rows.length} rows before, ${after[table].rows.length} after): parameterise every query, allowlist the sort column, and keep reports on a read-only role`);
    }
  });
});

test('user input reaches the database as parameters, never as SQL text', async () => {
  await withApp(async ({ db, call }) => {
    const marker = 'zq-marker-9317';
    await call({ path: `/users/search?email=${marker}%40ledgerly.test` });
    await call({ path: `/reports/invoices?customer=${marker}` });
    await login(call, marker);
    const inText = db.log.filter((e) => e.sql.includes(marker));
    assert.deepEqual(inText.map((e) => e.sql), [], `user input was pasted into the SQL text of ${inText.length} queries; send the text with $1, $2 ... and the input in the parameter array`);
    const asParams = db.log.filter((e) => e.params.some((p) => String(p).includes(marker)));
    assert.ok(asParams.length >= 3, `the searches, the report and the login should each pass the input as a parameter; ${asParams.length} queries did`);
  });
});

async function login(call, email) {
  return call({ method: 'POST', path: '/login', body: { email: `${email}@ledgerly.test`, password: 'whatever' }, ip: '203.0.113.51' });
}

test('the sort order comes from an allowlist: date and total work, anything else is 400', async () => {
  await withApp(async ({ call }) => {
    const byDate = await call({ path: '/reports/invoices?customer=ben%40ledgerly.test&sort=date' });
    assert.equal(byDate.status, 200, `sort=date should work, got ${byDate.status} ${byDate.text}`);
    assert.deepEqual(byDate.json?.map((r) => r.id), [6, 5, 2], 'sort=date: Ben\'s invoices newest first (6, 5, 2)');
    const byTotal = await call({ path: '/reports/invoices?customer=ben%40ledgerly.test&sort=total' });
    assert.deepEqual(byTotal.json?.map((r) => r.id), [5, 2, 6], `sort=total: Ben's invoices largest first (5, 2, 6), got ${byTotal.text}`);
    const plain = await call({ path: '/reports/invoices?customer=ben%40ledgerly.test' });
    assert.deepEqual(plain.json?.map((r) => r.id), [6, 5, 2], 'no sort: newest first, as sort=date');
    for (const sort of ['password_hash', 'id; DELETE FROM invoices', 'total DESC, (SELECT 1)']) {
      const res = await call({ path: `/reports/invoices?customer=ben%40ledgerly.test&sort=${q(sort)}` });
      assert.equal(res.status, 400, `sort=${JSON.stringify(sort)} got ${res.status} ${res.text}; a column name cannot be a parameter, so map sort onto a fixed allowlist and answer 400 for anything else`);
    }
  });
});

test('reports run on the read-only reporting role, and nothing runs as the owner', async () => {
  await withApp(async ({ db, call }) => {
    await call({ path: '/users/search?email=ana%40ledgerly.test' });
    const searchRoles = [...new Set(db.log.map((e) => e.role))];
    db.log.length = 0;
    await call({ path: '/reports/invoices?customer=ana%40ledgerly.test' });
    const reportRoles = [...new Set(db.log.map((e) => e.role))];
    db.log.length = 0;
    await call({ method: 'POST', path: '/login', body: { email: 'ana@ledgerly.test', password: 'correct horse battery staple' }, ip: '198.51.100.20' });
    const loginRoles = [...new Set(db.log.map((e) => e.role))];
    assert.deepEqual(reportRoles, ['reporting'], `the report ran as ${reportRoles.join(', ') || 'nobody'}; reports need only SELECT on invoices: use db.connect('reporting'), which the database itself keeps read-only`);
    for (const [what, roles] of [['the search', searchRoles], ['the login', loginRoles]]) {
      assert.deepEqual(roles, ['app'], `${what} ran as ${roles.join(', ') || 'nobody'}; application queries use db.connect('app'), which can read and write rows but cannot drop tables. The owner role is for migrations only`);
    }
  });
});
