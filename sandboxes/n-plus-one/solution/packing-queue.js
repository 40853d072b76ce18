// Fernhill's packing queue and the in-memory join of the nightly export, fixed.
//
// packingQueue makes 3 queries whatever the page size: the orders, then their customers and their
// items, each fetched for the whole page with = ANY($1). attachCustomers builds a Map once, so the
// join costs orders + customers steps instead of orders x customers.

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
  if (orders.length === 0) return [];

  const customerIds = [...new Set(orders.map((order) => order.customer_id))];
  const { rows: customers } = await db.query('SELECT id, name FROM customers WHERE id = ANY($1)', [customerIds]);
  const { rows: items } = await db.query(
    'SELECT order_id, sku, quantity FROM order_items WHERE order_id = ANY($1) ORDER BY order_id, id',
    [orders.map((order) => order.id)],
  );

  const customersById = new Map(customers.map((customer) => [customer.id, customer]));
  const itemsByOrder = new Map();
  for (const item of items) {
    if (!itemsByOrder.has(item.order_id)) itemsByOrder.set(item.order_id, []);
    itemsByOrder.get(item.order_id).push({ sku: item.sku, quantity: item.quantity });
  }

  return orders.map((order) => {
    const customer = customersById.get(order.customer_id);
    return {
      id: order.id,
      createdAt: order.created_at,
      totalCents: order.total_cents,
      customer: { id: customer.id, name: customer.name },
      items: itemsByOrder.get(order.id) ?? [],
    };
  });
}

/**
 * The nightly export's join: each order ({ id, customerId, ... }) with its customer ({ id, name }),
 * or null when the customer is unknown. Returns new objects; the inputs are not changed.
 */
export function attachCustomers(orders, customers) {
  const customersById = new Map(customers.map((customer) => [customer.id, customer]));
  return orders.map((order) => ({ ...order, customer: customersById.get(order.customerId) ?? null }));
}
