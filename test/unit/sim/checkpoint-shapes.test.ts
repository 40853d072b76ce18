import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../../src/sim/index';
import { Simulation } from '../../../src/sim/core/simulation';
import { CHECKPOINT_CLASSES } from '../../../src/sim/checkpoint/classes';
import { blankInstance, stopIfReviving } from '../../../src/sim/checkpoint/blank';

// V8's own view of an object's layout: the speed of a restored run depends on it (checkpoint/blank.ts).
setFlagsFromString('--allow-natives-syntax');
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
const fastProperties = new Function('a', 'return %HasFastProperties(a)') as (a: object) => boolean;
const boxedElements = new Function('a', 'return %HasObjectElements(a)') as (a: unknown[]) => boolean;

const CLASSES = { ...CHECKPOINT_CLASSES, Simulation };

/**
 * Walks a straight run's state and a restored run's side by side (the same shape, by construction)
 * and calls `visit` on each pair of objects, once per object.
 */
function pairs(a: unknown, b: unknown, visit: (a: object, b: object, path: string) => void): void {
  const seen = new Set<object>();
  const walk = (x: unknown, y: unknown, path: string) => {
    if (x === null || typeof x !== 'object' || y === null || typeof y !== 'object') return;
    if (seen.has(x) || ArrayBuffer.isView(x)) return;
    seen.add(x);
    visit(x, y, path);
    if (Array.isArray(x)) {
      x.forEach((v, i) => walk(v, (y as unknown[])[i], `${path}[${i}]`));
    } else if (x instanceof Map) {
      const ys = [...(y as Map<unknown, unknown>).values()];
      [...x.values()].forEach((v, i) => walk(v, ys[i], `${path}.get(${i})`));
    } else if (!(x instanceof Set)) {
      for (const k of Object.keys(x)) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
    }
  };
  walk(a, b, 'sim');
}

describe('restored objects are laid out like a straight run\'s', () => {
  it('every checkpoint class builds an empty instance through its own constructor', () => {
    for (const [name, cls] of Object.entries(CLASSES)) {
      const blank = blankInstance(cls);
      expect(Object.getPrototypeOf(blank), name).toBe(cls.prototype);
    }
  });

  it('a class whose constructor does not stop for a restore is named, not half-built silently', () => {
    let built = 0;
    class Forgetful {
      readonly n: number;
      constructor() {
        built++;
        this.n = 1;
      }
    }
    class Careful {
      readonly n: number;
      constructor() {
        stopIfReviving(this, new.target);
        built++;
        this.n = 1;
      }
    }
    expect(() => blankInstance(Forgetful)).toThrow(/constructor of Forgetful ran whole; make stopIfReviving\(this, new.target\) its first statement/);
    built = 0;
    expect(Object.keys(blankInstance(Careful))).toEqual(['n']);
    expect(built).toBe(0);
    // Outside a restore the guard does nothing.
    expect(new Careful().n).toBe(1);
    expect(built).toBe(1);
  });

  it('class instances share hidden classes with a straight run, keep fast properties, and numbers stay unboxed', () => {
    const scenario = { ...getScenario('bad-deploy'), durationSeconds: 900 };
    const actions = [
      { at: 200, action: { type: 'scale' as const, replicas: 6 } },
      { at: 500, action: { type: 'rollback' as const } },
    ];
    const straight = new Simulation(scenario, { seed: 7, actions });
    straight.runUntil(300);
    const restored = Simulation.restore(structuredClone(straight.checkpoint()));
    const names = new Map<object, string>(Object.entries(CLASSES).map(([name, cls]): [object, string] => [cls.prototype, name]));
    const checked = new Set<string>();
    const wrong: string[] = [];
    pairs(straight, restored, (a, b, path) => {
      const cls = names.get(Object.getPrototypeOf(a) as object);
      if (cls !== undefined) {
        checked.add(cls);
        if (!sameMap(a, b)) wrong.push(`${path} (${cls}): another hidden class`);
        if (!fastProperties(b)) wrong.push(`${path} (${cls}): dictionary-mode properties`);
      }
      if (Array.isArray(a) && a.length > 0 && a.every((v) => typeof v === 'number') && boxedElements(b as unknown[])) {
        wrong.push(`${path}: numbers stored boxed`);
      }
    });
    expect(wrong).toEqual([]);
    // The walk met the hot classes (not an empty pass).
    for (const cls of ['Simulation', 'DataPlane', 'Instance', 'IntQueue', 'Prng', 'Scheduler', 'EventHeap', 'TrafficSource']) expect(checked).toContain(cls);

    // Both runs go on to the end alike, the restored one with instances its own actions create.
    straight.runUntil(900);
    restored.runUntil(900);
    expect(JSON.stringify(restored.summary())).toBe(JSON.stringify(straight.summary()));
    const fresh = restored.dp.instances.at(-1)!;
    expect(sameMap(fresh, straight.dp.instances.at(-1)!)).toBe(true);
  });
});
