/**
 * A game day as the designer form holds it (text, as typed) and as a scenario: the system and
 * traffic from free play's presets, the faults from the fault table (src/console/fault-forms),
 * the steady-state hypothesis and abort conditions. Errors are keyed by the form field they belong
 * to, so the form can put each next to its input.
 */
import { FAULT_FORMS } from '../fault-forms';
import { buildFromForm, type FieldSpec, type FormSpec, type FormValues } from '../form-spec';
import { composeFreePlay, type FreePlayOptions } from '../free-play';
import { scenarioSchema } from '../../sim/scenarios/schema';
import type { ScenarioInput } from '../../sim/index';
import { GAME_DAY_METRICS, conditionText, type Comparator, type MetricName } from './metrics';

export interface FaultDraft {
  type: string;
  /** Minutes after the start (T+) the fault begins. */
  startMinute: string;
  values: FormValues;
}
export interface ConditionDraft {
  metric: MetricName;
  op: Comparator;
  /** In the metric's display unit (percent for ratios). */
  threshold: string;
}
export interface AbortDraft extends ConditionDraft {
  forSeconds: string;
}
export interface GameDayDesign {
  title: string;
  preset: string;
  traffic: string;
  minutes: string;
  faults: FaultDraft[];
  hypothesis: ConditionDraft[];
  abort: AbortDraft[];
}

export const MIN_MINUTES = 5;
export const MAX_MINUTES = 120;

/** What the chosen system has, for the fault table's option lists and what a fault or metric needs. */
export interface SystemFacts {
  cache: boolean;
  database: boolean;
  queue: boolean;
  dependencies: string[];
  sources: string[];
}

export function systemFacts(options: FreePlayOptions, presetId: string): SystemFacts {
  const t = options.presets.find((p) => p.id === presetId)?.topology ?? options.presets[0]!.topology;
  return {
    cache: Boolean(t.cache),
    database: Boolean(t.database),
    queue: Boolean(t.messageQueue),
    dependencies: (t.dependencies ?? []).map((d) => d.id),
    sources: [options.source.id],
  };
}

export function faultSpec(type: string): FormSpec | undefined {
  return FAULT_FORMS.find((f) => f.type === type);
}

/** Whether the system has what a fault needs (a database for slow queries, ...). */
export function faultFits(spec: FormSpec, facts: SystemFacts): boolean {
  switch (spec.needs) {
    case 'cache':
      return facts.cache;
    case 'database':
      return facts.database;
    case 'queue':
      return facts.queue;
    case 'dependencies':
      return facts.dependencies.length > 0;
    default:
      return true;
  }
}

/** What a metric needs from the system to be measured at all. */
export function metricFits(metric: MetricName, facts: SystemFacts): boolean {
  if (metric.startsWith('db.')) return facts.database;
  if (metric.startsWith('mq.')) return facts.queue;
  if (metric.startsWith('cache.')) return facts.cache;
  return true;
}

export function selectOptions(field: Extract<FieldSpec, { kind: 'select' }>, facts: SystemFacts): readonly string[] {
  if (typeof field.options !== 'string') return field.options;
  if (field.options === 'sources') return facts.sources;
  if (field.options === 'dependencies') return facts.dependencies;
  return [];
}

export function faultDefaults(spec: FormSpec, facts: SystemFacts): FormValues {
  const v: FormValues = {};
  for (const f of spec.fields) {
    if (f.kind === 'boolean') v[f.name] = f.default;
    else if (f.kind === 'tristate') v[f.name] = '';
    else if (f.kind === 'numbers') v[f.name] = f.default.join(', ');
    else if (f.kind === 'number') v[f.name] = f.default !== undefined ? String(f.default) : '';
    else v[f.name] = f.default ?? (f.optional ? '' : (selectOptions(f, facts)[0] ?? ''));
  }
  return v;
}

