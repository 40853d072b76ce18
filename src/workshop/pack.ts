/**
 * Scenario packs: a workshop a team writes once and shares (JSON or YAML). A pack names a built-in
 * drill or carries a scenario, and adds what a facilitator needs to run it without hours of prep:
 * phases with notes and timing, timed injects (faults or stakeholder messages), hand-written
 * contingencies ("if no rollback by T+10, the VP asks for an ETA") and a rubric. Errors name the
 * file and the field, as scenario files' do (src/console/scenario-file.ts).
 */
import { z } from 'zod';
import { readDataFile } from '../console/data-file';
import { COMMS_TYPES } from '../console/protocol';
import { actionSchema } from '../sim/actions/schema';
import { faultSchema } from '../sim/faults/schema';
import { scenarioSchema } from '../sim/scenarios/schema';
import type { ScriptContingency } from './contingency';
import type { ScriptInject, WorkshopScript } from './script';

export const PACK_FORMAT = 'blast-radius-workshop-pack';
export const MAX_PACK_FILE_BYTES = 256 * 1024;

/** Every action type a player can take, so a contingency cannot wait for an action that does not exist. */
export const PACK_ACTION_TYPES: readonly string[] = [...actionSchema.options.map((o) => o.shape.type.value), ...COMMS_TYPES].filter((t) => t !== 'viewed');

/** A time after the warm-up: minutes (7.5) or "T+07:30". Parsed to seconds. */
const timeSchema = z.union([
  z.number().min(0).max(24 * 60),
  z.string().regex(/^T\+\d{1,4}:[0-5]\d$/, 'a time is minutes (7.5) or "T+mm:ss" (T+07:30)'),
]).transform((v) => {
  if (typeof v === 'number') return Math.round(v * 60);
  const [m, s] = v.slice(2).split(':').map(Number);
  return m! * 60 + s!;
});

const messageSchema = z.object({ from: z.string().min(1).max(80), text: z.string().min(1).max(2000) }).strict();

const injectSchema = z
  .object({
    at: timeSchema,
    /** A fault as a scenario file writes one (without `at`: the inject's time is the fault's). */
    fault: z.record(z.string(), z.unknown()).optional(),
    message: messageSchema.optional(),
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'an id is lower-case letters, digits and dashes').optional(),
  })
  .strict()
  .superRefine((inject, ctx) => {
    if (!inject.fault === !inject.message) ctx.addIssue({ code: 'custom', message: 'an inject has either a fault or a message (from, text), not both' });
    if (inject.fault) {
      const r = faultSchema.safeParse({ ...inject.fault, at: 0 });
      if (!r.success) for (const i of r.error.issues) ctx.addIssue({ code: 'custom', path: ['fault', ...i.path.map(String)], message: i.message });
    }
  });

const contingencySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'an id is lower-case letters, digits and dashes').optional(),
    /** Action types, any of which (accepted, by anyone, in time) meets it. */
    ifNo: z.union([z.string(), z.array(z.string()).min(1)]).transform((v) => (Array.isArray(v) ? v : [v])),
    by: timeSchema,
    from: z.string().min(1).max(80),
    text: z.string().min(1).max(2000),
  })
  .strict()
  .superRefine((c, ctx) => {
    c.ifNo.forEach((type, i) => {
      if (!PACK_ACTION_TYPES.includes(type)) ctx.addIssue({ code: 'custom', path: ['ifNo', i], message: `"${type}" is not an action players can take; one of: ${PACK_ACTION_TYPES.join(', ')}` });
    });
  });

const phaseSchema = z
  .object({
    title: z.string().min(1).max(120),
    /** When the phase starts (after the warm-up). */
    from: timeSchema,
    /** What the facilitator watches for, says or asks in this phase. */
    notes: z.string().max(4000).default(''),
  })
  .strict();

