import { isActor, PersistedActor } from './actors';
import { blankInstance } from './blank';

/** The classes a checkpoint may hold, by a stable name (class names do not survive minification). */
export type ClassTable = Readonly<Record<string, { prototype: object }>>;

/** A class instance in a captured graph: its class's name in the table and its own fields. */
interface CapturedObject {
  $class: string;
  fields: Record<string, unknown>;
}

interface CapturedActor {
  $actor: string;
  snapshot: unknown;
}

/**
 * A typed array without its trailing run of one value (zeros, NaN): rings and tables are allocated
 * for the longest window or the busiest moment (the SLO keeps three days of seconds) and a run has
 * used only their start.
 */
interface CapturedTyped {
  $typed: TypedName;
  length: number;
  head: TypedArray;
  fill: number;
}

const TYPED = { Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray };
type TypedName = keyof typeof TYPED;
type TypedArray = InstanceType<(typeof TYPED)[TypedName]>;

function trimTyped(x: TypedArray): CapturedTyped {
  const name = x.constructor.name as TypedName;
  if (TYPED[name] !== x.constructor) throw new Error(`checkpoint: unsupported typed array ${name}`);
  let end = x.length;
  const fill = end > 0 ? x[end - 1]! : 0;
  // Object.is: NaN matches NaN, and -0 is not 0.
  while (end > 0 && Object.is(x[end - 1], fill)) end--;
  return { $typed: name, length: x.length, head: x.slice(0, end), fill };
}

function untrimTyped(c: CapturedTyped): TypedArray {
  const out = new TYPED[c.$typed](c.length);
  if (c.fill !== 0 && c.head.length < c.length) out.fill(c.fill);
  (out as Float64Array).set(c.head as unknown as ArrayLike<number>);
  return out;
}

/**
 * Copies the object graph under `root` into plain, structured-cloneable data: class instances become
 * `{ $class, fields }`, xstate actors their persisted snapshots, typed arrays, Maps and Sets copies;
 * shared references and cycles stay shared. It is generic on purpose: a field added later is in the
 * checkpoint without anyone listing it. What cannot be copied fails loudly with its path: a function
 * (unless `omit` names it: a callback the restore builds again), a class not in `classes`, a view on
 * part of a buffer.
 */
export function capture(root: object, classes: ClassTable, omit: ReadonlySet<object>): unknown {
  const names = new Map<object, string>();
  for (const [name, cls] of Object.entries(classes)) names.set(cls.prototype, name);
  const memo = new Map<object, unknown>();
  const path: string[] = [];
  const fail = (what: string): never => {
    throw new Error(`checkpoint: ${what} at ${path.join('') || '(root)'}`);
  };

  const copyFields = (x: object, out: Record<string, unknown>) => {
    for (const key of Object.keys(x)) {
      path.push(`.${key}`);
      const v = walk((x as Record<string, unknown>)[key]);
      path.pop();
      if (v !== OMITTED) out[key] = v;
    }
  };

  const walk = (x: unknown): unknown => {
    if (x === null || (typeof x !== 'object' && typeof x !== 'function')) return x;
    const obj = x as object;
    if (omit.has(obj)) return OMITTED;
    if (typeof x === 'function') return fail('a function (a closure holds state a checkpoint cannot see: make it plain data or a TimerTask)');
    const seen = memo.get(obj);
    if (seen !== undefined) return seen;
    if (ArrayBuffer.isView(obj)) {
      if (obj instanceof DataView) return fail('a DataView');
      if (obj.byteOffset !== 0 || obj.byteLength !== obj.buffer.byteLength) fail('a typed array that views part of a buffer');
      const copy = trimTyped(obj as TypedArray);
      memo.set(obj, copy);
      return copy;
    }
    if (Array.isArray(obj)) {
      const out: unknown[] = new Array(obj.length);
      memo.set(obj, out);
      for (let i = 0; i < obj.length; i++) {
        path.push(`[${i}]`);
        out[i] = walk(obj[i]);
        path.pop();
        if (out[i] === OMITTED) out[i] = undefined;
      }
      return out;
    }
    if (obj instanceof Map) {
      const out = new Map();
      memo.set(obj, out);
      for (const [k, v] of obj) {
        path.push(`.get(${String(k)})`);
        out.set(walk(k), walk(v));
        path.pop();
      }
      return out;
    }
    if (obj instanceof Set) {
      const out = new Set();
      memo.set(obj, out);
      for (const v of obj) out.add(walk(v));
      return out;
    }
    if (isActor(obj)) {
      const out: CapturedActor = { $actor: obj.id, snapshot: undefined };
      memo.set(obj, out);
      path.push(`<actor ${obj.id}>`);
      out.snapshot = walk(obj.getPersistedSnapshot());
      path.pop();
      return out;
    }
    const proto = Object.getPrototypeOf(obj) as object | null;
    if (proto === Object.prototype || proto === null) {
      if ('$class' in obj || '$actor' in obj || '$typed' in obj) fail('a plain object with a reserved key ($class, $actor or $typed)');
      const out: Record<string, unknown> = {};
      memo.set(obj, out);
      copyFields(obj, out);
      return out;
    }
    const name = names.get(proto);
    if (name === undefined) {
      return fail(`an instance of ${(proto as { constructor?: { name?: string } }).constructor?.name ?? 'an unknown class'} that is not in the checkpoint's class table (checkpoint/classes.ts)`);
    }
    const out: CapturedObject = { $class: name, fields: {} };
    memo.set(obj, out);
    copyFields(obj, out.fields);
    return out;
  };

  const out = walk(root);
  if (out === OMITTED) throw new Error('checkpoint: the root is omitted');
  return out;
}

