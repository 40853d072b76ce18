// The services the checks and demos play requests through (see mesh.js for the step format).
import { randomInt } from './random.js';

/**
 * The lesson's slow Tillbox checkout (the worked example): 900 ms end to end. Each service call
 * becomes a client span in the caller and a server span in the callee, with no network time.
 */
export function checkoutServices() {
  return {
    gateway: {
      op: 'POST /checkout',
      steps: [
        { work: 10 },
        { call: 'auth' },
        { parallel: [{ call: 'cart' }, { call: 'profile' }] },
        { work: 5 },
        { call: 'pricing' },
        { work: 5 },
        { span: 'render summary', ms: 80 },
        { work: 10 },
      ],
    },
    auth: { op: 'auth.verify', steps: [{ work: 30, name: 'auth work' }] },
    cart: {
      op: 'GET /cart',
      steps: [
        { work: 10 },
        { span: 'SELECT cart_items', ms: 60 },
        { work: 5 },
        { span: 'redis MGET prices', ms: 65 },
        { work: 10 },
      ],
    },
    profile: { op: 'GET /profile', steps: [{ work: 80, name: 'profile work' }] },
    pricing: {
      op: 'POST /quote',
      steps: [
        { work: 15 },
        { span: 'fx.getRate attempt 1 (timeout)', ms: 500 },
        { work: 2 },
        { span: 'fx.getRate attempt 2', ms: 40 },
        { work: 3 },
        { span: 'compute quote', ms: 45 },
        { work: 5 },
      ],
    },
  };
}

/** The lesson's propagation diagram: gateway -> pricing -> fx-rates, three services in a row. */
export function threeServices() {
  return {
    gateway: { op: 'POST /checkout', steps: [{ work: 5 }, { call: 'pricing' }, { work: 5 }] },
    pricing: { op: 'POST /quote', steps: [{ work: 10 }, { call: 'fx-rates' }, { span: 'compute quote', ms: 20 }] },
    'fx-rates': { op: 'GET /rates/EUR', steps: [{ work: 40 }] },
  };
}

/**
 * Random services s0 .. s(n-1) from a seeded generator: s0 is the entry, and a service only calls
 * services with a higher number, so there are no cycles. Every span step has a unique name, so a
 * check can change its length and play the request again.
 */
export function randomServices(rand, { count = 5 } = {}) {
  const services = {};
  let spans = 0;
  for (let i = count - 1; i >= 0; i -= 1) {
    const callable = Array.from({ length: count - 1 - i }, (_, k) => `s${i + 1 + k}`);
    const leaf = () => {
      if (callable.length > 0 && rand() < 0.35) return { call: callable[randomInt(rand, 0, callable.length - 1)] };
      spans += 1;
      return { span: `s${i}.op${spans}`, ms: randomInt(rand, 1, 200) };
    };
    const steps = [];
    const length = randomInt(rand, 1, 5);
    for (let k = 0; k < length; k += 1) {
      const r = rand();
      if (r < 0.3) steps.push({ work: randomInt(rand, 1, 40) });
      else if (r < 0.7) steps.push(leaf());
      else steps.push({ parallel: Array.from({ length: randomInt(rand, 2, 3) }, leaf) });
    }
    services[`s${i}`] = { op: `op s${i}`, steps };
  }
  return services;
}
