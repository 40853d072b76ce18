// Northbank's client for /v2/shipments: a tolerant reader. It reads the fields it uses, by name,
// ignores the rest, maps a status it does not know to 'unknown', and still rejects a shipment
// that is malformed. One bad item is skipped and noted; it never fails the page.

/** The v2 statuses this client knows about. The list may grow on the server's side. */
export const KNOWN_STATUSES = ['created', 'in_transit', 'out_for_delivery', 'delivered', 'returned', 'held_at_depot'];

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * One v2 shipment (parsed JSON) -> { id, status, weightGrams, city, trackingUrl }.
 * city and trackingUrl are optional in v2: null when absent.
 * Throws an Error for a malformed shipment.
 */
export function readShipment(json) {
  if (!isObject(json)) throw new Error('a shipment must be a JSON object');
  const { id, status, weight_grams: weightGrams, recipient, tracking_url: trackingUrl } = json;
  if (typeof id !== 'string' || id === '') throw new Error(`id must be a non-empty string, got ${JSON.stringify(id)}`);
  if (typeof status !== 'string') throw new Error(`${id}: status must be a string, got ${JSON.stringify(status)}`);
  if (typeof weightGrams !== 'number' || !Number.isFinite(weightGrams)) {
    throw new Error(`${id}: weight_grams must be a number, got ${JSON.stringify(weightGrams)}`);
  }
  return {
    id,
    status: KNOWN_STATUSES.includes(status) ? status : 'unknown',
    weightGrams,
    city: isObject(recipient) && typeof recipient.city === 'string' ? recipient.city : null,
    trackingUrl: typeof trackingUrl === 'string' ? trackingUrl : null,
  };
}

/**
 * A page from GET /v2/shipments ({ data: [...] }) -> { shipments, skipped }.
 * `skipped` lists the items that could not be read: [{ index, id, reason }].
 */
export function readPage(page) {
  if (!isObject(page) || !Array.isArray(page.data)) throw new Error('a page must be an object with a "data" array');
  const shipments = [];
  const skipped = [];
  page.data.forEach((item, index) => {
    try {
      shipments.push(readShipment(item));
    } catch (err) {
      skipped.push({ index, id: isObject(item) && typeof item.id === 'string' ? item.id : null, reason: err.message });
    }
  });
  return { shipments, skipped };
}
