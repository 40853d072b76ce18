// Checks for the packing queue and the export's join. One real PostgreSQL (PGlite) with 20,000
// seeded orders serves every check in this file: it starts once (a few seconds) and is closed at
// the end. Queries are counted through a wrapped connection, plans are read from PostgreSQL's own
// EXPLAIN, and the in-memory join is measured by counting array reads, never by a clock.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { countQueries, explain, indexColumns, oneLine, openDatabase, planNodes } from '../lib/db.js';
import { attachCustomers, packingQueue } from '../packing-queue.js';

let opening;
/** The shared database, started on first use. */
function database() {
  opening ??= openDatabase();
  return opening;
}
after(async () => {
  if (opening) await (await opening.catch(() => null))?.pg.close();
});

/** The page as it should be, built by one query of the checks' own. */
async function expectedPage(pg, limit) {
  const { rows } = await pg.query(
    `SELECT o.id, o.created_at, o.total_cents, c.id AS customer_id, c.name,
            coalesce((SELECT json_agg(json_build_object('sku', i.sku, 'quantity', i.quantity) ORDER BY i.id)
                        FROM order_items i WHERE i.order_id = o.id), '[]'::json) AS items
       FROM orders o JOIN customers c ON c.id = o.customer_id
      WHERE o.status = 'pending'
      ORDER BY o.created_at, o.id
      LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at, totalCents: r.total_cents, customer: { id: r.customer_id, name: r.name }, items: r.items }));
}

/** Runs packingQueue on a counting connection; resolves to { page, counter }. */
async function runPage(pg, limit) {
  const counter = countQueries(pg);
  const page = await packingQueue(counter.db, { limit });
  return { page, counter };
}

/** The plans of the distinct queries one page load made (the first parameters of each text). */
async function plansOfPage(pg, limit) {
  const { counter } = await runPage(pg, limit);
  const seen = new Map();
  for (const q of counter.queries) if (!seen.has(q.text)) seen.set(q.text, q.params);
  const plans = [];
  for (const [text, params] of seen) plans.push({ text, nodes: planNodes(await explain(pg, text, params)) });
  return plans;
}

function describeNode(node) {
  const parts = [node['Node Type']];
  if (node['Index Name']) parts.push(`using ${node['Index Name']}`);
  if (node['Relation Name']) parts.push(`on ${node['Relation Name']}`);
  if (node['Index Cond']) parts.push(`Index Cond: ${node['Index Cond']}`);
  if (node.Filter) parts.push(`Filter: ${node.Filter}`);
  return parts.join(' ');
}

test('the packing queue lists the oldest pending orders with their customer and items', async () => {
  const { pg } = await database();
  for (const limit of [10, 200]) {
    const { page } = await runPage(pg, limit);
    const expected = await expectedPage(pg, limit);
    assert.ok(Array.isArray(page), `packingQueue(db, { limit: ${limit} }) should resolve to an array, got ${typeof page}`);
    assert.equal(page.length, expected.length, `limit ${limit}: expected ${expected.length} orders, got ${page.length}`);
    for (let i = 0; i < expected.length; i += 1) {
      assert.deepEqual(page[i], expected[i], `limit ${limit}: entry ${i} (order ${expected[i].id}) differs from what the database holds`);
    }
  }
});

test('the packing queue makes the same few queries for 10 orders as for 200 (no N+1)', async () => {
  const { pg } = await database();
  const small = (await runPage(pg, 10)).counter.count;
  const large = (await runPage(pg, 200)).counter.count;
  assert.ok(
    small === large && large <= 3,
    `packingQueue made ${small} queries for 10 orders and ${large} for 200. A count that grows with the page is N+1: ` +
      `at 2 ms per round trip, 200 orders cost ${large * 2} ms of waiting. Expected the same count for both, at most 3.`,
  );
});

test('the list query reads pending orders from an index already in created_at order (no Seq Scan, no Sort)', async () => {
  const { pg, indexes } = await database();
  assert.ok(indexes.error === null, indexes.error?.message);
  const plans = await plansOfPage(pg, 200);
  const scans = plans.flatMap((p) => p.nodes.filter((n) => n['Relation Name'] === 'orders').map((node) => ({ node, text: p.text })));
  assert.ok(scans.length > 0, 'none of the page queries reads the orders table');
  for (const { node, text } of scans) {
    const where = `in "${oneLine(text)}"`;
    const type = node['Node Type'];
    assert.ok(
      type === 'Index Scan' || type === 'Index Only Scan',
      `${where}: PostgreSQL reads orders with "${describeNode(node)}". ` +
        (type === 'Seq Scan'
          ? 'A Seq Scan reads all 20,000 orders to keep 1,000; add an index for this query in indexes.sql.'
          : 'It collects every pending order and sorts them; an index whose entries are already in created_at order lets the scan stop after the first 200.'),
    );
    assert.equal(node.Filter, undefined, `${where}: "${describeNode(node)}" still filters rows one by one after reading them: the index should start with the column you filter on`);
    // An Incremental Sort (a tie-breaker on rows already in created_at order) is fine; a full Sort is not.
    const lastSort = node.ancestors.findIndex((a) => a['Node Type'] === 'Sort');
    const firstLimit = node.ancestors.findIndex((a) => a['Node Type'] === 'Limit');
    assert.ok(
      lastSort === -1 || (firstLimit !== -1 && firstLimit < lastSort),
      `${where}: the orders come out of "${describeNode(node)}" and are then sorted before the LIMIT; order the index by created_at after the filter column`,
    );
    if (/\bstatus\b/.test(node['Index Cond'] ?? '')) {
      const columns = await indexColumns(pg, node['Index Name']);
      assert.equal(
        columns[0],
        'status',
        `${where}: ${node['Index Name']} is on (${columns.join(', ')}). The rows come out in order, but status is checked entry by entry while walking created_at; with status first the index jumps straight to the pending orders.`,
      );
    }
  }
});

test('loading the items of a page uses an index on order_items.order_id (no Seq Scan)', async () => {
  const { pg, indexes } = await database();
  assert.ok(indexes.error === null, indexes.error?.message);
  const plans = await plansOfPage(pg, 200);
  const scans = plans.flatMap((p) => p.nodes.filter((n) => n['Relation Name'] === 'order_items').map((node) => ({ node, text: p.text })));
  assert.ok(scans.length > 0, 'none of the page queries reads the order_items table');
  for (const { node, text } of scans) {
    assert.notEqual(
      node['Node Type'],
      'Seq Scan',
      `in "${oneLine(text)}": PostgreSQL reads every one of the ~60,000 order items ("${describeNode(node)}"). ` +
        'order_items.order_id is a foreign key, and PostgreSQL does not index foreign keys for you.',
    );
  }
});

/** Wraps an array so that every read of an element is counted. */
function countReads(array, counter) {
  return new Proxy(array, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads += 1;
      return Reflect.get(target, key, receiver);
    },
  });
}

function exportData(orderCount, customerCount) {
  const customers = Array.from({ length: customerCount }, (_, i) => ({ id: 1000 + ((i * 7) % customerCount), name: `customer ${i}` }));
  const orders = Array.from({ length: orderCount }, (_, i) => ({ id: i + 1, customerId: 1000 + ((i * 13) % customerCount), totalCents: 100 + i }));
  orders.push({ id: orderCount + 1, customerId: 999_999, totalCents: 1 }); // a customer that is not in the list
  return { orders, customers };
}

test('attachCustomers pairs each order with its customer, and null when the customer is unknown', () => {
  const { orders, customers } = exportData(300, 120);
  const before = structuredClone(orders);
  const result = attachCustomers(orders, customers);
  assert.equal(result.length, orders.length, `expected ${orders.length} orders back, got ${result?.length}`);
  const byId = new Map(customers.map((c) => [c.id, c]));
  result.forEach((row, i) => {
    assert.deepEqual(row, { ...orders[i], customer: byId.get(orders[i].customerId) ?? null }, `order ${orders[i].id} came back wrong`);
  });
  assert.deepEqual(orders, before, 'attachCustomers changed the orders it was given; return new objects instead');
});

test('attachCustomers reads each list a few times, not once per order (a Map, not find)', () => {
  const { orders, customers } = exportData(2000, 1000);
  const counter = { reads: 0 };
  attachCustomers(countReads(orders, counter), countReads(customers, counter));
  const n = orders.length;
  const m = customers.length;
  assert.ok(
    counter.reads <= 5 * (n + m),
    `matching ${n.toLocaleString('en-US')} orders to ${m.toLocaleString('en-US')} customers read array elements ${counter.reads.toLocaleString('en-US')} times, about ` +
      `${Math.round(counter.reads / n).toLocaleString('en-US')} per order: a scan of the customers for every order, O(n x m). ` +
      `With a Map built once it is about ${(n + m).toLocaleString('en-US')}.`,
  );
});
