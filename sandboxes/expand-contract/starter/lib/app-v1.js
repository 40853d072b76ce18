// The version of Parcelpoint's API that is in production today (v1). It knows the column as `addr`.
// It stays exactly like this until your plan retires it: old code does not change during a rollout.
//
// Every app version has the same four operations, which the checks and demos call as traffic:
//   create({ orderId, address }) -> id
//   get(id)                      -> { id, orderId, address } or null
//   updateAddress(id, address)
//   findByAddress(address)       -> [ids], ascending (the support tool's search; uses an index)

export function createAppV1(db) {
  return {
    async create({ orderId, address }) {
      const { rows } = await db.query('INSERT INTO shipments (order_id, addr) VALUES ($1, $2) RETURNING id', [orderId, address]);
      return rows[0].id;
    },
    async get(id) {
      const { rows } = await db.query('SELECT id, order_id, addr FROM shipments WHERE id = $1', [id]);
      return rows[0] ? { id: rows[0].id, orderId: rows[0].order_id, address: rows[0].addr } : null;
    },
    async updateAddress(id, address) {
      await db.query('UPDATE shipments SET addr = $2 WHERE id = $1', [id, address]);
    },
    async findByAddress(address) {
      const { rows } = await db.query('SELECT id FROM shipments WHERE addr = $1 ORDER BY id', [address]);
      return rows.map((r) => r.id);
    },
  };
}
