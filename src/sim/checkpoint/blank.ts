/**
 * Empty instances for a restore, made by the class's own constructor.
 *
 * V8 gives the objects `new C()` builds one chain of hidden classes ("maps"), rooted at C's initial
 * map; an object from `Object.create(C.prototype)` given the same fields gets another chain. Code
 * compiled for one meets the other as a "wrong map", deoptimises and comes back polymorphic: a
 * restored run ran 30-60% slower than a straight one (and straight runs in the same thread slowed
 * too). So a restore calls the real constructor, which stops once its field initialisers have laid
 * the fields out in a straight run's order (`stopIfReviving`, the first statement of every
 * checkpoint class's constructor); the checkpoint's values are then written into those fields.
 */
let building: object | null = null;

/** What `stopIfReviving` throws: the instance the constructor was building. */
class Stopped {
  constructor(readonly instance: Record<string, unknown>) {}
}

/**
 * The first statement of a checkpoint class's constructor: while a restore builds an empty instance
 * of this class it stops here (it throws, so that TypeScript still checks the fields a normal
 * construction assigns). Elsewhere it does nothing.
 */
export function stopIfReviving(instance: object, newTarget: object): void {
  if (newTarget !== building) return;
  building = null;
  throw new Stopped(instance as Record<string, unknown>);
}

const hasConstructor = new WeakMap<object, boolean>();

/** An instance of `cls` whose constructor ran only its field initialisers (see above). */
export function blankInstance(cls: { prototype: object }): Record<string, unknown> {
  building = cls;
  let made: Record<string, unknown>;
  try {
    made = new (cls as unknown as new () => Record<string, unknown>)();
  } catch (e) {
    if (e instanceof Stopped) return e.instance;
    throw e;
  } finally {
    building = null;
  }
  // A class without a constructor of its own has only field initialisers: nothing else to skip.
  let own = hasConstructor.get(cls);
  if (own === undefined) hasConstructor.set(cls, (own = /\bconstructor\s*\(/.test(Function.prototype.toString.call(cls))));
  if (own) {
    const name = (cls as { name?: string }).name ?? 'a checkpoint class';
    throw new Error(`restore: the constructor of ${name} ran whole; make stopIfReviving(this, new.target) its first statement (checkpoint/blank.ts)`);
  }
  return made;
}