export const packSchema = z
  .object({
    format: z.literal(PACK_FORMAT),
    version: z.literal(1),
    title: z.string().min(1).max(120),
    /** A built-in drill's id, or `scenario`: a scenario as a scenario file holds it. */
    drill: z.string().min(1).optional(),
    scenario: z.record(z.string(), z.unknown()).optional(),
    /** Whether the drill's own faults stay on the script (as injects at their times); false: only this pack's. */
    drillFaults: z.boolean().default(true),
    /** Minutes of prep reading the pack promises (shown to the facilitator). */
    prepMinutes: z.number().int().min(1).max(120).default(15),
    phases: z.array(phaseSchema).max(30).default([]),
    injects: z.array(injectSchema).max(50).default([]),
    /** Hand-written contingencies; without any, the drill's par gives them (contingency.ts). */
    contingencies: z.array(contingencySchema).max(30).default([]),
    rubric: z.array(z.string().min(1).max(300)).max(30).default([]),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (!p.drill === !p.scenario) ctx.addIssue({ code: 'custom', path: ['drill'], message: 'a pack names a built-in drill (drill: bad-deploy) or carries a scenario (scenario: {...}), exactly one' });
    if (p.scenario) {
      const r = scenarioSchema.safeParse(p.scenario);
      if (!r.success) for (const i of r.error.issues) ctx.addIssue({ code: 'custom', path: ['scenario', ...i.path.map(String)], message: i.message });
    }
    p.phases.forEach((ph, i) => {
      if (i > 0 && ph.from < p.phases[i - 1]!.from) ctx.addIssue({ code: 'custom', path: ['phases', i, 'from'], message: 'phases are in time order: this one starts before the one above it' });
    });
  });
export type Pack = z.output<typeof packSchema>;

export class PackFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: string[],
  ) {
    super(`${fileName} is not a workshop pack:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackFileError';
  }
}

/** Parses and checks a pack file's text; throws PackFileError listing every problem with its field (and line, in YAML). */
export function parsePackFile(fileName: string, text: string): Pack {
  return readDataFile(fileName, text, {
    schema: packSchema,
    maxBytes: MAX_PACK_FILE_BYTES,
    noun: 'a pack',
    holds: `one pack: an object with format: ${PACK_FORMAT}, version: 1, a title and a drill or a scenario`,
    refuse: (problems) => new PackFileError(fileName, problems),
  });
}

function describeFault(fault: Record<string, unknown>): string {
  const { type, ...rest } = fault;
  const params = Object.entries(rest).filter(([, v]) => v !== undefined && typeof v !== 'object').map(([k, v]) => `${k} ${String(v)}`);
  return params.length ? `${String(type)} (${params.join(', ')})` : String(type);
}

/**
 * The facilitator's script for a pack, on top of its drill's script (`base`: a built-in drill's,
 * or `workshopScript` of the pack's own scenario): the pack's injects join or replace the drill's
 * faults, its contingencies replace the ones from par, and its phases and rubric come along.
 */
export function packScript(pack: Pack, base: WorkshopScript): WorkshopScript {
  const own = pack.injects.map((inject, i): ScriptInject => {
    if (inject.message) {
      return { id: inject.id ?? `message-${i + 1}`, at: inject.at, fault: null, message: inject.message, durationSeconds: null, summary: `${inject.message.from}: “${inject.message.text}”` };
    }
    const { duration, ...fault } = inject.fault as Record<string, unknown> & { duration?: number };
    return { id: inject.id ?? `inject-${i + 1}`, at: inject.at, fault: { ...fault, ...(duration !== undefined ? { duration } : {}) }, durationSeconds: duration ?? null, summary: describeFault(fault) };
  });
  const contingencies: ScriptContingency[] = pack.contingencies.length
    ? pack.contingencies.map((c, i) => ({ id: c.id ?? `contingency-${i + 1}`, by: c.by, expected: c.ifNo, from: c.from, text: c.text }))
    : base.contingencies;
  return {
    ...base,
    title: `${pack.title} (${base.title})`,
    injects: [...(pack.drillFaults ? base.injects : []), ...own].sort((a, b) => a.at - b.at),
    contingencies,
    pack: { title: pack.title, prepMinutes: pack.prepMinutes, phases: pack.phases, rubric: pack.rubric },
  };
}

/**
 * A pack file as the facilitator's script: parsed, its drill found among `scripts` (the built-in
 * drills' scripts) or its scenario made into one by `fromScenario`. Every problem names the file.
 */
export function loadPack(fileName: string, text: string, scripts: readonly WorkshopScript[], fromScenario: (scenario: Record<string, unknown>) => WorkshopScript): WorkshopScript {
  const pack = parsePackFile(fileName, text);
  let base: WorkshopScript;
  if (pack.drill) {
    const found = scripts.find((s) => s.id === pack.drill);
    if (!found) throw new PackFileError(fileName, [`drill: there is no built-in drill "${pack.drill}"; one of: ${scripts.map((s) => s.id).join(', ')}`]);
    base = found;
  } else base = fromScenario(pack.scenario!);
  const script = packScript(pack, base);
  const ids = script.injects.map((i) => i.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length) throw new PackFileError(fileName, [`injects: the id "${twice[0]}" is used twice (the drill's own faults keep their ids); give this inject another id`]);
  return script;
}
