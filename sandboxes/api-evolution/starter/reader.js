// Northbank's new client for /v2/shipments, the side of the contract that the client owns.
//
// v2's documentation says: "new fields may be added to any object at any time, and new status
// values may appear; treat a status you do not know as unknown". This reader was generated the
// old way instead: it rejects fields it does not know, reads the values by position, and throws
// on a status it has not seen, so one new field or one held parcel stops the whole nightly sync.
//
// Your job: a tolerant reader. Read the fields you use, by name. Ignore the rest. Map a status you
// do not know to 'unknown'. Still reject a shipment that is malformed (see TODO 2): tolerance is
// for the extensions the contract allows, not for broken data.

/** The v2 statuses this client knows about. The list may grow on the server's side. */
export const KNOWN_STATUSES = ['created', 'in_transit', 'out_for_delivery', 'delivered', 'returned', 'held_at_depot'];

const FIELDS = ['id', 'status', 'weight_grams', 'recipient', 'created_at', 'tracking_url'];

/**
 * One v2 shipment (parsed JSON) -> { id, status, weightGrams, city, trackingUrl }.
 * city and trackingUrl are optional in v2: null when absent.
 * Throws an Error for a malformed shipment.
 */
export function readShipment(json) {
  // TODO 1: do not reject unknown fields, and do not read by position (JSON objects have no
  //   promised key order): read json.id, json.status, ... by name.
  for (const key of Object.keys(json)) {
    if (!FIELDS.includes(key)) throw new Error(`unexpected field "${key}"`);
  }
  const [id, status, weightGrams, recipient, , trackingUrl] = Object.values(json);

  // TODO 2: a malformed shipment still throws: json is not an object, id is not a non-empty
  //   string, status is not a string, or weight_grams is not a number. Optional fields that are
  //   absent (recipient, recipient.city, tracking_url) become null instead.

  // TODO 3: a status this client does not know becomes 'unknown' instead of an error.
  if (!KNOWN_STATUSES.includes(status)) throw new Error(`unknown status "${status}"`);

  return { id, status, weightGrams, city: recipient.city, trackingUrl };
}

/**
 * A page from GET /v2/shipments ({ data: [...] }) -> { shipments, skipped }.
 * `skipped` lists the items that could not be read: [{ index, id, reason }].
 */
export function readPage(page) {
  // TODO 4: one bad item must not fail the page: skip it, note why, and keep the others in order.
  return { shipments: page.data.map(readShipment), skipped: [] };
}
