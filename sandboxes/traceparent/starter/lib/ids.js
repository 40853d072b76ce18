// Span and trace ids. Production code uses crypto.randomBytes; here the generator is injected and
// seeded, so every run prints the same ids and a check can predict the next one.
//
//   const ids = seededIds(42);
//   ids.traceId()  -> 32 lowercase hex characters (16 bytes), never all zeros
//   ids.spanId()   -> 16 lowercase hex characters (8 bytes), never all zeros
//   ids.issued     -> every id handed out so far, in order ({ kind: 'trace' | 'span', id })
import { randomBytes } from 'node:crypto';
import { seededRandom } from './random.js';

const ALL_ZERO = /^0+$/;

function makeIds(nextWord) {
  const issued = [];
  function hex(bytes) {
    let id;
    do {
      id = '';
      for (let i = 0; i < bytes / 4; i += 1) id += nextWord().toString(16).padStart(8, '0');
    } while (ALL_ZERO.test(id));
    return id;
  }
  return {
    traceId() {
      const id = hex(16);
      issued.push({ kind: 'trace', id });
      return id;
    },
    spanId() {
      const id = hex(8);
      issued.push({ kind: 'span', id });
      return id;
    },
    issued,
  };
}

/** Deterministic ids from an integer seed. */
export function seededIds(seed = 1) {
  const rand = seededRandom(seed);
  return makeIds(() => Math.floor(rand() * 4294967296) >>> 0);
}

/** Real random ids, as a service would use. */
export function randomIds() {
  return makeIds(() => randomBytes(4).readUInt32BE(0));
}