export function newFault(type: string, facts: SystemFacts, startMinute = '2'): FaultDraft {
  const spec = faultSpec(type) ?? FAULT_FORMS[0]!;
  return { type: spec.type, startMinute, values: faultDefaults(spec, facts) };
}

/** A starting design: the payment provider slows down for three minutes on a normal day. */
export function defaultDesign(options: FreePlayOptions): GameDayDesign {
  const facts = systemFacts(options, 'shop');
  const fault = newFault('dependency-latency', facts);
  fault.values.duration = '180';
  return {
    title: 'Slow payment provider',
    preset: 'shop',
    traffic: 'normal',
    minutes: '10',
    faults: [fault],
    hypothesis: [
      { metric: 'edge.errorRatio', op: '<', threshold: '1' },
      { metric: 'edge.p99Ms', op: '<', threshold: '1000' },
    ],
    abort: [{ metric: 'edge.errorRatio', op: '>', threshold: '10', forSeconds: '30' }],
  };
}

export type DesignErrors = Record<string, string>;

/** A design read back from storage, or null when it is not one (an older or hand-edited draft). */
export function readDesign(data: unknown): GameDayDesign | null {
  const d = data as Partial<GameDayDesign> | null;
  const text = (x: unknown) => typeof x === 'string';
  const condition = (c: unknown) => {
    const x = c as Partial<ConditionDraft> | null;
    return x !== null && typeof x === 'object' && typeof x.metric === 'string' && x.metric in GAME_DAY_METRICS && text(x.op) && text(x.threshold);
  };
  if (d === null || typeof d !== 'object' || ![d.title, d.preset, d.traffic, d.minutes].every(text)) return null;
  if (!Array.isArray(d.faults) || !d.faults.every((f) => f && text(f.type) && text(f.startMinute) && typeof f.values === 'object' && f.values !== null)) return null;
  if (!Array.isArray(d.hypothesis) || !d.hypothesis.every(condition)) return null;
  if (!Array.isArray(d.abort) || !d.abort.every((a) => condition(a) && text((a as AbortDraft).forSeconds))) return null;
  return d as GameDayDesign;
}

