/**
 * What an action or fault form is, as plain data without zod (the page's main bundle carries it):
 * its fields, defaults, what the system needs for it, whether it can be undone; and how a form's
 * values become the action. The forms themselves: action-forms.ts (every action of src/sim/actions)
 * and fault-forms.ts (every fault of src/sim/faults).
 */
import type { PlayerScenario } from './protocol';

/** Option lists that come from the running system rather than from the form. */
export type OptionSource = 'versions' | 'instances' | 'flags' | 'sources' | 'dependencies' | 'alerts';

interface Base {
  name: string;
  label: string;
  /** Shown under "More options", collapsed. */
  advanced?: boolean;
  help?: string;
}
export type FieldSpec =
  | (Base & { kind: 'number'; default?: number; min?: number; max?: number; step?: number; unit?: string; optional?: boolean })
  | (Base & { kind: 'select'; options: readonly string[] | OptionSource; default?: string; optional?: boolean })
  | (Base & { kind: 'boolean'; default: boolean })
  /** Leave as is / yes / no: a boolean the action may omit. */
  | (Base & { kind: 'tristate'; labels: readonly [string, string, string] })
  | (Base & { kind: 'numbers'; default: readonly number[] });

export type Needs = 'cache' | 'database' | 'queue' | 'flags' | 'dependencies';

export interface FormSpec {
  type: string;
  title: string;
  /** The submit button's text (its accessible name). */
  button: string;
  summary: string;
  fields: readonly FieldSpec[];
  needs?: Needs;
  /** Why it cannot be undone: such actions ask for confirmation. */
  irreversible?: string;
  /** Panels other than Actions that own the button (one button per name on the page). */
  panel?: 'alerts' | 'incident';
}

/** A percentage field's bounds and unit (spread into a field with its name and label). */
export const pct = { kind: 'number', min: 0, max: 100, step: 1, unit: '%' } as const;

/** A form's values as the inputs hold them. */
export type FormValues = Record<string, string | boolean>;

/** What a select offers for this system (and the latest instances). */
export function optionsFor(field: Extract<FieldSpec, { kind: 'select' }>, scenario: PlayerScenario, instances: readonly string[]): readonly string[] {
  if (typeof field.options !== 'string') return field.options;
  switch (field.options) {
    case 'versions':
      return scenario.service.versions;
    case 'instances':
      return instances;
    case 'flags':
      return scenario.flags;
    case 'sources':
      return scenario.sources;
    case 'dependencies':
      return scenario.components.dependencies;
    case 'alerts':
      return scenario.alertRules.map((r) => r.id);
  }
}

export function available(spec: FormSpec, scenario: PlayerScenario): boolean {
  switch (spec.needs) {
    case undefined:
      return true;
    case 'cache':
      return scenario.components.cache;
    case 'database':
      return scenario.components.database;
    case 'queue':
      return scenario.components.queue;
    case 'flags':
      return scenario.flags.length > 0;
    case 'dependencies':
      return scenario.components.dependencies.length > 0;
  }
}

/** The inputs' starting values: the defaults, the first option, or what the system runs now. */
export function initialValues(spec: FormSpec, scenario: PlayerScenario, instances: readonly string[]): FormValues {
  const v: FormValues = {};
  for (const f of spec.fields) {
    if (f.kind === 'boolean') v[f.name] = f.default;
    else if (f.kind === 'tristate') v[f.name] = '';
    else if (f.kind === 'numbers') v[f.name] = f.default.join(', ');
    else if (f.kind === 'number') v[f.name] = f.default !== undefined ? String(f.default) : f.name === 'replicas' ? String(scenario.service.replicas) : '';
    else {
      const options = optionsFor(f, scenario, instances);
      const preferred = f.name === 'version' && spec.type === 'deploy' ? options.find((o) => o !== scenario.service.version) : undefined;
      v[f.name] = f.default ?? (f.optional ? '' : (preferred ?? options[0] ?? ''));
    }
  }
  return v;
}

/**
 * The action (or fault) the values describe. Empty optional fields are left out, so the simulator
 * applies its own defaults; anything else unreadable is passed on as text for the schema to name.
 */
export function buildFromForm(spec: FormSpec, values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = { type: spec.type };
  for (const f of spec.fields) {
    const raw = values[f.name];
    if (f.kind === 'boolean') out[f.name] = raw === true;
    else if (f.kind === 'tristate') {
      if (raw === 'yes') out[f.name] = true;
      else if (raw === 'no') out[f.name] = false;
    } else if (f.kind === 'numbers') {
      out[f.name] = String(raw ?? '')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
    } else if (f.kind === 'number') {
      const text = String(raw ?? '').trim();
      if (text === '' && f.optional) continue;
      out[f.name] = text === '' || !Number.isFinite(Number(text)) ? text : Number(text);
    } else {
      const text = String(raw ?? '');
      if (text === '' && f.optional) continue;
      out[f.name] = text;
    }
  }
  return out;
}
