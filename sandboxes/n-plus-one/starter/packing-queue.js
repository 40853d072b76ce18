// Fernhill's packing queue and the in-memory join of the nightly export, as they shipped.
//
// packingQueue(db, { limit }) is the page the packers' 40 tablets refresh every 5 seconds: the oldest
// pending orders, each with its customer and its items. attachCustomers(orders, customers) is how the
// nightly export matches orders to customers in memory.
//
// Both are correct, and both were fast in staging with a few hundred rows. Production has 20,000
// orders (here) and a database 2 ms away. Your job: the TODOs below, and indexes.sql.
//
// `db` has node-postgres's shape: `await db.query(text, params)` resolves to { rows }. Pass values
// as parameters ($1, $2, ...); an array works as one parameter: `WHERE id = ANY($1)` with [[1, 2, 3]].

/**
 * The oldest `limit` pending orders, oldest first:
 *   [{ id, createdAt, totalCents, customer: { id, name }, items: [{ sku, quantity }] }]
 * with each order's items in the order they were added (order_items.id).
 */
export async function packingQueue(db, { limit = 200 } = {}) {
  const { rows: orders } = await db.query(
    `SELECT id, customer_id, created_at, total_cents
       FROM orders
      WHERE status = 'pending'
      ORDER BY created_at
      LIMIT $1`,
    [limit],
  );

  // TODO 1: this loop asks the database two more questions per order, 1 + 2 x limit queries for one
  //   page: 401 round trips for 200 orders. Load the customers of all the orders with one query and
  //   the items of all the orders with one more (WHERE ... = ANY($1)), then put the page together in
  //   memory with a Map. (Or write a join.) The page must come out exactly as it does now.
  const page = [];
  for (const order of orders) {
    const { rows: customers } = await db.query('SELECT id, name FROM customers WHERE id = $1', [order.customer_id]);
    const { rows: items } = await db.query('SELECT sku, quantity FROM order_items WHERE order_id = $1 ORDER BY id', [order.id]);
    page.push({
      id: order.id,
      createdAt: order.created_at,
      totalCents: order.total_cents,
      customer: { id: customers[0].id, name: customers[0].name },
      items: items.map((item) => ({ sku: item.sku, quantity: item.quantity })),
    });
  }
  return page;
}

/**
 * The nightly export's join: each order ({ id, customerId, ... }) with its customer ({ id, name }),
 * or null when the customer is unknown. Returns new objects; the inputs are not changed.
 */
export function attachCustomers(orders, customers) {
  // TODO 3: find() walks the customers array from the start for every order: orders x customers
  //   comparisons (50,000 x 20,000 / 2 = 500 million for the real export). Build a Map from id to
  //   customer once, then look each order up.
  return orders.map((order) => ({
    ...order,
    customer: customers.find((customer) => customer.id === order.customerId) ?? null,
  }));
}