const OMITTED = Symbol('omitted');

/**
 * Builds live objects back from `capture`'s output (or its structured clone): class instances get
 * their prototype back (their constructors do not run), actors become `PersistedActor`s for the owner
 * to restart. Everything is copied, so one checkpoint can be restored many times.
 */
export function revive(data: unknown, classes: ClassTable): { root: unknown; actors: PersistedActor[] } {
  const memo = new Map<object, unknown>();
  const actors: PersistedActor[] = [];
  const walk = (x: unknown): unknown => {
    if (x === null || typeof x !== 'object') return x;
    const seen = memo.get(x);
    if (seen !== undefined) return seen;
    if ('$typed' in x) {
      const copy = untrimTyped(x as CapturedTyped);
      memo.set(x, copy);
      return copy;
    }
    if (Array.isArray(x)) {
      const out = newArrayFor(x);
      memo.set(x, out);
      for (let i = 0; i < x.length; i++) out.push(walk(x[i]));
      return out;
    }
    if (x instanceof Map) {
      const out = new Map();
      memo.set(x, out);
      for (const [k, v] of x) out.set(walk(k), walk(v));
      return out;
    }
    if (x instanceof Set) {
      const out = new Set();
      memo.set(x, out);
      for (const v of x) out.add(walk(v));
      return out;
    }
    if ('$actor' in x) {
      const a = x as CapturedActor;
      const out = new PersistedActor(a.$actor, undefined as never);
      memo.set(x, out);
      (out as { snapshot: unknown }).snapshot = walk(a.snapshot);
      actors.push(out);
      return out;
    }
    if ('$class' in x) {
      const c = x as CapturedObject;
      const cls = classes[c.$class];
      if (!cls) throw new Error(`restore: the checkpoint holds a "${c.$class}" that this build does not know; was it made by another version?`);
      const out = blankInstance(cls);
      memo.set(x, out);
      for (const key of Object.keys(c.fields)) {
        const v = walk(c.fields[key]);
        // A field the constructor laid out is written in place (its map stays the straight run's).
        if (Object.hasOwn(out, key)) out[key] = v;
        else define(out, key, v);
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    memo.set(x, out);
    for (const key of Object.keys(x)) define(out, key, walk((x as Record<string, unknown>)[key]));
    return out;
  };
  return { root: walk(data), actors };
}

/**
 * Sets a revived object's field as a named property. `out[key] = v` with a computed key is a keyed
 * store, and V8 turns an object that gains more than a dozen properties that way into a hash table
 * ("dictionary mode"): a restored run then read its state through hash lookups and ran about three
 * times slower than a straight one. A data property defined this way keeps the object's fields in
 * fast slots, with one hidden class shared by every revived object of a class.
 */
function define(out: object, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Whether V8 can hold `v` as a small integer (31 bits with pointer compression; -0 is a double). */
function isSmall(v: unknown): boolean {
  return typeof v === 'number' && (v | 0) === v && v >= -0x40000000 && v < 0x40000000 && !Object.is(v, -0);
}

/**
 * An empty array for the revived copy of `x`, from an array literal that only ever receives one kind
 * of element. V8 remembers, per literal, the most general elements a fresh array from it came to hold
 * and starts later arrays there: one shared `[]` that once received objects would make every revived
 * array of numbers an array of boxed numbers (the scheduler's due times, the heaps' free slots),
 * and a straight run's arrays of numbers hold them unboxed. Pushed, not preallocated: `new Array(n)`
 * is holey, slower to read than the packed arrays a run builds.
 */
function newArrayFor(x: readonly unknown[]): unknown[] {
  let small = true;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== 'number') return objectArray();
    if (small && !isSmall(v)) small = false;
  }
  return small ? smallIntArray() : doubleArray();
}
function smallIntArray(): unknown[] {
  return [];
}
function doubleArray(): unknown[] {
  return [];
}
function objectArray(): unknown[] {
  return [];
}