function number(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** Where a schema issue's path belongs in the form. */
function fieldKey(path: readonly PropertyKey[]): string {
  const [head, i, field] = path.map(String);
  if (head === 'faults' && i !== undefined) return field === 'at' ? `fault-${i}-start` : field ? `fault-${i}-${field}` : `fault-${i}-type`;
  if (head === 'gameDay' && (i === 'hypothesis' || i === 'abort')) {
    const [, , n, f] = path.map(String);
    return `${i === 'hypothesis' ? 'hyp' : 'abort'}-${n}-${f ?? 'metric'}`;
  }
  if (head === 'durationSeconds') return 'minutes';
  if (head === 'title') return 'title';
  return 'form';
}

/**
 * The design as a scenario file's data, or the errors that stop it, keyed by field: `title`,
 * `minutes`, `faults`, `fault-<i>-start|type|<param>`, `hypothesis`, `hyp-<i>-metric|threshold`,
 * `abort-<i>-threshold|forSeconds`, `form`.
 */
export function composeGameDay(design: GameDayDesign, options: FreePlayOptions): { scenario: ScenarioInput | null; errors: DesignErrors } {
  const errors: DesignErrors = {};
  const facts = systemFacts(options, design.preset);
  const title = design.title.trim();
  if (!title) errors.title = 'Give the game day a title, e.g. "Payment provider slowdown".';
  else if (title.length > 80) errors.title = 'Keep the title under 80 characters.';
  const minutes = number(design.minutes);
  if (minutes === null || !Number.isInteger(minutes) || minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
    errors.minutes = `Give whole minutes from ${MIN_MINUTES} to ${MAX_MINUTES}.`;
  }
  if (design.faults.length === 0) errors.faults = 'Add at least one fault: a game day injects something to learn from.';
  const faults = design.faults.map((draft, i) => {
    const spec = faultSpec(draft.type);
    if (!spec) {
      errors[`fault-${i}-type`] = 'Choose a fault from the list.';
      return null;
    }
    if (!faultFits(spec, facts)) errors[`fault-${i}-type`] = `This system has no ${spec.needs === 'dependencies' ? 'dependency' : spec.needs}: choose another fault or system.`;
    const start = number(draft.startMinute);
    if (start === null || start < 0) errors[`fault-${i}-start`] = 'Give the minute it starts (0 or more; decimals are fine).';
    else if (minutes !== null && start >= minutes) errors[`fault-${i}-start`] = `Start before the game day ends (before minute ${minutes}).`;
    return { ...buildFromForm(spec, draft.values), type: spec.type, id: `fault-${i + 1}`, at: Math.round((start ?? 0) * 60) };
  });
  const conditions = <T extends ConditionDraft>(list: T[], prefix: string) =>
    list.map((c, i) => {
      const info = GAME_DAY_METRICS[c.metric];
      if (!info) errors[`${prefix}-${i}-metric`] = 'Choose a metric from the list.';
      else if (!metricFits(c.metric, { ...facts })) errors[`${prefix}-${i}-metric`] = `This system cannot measure that: it has no ${c.metric.split('.')[0] === 'db' ? 'database' : c.metric.startsWith('mq') ? 'queue' : 'cache'}.`;
      const threshold = number(c.threshold);
      if (threshold === null) errors[`${prefix}-${i}-threshold`] = `Give the threshold as a number${info ? ` in ${info.unit}` : ''}.`;
      return { metric: c.metric, op: c.op, threshold: (threshold ?? 0) / (info?.scale ?? 1) };
    });
  if (design.hypothesis.length === 0) errors.hypothesis = 'Write at least one steady-state condition, e.g. error rate < 1%.';
  const hypothesis = conditions(design.hypothesis, 'hyp');
  const abort = conditions(design.abort, 'abort').map((c, i) => {
    const forSeconds = number(design.abort[i]!.forSeconds);
    if (forSeconds === null || !Number.isInteger(forSeconds) || forSeconds < 0 || forSeconds > 3600) errors[`abort-${i}-forSeconds`] = 'Give whole seconds from 0 to 3600.';
    return { ...c, forSeconds: forSeconds ?? 0 };
  });
  if (Object.keys(errors).length > 0) return { scenario: null, errors };

  const base = composeFreePlay(options, design.preset, design.traffic);
  const scenario: ScenarioInput = {
    ...base,
    id: `game-day-${slug(title) || 'untitled'}`.replace(/-+$/, ''),
    title: `Game day: ${title}`,
    briefing: briefing(base.title, faults, hypothesis, abort),
    durationSeconds: minutes! * 60,
    faults: faults as ScenarioInput['faults'],
    rootCause: { summary: `The faults this game day injects: ${faults.map((f) => String(f!.type)).join(', ')}.`, faults: faults.map((f) => f!.id) },
    gameDay: { hypothesis, abort },
  };
  const checked = scenarioSchema.safeParse(scenario);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = fieldKey(issue.path);
      errors[key] ??= key === 'form' ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
    }
    return { scenario: null, errors };
  }
  return { scenario, errors };
}

function briefing(system: string, faults: ({ type: unknown; at: number } | null)[], hypothesis: Parameters<typeof conditionText>[0][], abort: (Parameters<typeof conditionText>[0] & { forSeconds: number })[]): string {
  const injected = faults.map((f) => `${String(f!.type)} at T+${Math.round((f!.at / 60) * 10) / 10} min`).join('; ');
  const stop = abort.length ? ` The experiment stops if ${abort.map((a) => `${conditionText(a)} for ${a.forSeconds} s`).join(' or ')}.` : '';
  return `A game day on ${system}. Faults injected on purpose: ${injected}. Steady-state hypothesis: ${hypothesis.map(conditionText).join(' and ')}.${stop} Watch, act if you must, and see whether the hypothesis holds.`;
}
