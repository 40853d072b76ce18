// The provider: orders-api's GET /orders/{id}, as it is today (v411) and as a set of proposed
// changes ("variants"). Each variant is a real release someone might ship; some break the courier
// app and some do not. Your contract must tell them apart.
//
//   const api = createOrdersApi('eta-renamed');   // or 'current'
//   const res = await api.get('/orders/8812');     // { status, headers, text, json }
//   api.requests                                   // the paths asked for, in order
//   api.branches                                   // which branches of the handler ran (for coverage)
//
// Provider states (the orders every version holds):
//   8812  out for delivery        8813  delivered
//   8814  still at the restaurant 9999  no such order (404)
// Only an order out for delivery has eta_minutes; only one with a courier has courier.
// res.headers has lowercase names; res.json is the parsed body (undefined if it is not JSON).

const TODAY = {
  8812: {
    id: '8812',
    status: 'out_for_delivery',
    eta_minutes: 14,
    courier: { name: 'Sam', phone: '+44 7700 900123' },
    restaurant: 'Pho Bar',
    placed_at: '2026-03-07T18:02:00Z',
    total_cents: 2450,
  },
  8813: {
    id: '8813',
    status: 'delivered',
    courier: { name: 'Alex', phone: '+44 7700 900456' },
    restaurant: 'Dosa Hut',
    placed_at: '2026-03-07T17:20:00Z',
    total_cents: 1890,
  },
  8814: {
    id: '8814',
    status: 'preparing',
    courier: null,
    restaurant: 'Pizza Forno',
    placed_at: '2026-03-07T18:10:00Z',
    total_cents: 3100,
  },
};

const clone = (orders) => structuredClone(orders);
const eachOrder = (fn) => (orders) => {
  for (const order of Object.values(orders)) fn(order);
  return orders;
};
/** Rebuilds an object with its keys in the order given by `order` (unknown keys last). */
const reorder = (object, keys) => Object.fromEntries([...keys.filter((k) => k in object).map((k) => [k, object[k]]), ...Object.entries(object).filter(([k]) => !keys.includes(k))]);

/**
 * Each variant: { name, kind: 'breaking' | 'compatible', title, orders(orders), response?(res) }.
 * `orders` changes the data; `response` changes the HTTP response of one request.
 */
export const VARIANTS = [
  {
    name: 'current',
    kind: 'compatible',
    title: 'orders-api v411, as it runs today',
  },
  {
    name: 'eta-renamed',
    kind: 'breaking',
    title: 'eta_minutes renamed to eta, an ISO 8601 time (the lesson\'s incident)',
    orders: eachOrder((o) => {
      if (!('eta_minutes' in o)) return;
      o.eta = new Date(Date.parse('2026-03-07T18:30:00Z') + o.eta_minutes * 60_000).toISOString();
      delete o.eta_minutes;
    }),
  },
  {
    name: 'eta-as-string',
    kind: 'breaking',
    title: 'eta_minutes sent as a string ("14")',
    orders: eachOrder((o) => {
      if ('eta_minutes' in o) o.eta_minutes = String(o.eta_minutes);
    }),
  },
  {
    name: 'eta-null',
    kind: 'breaking',
    title: 'eta_minutes null for an order out for delivery (until the courier\'s GPS has a fix)',
    orders: eachOrder((o) => {
      if (o.status === 'out_for_delivery') o.eta_minutes = null;
    }),
  },
  {
    name: 'delivered-renamed',
    kind: 'breaking',
    title: 'the status value "delivered" replaced by "completed"',
    orders: eachOrder((o) => {
      if (o.status === 'delivered') o.status = 'completed';
    }),
  },
  {
    name: 'on-the-way',
    kind: 'breaking',
    title: 'the status value "out_for_delivery" replaced by "on_the_way"',
    orders: eachOrder((o) => {
      if (o.status === 'out_for_delivery') o.status = 'on_the_way';
    }),
  },
  {
    name: 'courier-removed',
    kind: 'breaking',
    title: 'the courier object left out while an order is on its way (a privacy review)',
    orders: eachOrder((o) => {
      if (o.status === 'out_for_delivery') delete o.courier;
    }),
  },
  {
    name: 'courier-name-split',
    kind: 'breaking',
    title: 'courier.name split into courier.first_name and courier.last_name',
    orders: eachOrder((o) => {
      if (o.courier) o.courier = { first_name: o.courier.name, last_name: 'Okoro', phone: o.courier.phone };
    }),
  },
  {
    name: 'missing-is-200',
    kind: 'breaking',
    title: 'a missing order answered 200 {"error": "order not found"} instead of 404',
    response: (res) => (res.status === 404 ? { status: 200, headers: { 'content-type': 'application/json' }, body: { error: 'order not found' } } : res),
  },
  {
    name: 'fields-added',
    kind: 'compatible',
    title: 'fields added: eta next to eta_minutes, courier.vehicle, tracking_url',
    orders: eachOrder((o) => {
      if ('eta_minutes' in o) o.eta = '2026-03-07T18:44:00Z';
      if (o.courier) o.courier.vehicle = 'e-bike';
      o.tracking_url = `https://dashwood.example/track/${o.id}`;
    }),
  },
  {
    name: 'keys-reordered',
    kind: 'compatible',
    title: 'the same JSON with its keys in another order, pretty-printed',
    orders: eachOrder((o) => {
      const copy = reorder(o, ['total_cents', 'placed_at', 'restaurant', 'courier', 'eta_minutes', 'status', 'id']);
      if (copy.courier) copy.courier = reorder(copy.courier, ['phone', 'name']);
      for (const k of Object.keys(o)) delete o[k];
      Object.assign(o, copy);
    }),
    response: (res) => ({ ...res, pretty: true }),
  },
  {
    name: 'headers-added',
    kind: 'compatible',
    title: 'headers added, and Content-Type: application/json; charset=utf-8',
    response: (res) => ({
      ...res,
      headers: {
        ...res.headers,
        'content-type': `${res.headers['content-type']}; charset=utf-8`,
        'cache-control': 'no-store',
        'x-request-id': 'req-7f3a91c2',
        etag: '"v411-8812"',
      },
    }),
  },
  {
    name: 'new-status-value',
    kind: 'compatible',
    title: 'a new status value, "ready_for_pickup", for an order still at the restaurant',
    orders: (orders) => {
      orders[8814].status = 'ready_for_pickup';
      return orders;
    },
  },
  {
    name: 'other-values',
    kind: 'compatible',
    title: 'other orders with the same shape: another courier, another ETA, other totals',
    orders: (orders) => {
      Object.assign(orders[8812], { eta_minutes: 9, courier: { name: 'Priya', phone: '+44 7700 900789' }, restaurant: 'Taco Norte', total_cents: 1275, placed_at: '2026-03-08T12:41:00Z' });
      Object.assign(orders[8813], { courier: { name: 'Jonas', phone: '+44 7700 900321' }, restaurant: 'Sushi Go', total_cents: 4200 });
      return orders;
    },
  },
  {
    name: 'problem-reworded',
    kind: 'compatible',
    title: 'the 404 body worded differently, with an instance member',
    response: (res) =>
      res.status === 404
        ? { ...res, body: { type: 'https://dashwood.example/problems/unknown-order', title: 'Unknown order', status: 404, detail: 'There is no order with that number.', instance: res.path } }
        : res,
  },
];

