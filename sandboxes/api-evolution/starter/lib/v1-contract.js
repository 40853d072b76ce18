// What v1 promised when it shipped: the documented example response and the list of statuses.
// Every v1 client in the wild was written against this. It is the contract your server must keep.

/** The five statuses v1 documented. The documentation never said the list could grow. */
export const V1_STATUSES = ['created', 'in_transit', 'out_for_delivery', 'delivered', 'returned'];

/**
 * GET /v1/shipments/shp_1001 as documented at launch. `weight` is in kilograms (a number),
 * `created_at` an ISO 8601 string. GET /v1/shipments answers { "data": [ ...these... ] }.
 */
export const V1_EXAMPLE = Object.freeze({
  id: 'shp_1001',
  status: 'in_transit',
  weight: 1.25,
  customer_name: 'Ada Okafor',
  city: 'Leeds',
  created_at: '2026-02-23T09:15:00.000Z',
});
