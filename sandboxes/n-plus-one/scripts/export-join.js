// The nightly export's in-memory join at growing sizes: how many array elements your
// attachCustomers() reads (counted, so the numbers are the same on every machine), and how long
// it took here. A nested scan grows with orders x customers; a Map with orders + customers.
import { attachCustomers } from '../packing-queue.js';

function countReads(array, counter) {
  return new Proxy(array, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads += 1;
      return Reflect.get(target, key, receiver);
    },
  });
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const col = (v, w) => String(v).padStart(w);
console.log(`${col('orders', 8)}${col('customers', 11)}${col('elements read', 15)}${col('per order', 11)}${col('time', 9)}`);
try {
  for (const [orderCount, customerCount] of [[1000, 500], [2000, 1000], [4000, 2000], [8000, 4000]]) {
    const customers = Array.from({ length: customerCount }, (_, i) => ({ id: i + 1, name: `customer ${i + 1}` }));
    const orders = Array.from({ length: orderCount }, (_, i) => ({ id: i + 1, customerId: 1 + ((i * 7919) % customerCount) }));
    const counter = { reads: 0 };
    const started = performance.now();
    const joined = attachCustomers(countReads(orders, counter), countReads(customers, counter));
    const ms = performance.now() - started;
    const matched = joined.filter((o) => o.customer !== null).length;
    if (matched !== orderCount) console.log(`  (only ${matched} of ${orderCount} orders found their customer)`);
    console.log(`${col(fmt(orderCount), 8)}${col(fmt(customerCount), 11)}${col(fmt(counter.reads), 15)}${col(fmt(counter.reads / orderCount), 11)}${col(`${fmt(ms)} ms`, 9)}`);
  }
  console.log('');
  console.log('Doubling both lists: a nested scan reads 4x as much, a Map 2x.');
  console.log('The real export, 50,000 orders x 20,000 customers: about 500,000,000 comparisons with find, 70,000 steps with a Map.');
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
}
