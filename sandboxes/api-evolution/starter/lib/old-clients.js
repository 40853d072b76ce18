// Four v1 clients that shops wrote years ago and nobody will touch again. None of them is wrong:
// each reads what v1's documentation promised. Whatever your server changes, they must keep working.
// Each one returns { ok: true, said } or { ok: false, why }.
import { get } from './client.js';
import { V1_STATUSES } from './v1-contract.js';

/** A label printer: prints the weight in kg and refuses parcels over the courier's 31.5 kg limit. */
async function labelPrinter(port) {
  const res = await get(port, '/v1/shipments/shp_1004');
  if (res.status !== 200) return { ok: false, why: `GET /v1/shipments/shp_1004 answered ${res.status}` };
  const { weight } = res.json ?? {};
  if (typeof weight !== 'number') return { ok: false, why: `weight is ${JSON.stringify(weight)}, not a number of kg` };
  if (weight > 31.5) return { ok: false, why: `label refused: ${weight} kg is over the 31.5 kg courier limit` };
  return { ok: true, said: `label printed for ${weight} kg` };
}

/** Northbank's nightly sync: a client generated from v1's OpenAPI, where status is a closed enum. */
async function nightlySync(port) {
  const res = await get(port, '/v1/shipments');
  if (res.status !== 200) return { ok: false, why: `GET /v1/shipments answered ${res.status}` };
  if (!Array.isArray(res.json?.data)) return { ok: false, why: 'the page has no "data" array' };
  for (const item of res.json.data) {
    if (!V1_STATUSES.includes(item.status)) {
      return { ok: false, why: `page rejected: ${item.id} has status "${item.status}", not one of the 5 in the enum` };
    }
  }
  return { ok: true, said: `synced ${res.json.data.length} shipments` };
}

/** A CRM export: one row per shipment with the customer's name and city. */
async function crmExport(port) {
  const res = await get(port, '/v1/shipments');
  if (res.status !== 200) return { ok: false, why: `GET /v1/shipments answered ${res.status}` };
  const rows = [];
  for (const item of res.json?.data ?? []) {
    if (typeof item.customer_name !== 'string' || typeof item.city !== 'string') {
      return { ok: false, why: `${item.id}: customer_name is ${JSON.stringify(item.customer_name)} and city is ${JSON.stringify(item.city)}` };
    }
    rows.push(`${item.customer_name};${item.city}`);
  }
  return { ok: true, said: `${rows.length} rows exported` };
}

/** Customer emails: "your parcel was booked on <date>", from created_at. */
async function bookingEmail(port) {
  const res = await get(port, '/v1/shipments/shp_1001');
  if (res.status !== 200) return { ok: false, why: `GET /v1/shipments/shp_1001 answered ${res.status}` };
  const created = res.json?.created_at;
  if (typeof created !== 'string' || Number.isNaN(Date.parse(created))) {
    return { ok: false, why: `created_at is ${JSON.stringify(created)}, not a date` };
  }
  return { ok: true, said: `email says booked on ${created.slice(0, 10)}` };
}

export const OLD_CLIENTS = [
  { name: 'label printer', run: labelPrinter },
  { name: 'nightly sync (closed enum)', run: nightlySync },
  { name: 'CRM export', run: crmExport },
  { name: 'booking email', run: bookingEmail },
];

/** Runs every old client against a server on `port`; a client that throws counts as failed. */
export async function runOldClients(port) {
  const results = [];
  for (const client of OLD_CLIENTS) {
    try {
      results.push({ name: client.name, ...(await client.run(port)) });
    } catch (err) {
      results.push({ name: client.name, ok: false, why: `crashed: ${err.message}` });
    }
  }
  return results;
}
