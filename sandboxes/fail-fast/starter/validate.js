// The edge of the checkout: turns an untrusted request body into an order the rest of the code can
// trust, or into the list of everything that is wrong with it. Nothing here may have side effects.
//
// An order:
//   items     1 to 20 of { sku, quantity }: sku is in the catalogue (CATALOGUE), quantity a whole
//             number from 1 to 99
//   email     an email address, at most 254 characters (keep it in lower case)
//   address   { country: "GB" | "DE" | "US", postcode: valid for that country (POSTCODE_RULES) }
//             (keep a GB postcode in upper case: "sw1a 1aa" is "SW1A 1AA")
//   giftNote  optional, a string of at most 200 characters
// Unknown fields, at any level, are errors too ("gift_note" is not "giftNote"): the lesson explains why.
//
// Each error is { pointer, detail }: pointer is a JSON Pointer into the body in URI fragment form
// (RFC 6901), such as "#/email" or "#/items/1/quantity"; detail says what is wrong, for a person.
// Use "#" for the body as a whole.
import { CATALOGUE, POSTCODE_RULES } from './lib/world.js';

/**
 * { value } when the body is a valid order, else { errors: [{ pointer, detail }] } with EVERY problem.
 * TODO 5: check every field listed above: missing fields, wrong types (a quantity of "2" is a
 *   string, not a number: report it, do not convert it), values out of range, and fields that are
 *   not part of an order. Collect all the errors before returning, never stop at the first.
 * TODO 6: for a valid order, return a new object with only the fields above, normalised, so the
 *   side effects never see the raw body.
 */
export function parseOrder(body) {
  // Kestrel's first attempt: it stops at the first problem, and lets everything else through.
  if (!Array.isArray(body?.items)) return { errors: [{ pointer: '#/items', detail: 'must be an array' }] };
  return { value: body };
}
