// The consumer: Dashwood's courier app, the part that shows one order. This is the code your
// contract speaks for. Read it to see exactly what it takes from orders-api:
//   - the status code: 404 means "no such order", anything else but 200 is an error;
//   - status: it switches on 'out_for_delivery' and 'delivered' and treats every other value as
//     "still at the restaurant" (so a new value it does not know is harmless);
//   - eta_minutes, a whole number of minutes it adds 5 to, for an order out for delivery;
//   - courier.name, for an order out for delivery or delivered.
// It reads nothing else: not id, not the headers, not the other fields, not the 404's body.

/** The line the courier app shows for order `id`, fetched with api.get(path). */
export async function orderScreen(api, id) {
  const res = await api.get(`/orders/${id}`);
  if (res.status === 404) return `Order ${id} was not found. Check the number on the receipt.`;
  if (res.status !== 200) throw new Error(`orders-api answered ${res.status} for order ${id}`);
  const order = JSON.parse(res.text);
  switch (order.status) {
    case 'out_for_delivery': {
      const eta = order.eta_minutes; // shown as a five-minute window
      return `Order ${id}: ${order.courier.name} is on the way, arriving in ${eta} to ${eta + 5} min`;
    }
    case 'delivered':
      return `Order ${id}: delivered by ${order.courier.name}`;
    default:
      return `Order ${id}: the restaurant is preparing it`;
  }
}

/**
 * Whether the app works against a provider: the screen for each known order, and whether it is a
 * screen a courier can use (no crash, no "undefined", "null" or "NaN", the right kind of line).
 */
export async function appWorks(api) {
  const window = (line) => {
    const [, from, to] = / arriving in (\d+) to (\d+) min$/.exec(line) ?? [];
    return from !== undefined && Number(to) === Number(from) + 5;
  };
  const expected = {
    8812: (line) => /^Order 8812: (?!undefined |null )\S+ is on the way, /.test(line) && window(line),
    8813: (line) => /^Order 8813: delivered by (?!undefined$|null$)\S+$/.test(line),
    8814: (line) => line === 'Order 8814: the restaurant is preparing it',
    9999: (line) => /^Order 9999 was not found\./.test(line),
  };
  const screens = [];
  let works = true;
  for (const [id, shape] of Object.entries(expected)) {
    try {
      const line = await orderScreen(api, id);
      const ok = shape(line);
      works &&= ok;
      screens.push({ id, line, ok });
    } catch (err) {
      works = false;
      screens.push({ id, line: `crashed: ${err.name}: ${err.message}`, ok: false });
    }
  }
  return { works, screens };
}
