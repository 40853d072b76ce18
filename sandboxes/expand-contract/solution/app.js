// The new version of Parcelpoint's API, the one that knows the column as `delivery_address`.
//
// During the migration several releases of this code run beside each other and beside v1, so it
// takes two settings that each deploy step in migration.js chooses (a team would ship them as
// feature flags):
//   readFrom: 'addr' | 'delivery_address'          the column reads come from
//   writeTo:  ['addr'], ['delivery_address'] or both   the columns every write sets

const COLUMNS = new Set(['addr', 'delivery_address']);

function checkColumn(name) {
  if (!COLUMNS.has(name)) throw new Error(`unknown address column ${JSON.stringify(name)}`);
  return name;
}

export function createApp(db, { readFrom, writeTo }) {
  const read = checkColumn(readFrom);
  if (!Array.isArray(writeTo) || writeTo.length === 0) throw new Error('writeTo must list at least one column');
  const write = writeTo.map(checkColumn);

  return {
    async create({ orderId, address }) {
      const names = ['order_id', ...write].join(', ');
      const values = write.map(() => '$2').join(', ');
      const { rows } = await db.query(`INSERT INTO shipments (${names}) VALUES ($1, ${values}) RETURNING id`, [orderId, address]);
      return rows[0].id;
    },
    async get(id) {
      const { rows } = await db.query(`SELECT id, order_id, ${read} AS address FROM shipments WHERE id = $1`, [id]);
      return rows[0] ? { id: rows[0].id, orderId: rows[0].order_id, address: rows[0].address } : null;
    },
    async updateAddress(id, address) {
      const sets = write.map((column) => `${column} = $2`).join(', ');
      await db.query(`UPDATE shipments SET ${sets} WHERE id = $1`, [id, address]);
    },
    async findByAddress(address) {
      const { rows } = await db.query(`SELECT id FROM shipments WHERE ${read} = $1 ORDER BY id`, [address]);
      return rows.map((r) => r.id);
    },
  };
}
