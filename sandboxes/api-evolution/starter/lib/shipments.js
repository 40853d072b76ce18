// Parcelwise's shipments as the service stores them today (the internal model, not any API's
// JSON). Weights are kept in grams; `held_at_depot` is the status added on that Tuesday.

/** The statuses the service can store now. */
export const STATUSES = ['created', 'in_transit', 'out_for_delivery', 'delivered', 'returned', 'held_at_depot'];

/** A fresh copy of the sample data, so one check cannot change another's. */
export function sampleShipments() {
  return [
    {
      id: 'shp_1001',
      status: 'in_transit',
      weightGrams: 1250,
      recipient: { name: 'Ada Okafor', city: 'Leeds' },
      createdAt: '2026-02-23T09:15:00.000Z',
      trackingUrl: 'https://track.parcelwise.example/shp_1001',
    },
    {
      id: 'shp_1002',
      status: 'held_at_depot',
      weightGrams: 3400,
      recipient: { name: 'Bruno Lima', city: 'Bristol' },
      createdAt: '2026-02-24T14:02:00.000Z',
      trackingUrl: 'https://track.parcelwise.example/shp_1002',
    },
    {
      id: 'shp_1003',
      status: 'delivered',
      weightGrams: 400,
      recipient: { name: 'Chen Wei', city: 'York' },
      createdAt: '2026-02-20T11:40:00.000Z',
      trackingUrl: 'https://track.parcelwise.example/shp_1003',
    },
    {
      id: 'shp_1004',
      status: 'out_for_delivery',
      weightGrams: 15000,
      recipient: { name: 'Dana Novak', city: 'Leeds' },
      createdAt: '2026-02-25T07:30:00.000Z',
      trackingUrl: 'https://track.parcelwise.example/shp_1004',
    },
    {
      id: 'shp_1005',
      status: 'created',
      weightGrams: 2750,
      recipient: { name: 'Emeka Obi', city: 'Hull' },
      createdAt: '2026-02-26T16:55:00.000Z',
      trackingUrl: 'https://track.parcelwise.example/shp_1005',
    },
  ];
}