export const BREAKING = VARIANTS.filter((v) => v.kind === 'breaking').map((v) => v.name);
export const COMPATIBLE = VARIANTS.filter((v) => v.kind === 'compatible' && v.name !== 'current').map((v) => v.name);

/** The handler's branches, for the coverage demo. */
export const BRANCHES = ['route matched', 'id is not a number: 400', 'unknown order: 404', 'order found: 200', 'no route: 404'];

/** orders-api in one of its variants (default: as it is today). */
export function createOrdersApi(variantName = 'current') {
  const variant = VARIANTS.find((v) => v.name === variantName);
  if (!variant) throw new Error(`no orders-api variant "${variantName}"; there are: ${VARIANTS.map((v) => v.name).join(', ')}`);
  const orders = variant.orders ? variant.orders(clone(TODAY)) : clone(TODAY);
  const requests = [];
  const branches = new Set();

  function handle(path) {
    const match = /^\/orders\/([^/?#]+)$/.exec(path);
    if (!match) {
      branches.add('no route: 404');
      return { status: 404, headers: { 'content-type': 'application/problem+json' }, body: { type: 'about:blank', title: 'Not Found', status: 404 } };
    }
    branches.add('route matched');
    const id = match[1];
    if (!/^\d+$/.test(id)) {
      branches.add('id is not a number: 400');
      return { status: 400, headers: { 'content-type': 'application/problem+json' }, body: { type: 'https://dashwood.example/problems/bad-order-id', title: 'Bad order id', status: 400, detail: 'Order ids are numbers.' } };
    }
    if (!Object.hasOwn(orders, id)) {
      branches.add('unknown order: 404');
      return { status: 404, headers: { 'content-type': 'application/problem+json' }, body: { type: 'https://dashwood.example/problems/order-not-found', title: 'Order not found', status: 404, detail: `No order ${id}.` } };
    }
    branches.add('order found: 200');
    return { status: 200, headers: { 'content-type': 'application/json' }, body: orders[id] };
  }

  return {
    variant: { name: variant.name, kind: variant.kind, title: variant.title },
    /** GET `path`: resolves to { status, headers, text, json }. */
    async get(path) {
      if (typeof path !== 'string' || !path.startsWith('/')) throw new TypeError(`api.get(path) takes a path such as '/orders/8812', got ${JSON.stringify(path)}`);
      requests.push(path);
      let res = { ...handle(path), path };
      if (variant.response) res = variant.response(res);
      const text = JSON.stringify(res.body, null, res.pretty ? 2 : undefined);
      return { status: res.status, headers: { ...res.headers }, text, json: JSON.parse(text) };
    },
    get requests() {
      return [...requests];
    },
    get branches() {
      return [...branches];
    },
  };
}
