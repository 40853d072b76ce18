// The new version of Parcelpoint's API, the one that knows the column as `delivery_address`.
//
// During the migration several releases of this code run beside each other and beside v1, so it
// takes two settings that each deploy step in migration.js chooses (a team would ship them as
// feature flags):
//   readFrom: 'addr' | 'delivery_address'          the column reads come from
//   writeTo:  ['addr'], ['delivery_address'] or both   the columns every write sets
//
// The operations are the same as v1's (lib/app-v1.js):
//   create({ orderId, address }) -> id
//   get(id)                      -> { id, orderId, address } or null
//   updateAddress(id, address)
//   findByAddress(address)       -> [ids], ascending
//
// `db.query(text, params)` resolves to { rows }. Column names cannot be query parameters: if you
// put one into the SQL text, accept only the two names above.

export function createApp(db, settings) {
  // TODO 2: honour settings.readFrom and settings.writeTo. As written, this is the one-line rename's
  //   code: it reads and writes delivery_address only, whatever the plan says.
  void settings;
  return {
    async create({ orderId, address }) {
      const { rows } = await db.query('INSERT INTO shipments (order_id, delivery_address) VALUES ($1, $2) RETURNING id', [orderId, address]);
      return rows[0].id;
    },
    async get(id) {
      const { rows } = await db.query('SELECT id, order_id, delivery_address FROM shipments WHERE id = $1', [id]);
      return rows[0] ? { id: rows[0].id, orderId: rows[0].order_id, address: rows[0].delivery_address } : null;
    },
    async updateAddress(id, address) {
      await db.query('UPDATE shipments SET delivery_address = $2 WHERE id = $1', [id, address]);
    },
    async findByAddress(address) {
      const { rows } = await db.query('SELECT id FROM shipments WHERE delivery_address = $1 ORDER BY id', [address]);
      return rows.map((r) => r.id);
    },
  };
}
