// The edge of the checkout: turns an untrusted request body into an order the rest of the code can
// trust, or into the list of everything that is wrong with it. Nothing here has side effects.
//
// An order:
//   items     1 to 20 of { sku, quantity }: sku is in the catalogue, quantity a whole number 1 to 99
//   email     an email address, at most 254 characters (stored in lower case)
//   address   { country: "GB" | "DE" | "US", postcode: valid for that country } (GB stored upper case)
//   giftNote  optional, a string of at most 200 characters
// Unknown fields, at any level, are errors: a misspelt optional field ("gift_note") would otherwise
// be dropped without a word, and refusing them now leaves every name free for a later version.
import { CATALOGUE, POSTCODE_RULES } from './lib/world.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const SKU = /^[A-Z0-9-]{4,20}$/;
const FIELDS = { order: ['items', 'email', 'address', 'giftNote'], item: ['sku', 'quantity'], address: ['country', 'postcode'] };

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const pointer = (...path) => `#/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

/** { value } when the body is a valid order, else { errors: [{ pointer, detail }] } with every problem found. */
export function parseOrder(body) {
  if (!isObject(body)) return { errors: [{ pointer: '#', detail: 'must be a JSON object' }] };
  const errors = [];
  const fail = (at, detail) => errors.push({ pointer: at, detail });
  const unknown = (object, allowed, ...path) => {
    for (const key of Object.keys(object)) if (!allowed.includes(key)) fail(pointer(...path, key), `is not a field of ${path.length ? 'this object' : 'an order'}`);
  };

  unknown(body, FIELDS.order);

  const { items, email, address, giftNote } = body;
  if (items === undefined) fail('#/items', 'is required');
  else if (!Array.isArray(items)) fail('#/items', 'must be an array of { sku, quantity }');
  else if (items.length < 1 || items.length > 20) fail('#/items', `must hold 1 to 20 items, not ${items.length}`);
  else {
    items.forEach((item, i) => {
      if (!isObject(item)) return fail(pointer('items', i), 'must be an object { sku, quantity }');
      unknown(item, FIELDS.item, 'items', i);
      if (item.sku === undefined) fail(pointer('items', i, 'sku'), 'is required');
      else if (typeof item.sku !== 'string' || !SKU.test(item.sku)) fail(pointer('items', i, 'sku'), 'must be 4 to 20 capital letters, digits or dashes');
      else if (!(item.sku in CATALOGUE)) fail(pointer('items', i, 'sku'), `is not in the catalogue`);
      if (item.quantity === undefined) fail(pointer('items', i, 'quantity'), 'is required');
      else if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > 99) fail(pointer('items', i, 'quantity'), 'must be a whole number from 1 to 99');
    });
  }

  if (email === undefined) fail('#/email', 'is required');
  else if (typeof email !== 'string' || email.length > 254 || !EMAIL.test(email)) fail('#/email', 'must be an email address of at most 254 characters');

  if (address === undefined) fail('#/address', 'is required');
  else if (!isObject(address)) fail('#/address', 'must be an object { country, postcode }');
  else {
    unknown(address, FIELDS.address, 'address');
    const rule = POSTCODE_RULES[address.country];
    if (address.country === undefined) fail('#/address/country', 'is required');
    else if (!rule) fail('#/address/country', `must be one of ${Object.keys(POSTCODE_RULES).join(', ')}`);
    if (address.postcode === undefined) fail('#/address/postcode', 'is required');
    else if (typeof address.postcode !== 'string') fail('#/address/postcode', 'must be a string');
    else if (rule && !rule.test(address.postcode.toUpperCase())) fail('#/address/postcode', `is not a valid postcode for ${address.country}`);
  }

  if (giftNote !== undefined && (typeof giftNote !== 'string' || giftNote.length > 200)) fail('#/giftNote', 'must be a string of at most 200 characters');

  if (errors.length > 0) return { errors };
  // Only what we asked for, normalised: the rest of the code never sees the raw body again.
  return {
    value: {
      items: items.map(({ sku, quantity }) => ({ sku, quantity })),
      email: email.toLowerCase(),
      address: { country: address.country, postcode: address.postcode.toUpperCase() },
      ...(giftNote === undefined ? {} : { giftNote }),
    },
  };
}
