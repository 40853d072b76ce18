/** The forms stay true to the simulator: every action and fault has one, with the schema's defaults. */
import { describe, expect, it } from 'vitest';
import { ACTION_FORMS } from '../../../src/console/action-forms';
import { faultAction, FAULT_FORMS } from '../../../src/console/fault-forms';
import { available, buildFromForm, initialValues, type FormSpec } from '../../../src/console/form-spec';
import { ConsoleRun } from '../../../src/console/run';
import { freePlayScenario } from '../../../src/console/presets';
import { parseConsoleAction } from '../../../src/console/protocol';
import { actionSchema, FAULT_TYPES, faultSchema } from '../../../src/sim/index';

const { run } = ConsoleRun.load({ source: { kind: 'custom', scenario: freePlayScenario('shop', 'normal') }, seed: 1, warmupSeconds: 30 });
const player = run.player;
const instances = ['api-1', 'api-2'];

/** The schema's own value for each field when only the required ones are given. */
function schemaDefaults(spec: FormSpec, parse: (x: unknown) => Record<string, unknown>): Record<string, unknown> {
  const required: Record<string, unknown> = { type: spec.type };
  if (spec.type === 'deploy') required.version = 'v2';
  if (spec.type === 'scale') required.replicas = 4;
  if (spec.type === 'restart-instance') required.instance = 'api-1';
  if (spec.type === 'set-flag') required.flag = 'new-recommendations';
  if (spec.type === 'dependency-outage' || spec.type === 'dependency-latency' || spec.type === 'force-breaker') required.dependency = 'payments';
  if (spec.type === 'flag-change') required.flag = 'new-recommendations';
  if (spec.type === 'silence-alert') required.alert = 'availability-fast-burn';
  if (spec.type === 'route-reads') required.to = 'primary';
  return parse(required);
}

describe('action forms', () => {
  it('cover every action of src/sim/actions, each with one button name', () => {
    const types = actionSchema.options.map((o) => o.shape.type.value);
    expect(ACTION_FORMS.map((f) => f.type).sort()).toEqual([...types].sort());
    expect(new Set(ACTION_FORMS.map((f) => f.button)).size).toBe(ACTION_FORMS.length);
    expect(ACTION_FORMS.find((f) => f.type === 'deploy')!.button).toBe('Deploy');
    expect(ACTION_FORMS.find((f) => f.type === 'rollback')!.button).toBe('Rollback');
  });

  it.each(ACTION_FORMS.map((f) => [f.type, f] as const))('%s: the initial values build a valid action with the schema defaults', (_, spec) => {
    const built = buildFromForm(spec, initialValues(spec, player, instances));
    const parsed = parseConsoleAction(built) as Record<string, unknown>;
    const defaults = schemaDefaults(spec, (x) => actionSchema.parse(x) as Record<string, unknown>);
    for (const f of spec.fields) if ('default' in f && f.default !== undefined) expect(parsed[f.name], f.name).toEqual(defaults[f.name]);
  });

  it('asks for confirmation only for what cannot be undone', () => {
    expect(ACTION_FORMS.filter((f) => f.irreversible).map((f) => f.type)).toEqual(['restart-instance', 'failover-db', 'flush-cache', 'enable-outbox']);
  });

  it('leaves empty optional fields to the simulator, passes unreadable numbers on for the schema to name', () => {
    const flag = ACTION_FORMS.find((f) => f.type === 'set-flag')!;
    expect(buildFromForm(flag, { flag: 'new-recommendations', percentage: '', killed: 'yes' })).toEqual({ type: 'set-flag', flag: 'new-recommendations', killed: true });
    const scale = ACTION_FORMS.find((f) => f.type === 'scale')!;
    expect(() => parseConsoleAction(buildFromForm(scale, { replicas: 'lots' }))).toThrow(/replicas/);
    const deploy = ACTION_FORMS.find((f) => f.type === 'deploy')!;
    expect(buildFromForm(deploy, { ...initialValues(deploy, player, instances), steps: '5, 50 100' }).steps).toEqual([5, 50, 100]);
    expect(initialValues(deploy, player, instances).version).toBe('v2');
  });
});

describe('fault forms', () => {
  it('cover all 24 fault types', () => {
    expect(FAULT_FORMS.map((f) => f.type).sort()).toEqual([...FAULT_TYPES].sort());
    expect(FAULT_TYPES).toHaveLength(24);
  });

  it.each(FAULT_FORMS.map((f) => [f.type, f] as const))('%s: the initial values build a valid injection with the schema defaults', (_, spec) => {
    const action = parseConsoleAction(faultAction(spec, initialValues(spec, player, instances)));
    expect(action.type).toBe('inject-fault');
    const fault = (action as { fault: Record<string, unknown> }).fault;
    const defaults = schemaDefaults(spec, (x) => faultSchema.parse({ ...(x as object), at: 0 }) as Record<string, unknown>);
    for (const f of spec.fields) if ('default' in f && f.default !== undefined) expect(fault[f.name], f.name).toEqual(defaults[f.name]);
  });

  it('offers only the faults the system can have', () => {
    const minimal = ConsoleRun.load({ source: { kind: 'custom', scenario: freePlayScenario('minimal', 'quiet') }, seed: 1, warmupSeconds: 0 }).run.player;
    const offered = FAULT_FORMS.filter((f) => available(f, minimal)).map((f) => f.type);
    expect(offered).not.toContain('cache-flush');
    expect(offered).not.toContain('dependency-outage');
    expect(offered).toContain('slow-queries');
  });
});
