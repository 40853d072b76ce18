import { assertEvent, assign, setup } from 'xstate';

/**
 * The incident lifecycle (SPECS §9): started (the fault begins, unseen) -> detected (an alert fires)
 * -> acknowledged (a human takes it) -> mitigated (users no longer hurt) -> resolved. Mitigation can
 * come before acknowledgement (an automatic rollback). Severity only ever escalates during an
 * incident: when unsure, treat it as the higher one. Every event carries the simulated time `t`.
 */
export interface IncidentContext {
  severity: number | null;
  startedAt: number | null;
  detectedAt: number | null;
  detectedBy: string | null;
  acknowledgedAt: number | null;
  mitigatedAt: number | null;
  resolvedAt: number | null;
}

export type IncidentState = 'quiet' | 'started' | 'detected' | 'acknowledged' | 'mitigated' | 'resolved';

export type IncidentEvent =
  | { type: 'START'; t: number }
  | { type: 'DETECTED'; t: number; by: string }
  | { type: 'ACK'; t: number }
  | { type: 'MITIGATED'; t: number }
  | { type: 'REGRESSED'; t: number }
  | { type: 'RESOLVE'; t: number }
  | { type: 'SEVERITY'; t: number; level: number };

export const incidentMachine = setup({
  types: {
    context: {} as IncidentContext,
    events: {} as IncidentEvent,
  },
  actions: {
    publish: (_, _params: { state: IncidentState }) => {},
    markStarted: assign({ startedAt: ({ event }) => event.t }),
    markDetected: assign(({ context, event }) => {
      assertEvent(event, 'DETECTED');
      return { detectedAt: context.detectedAt ?? event.t, detectedBy: context.detectedBy ?? event.by };
    }),
    markAcknowledged: assign({ acknowledgedAt: ({ context, event }) => context.acknowledgedAt ?? event.t }),
    markMitigated: assign({ mitigatedAt: ({ event }) => event.t }),
    clearMitigated: assign({ mitigatedAt: null }),
    markResolved: assign({ resolvedAt: ({ event }) => event.t }),
    escalate: assign({
      severity: ({ event }) => {
        assertEvent(event, 'SEVERITY');
        return event.level;
      },
    }),
  },
  guards: {
    moreSevere: ({ context, event }) => {
      assertEvent(event, 'SEVERITY');
      return context.severity === null || event.level < context.severity;
    },
    wasAcknowledged: ({ context }) => context.acknowledgedAt !== null,
    wasDetected: ({ context }) => context.detectedAt !== null,
  },
}).createMachine({
  id: 'incident',
  context: {
    severity: null,
    startedAt: null,
    detectedAt: null,
    detectedBy: null,
    acknowledgedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
  },
  initial: 'quiet',
  states: {
    quiet: {
      entry: { type: 'publish', params: { state: 'quiet' } },
      on: { START: { target: 'started', actions: 'markStarted' } },
    },
    started: {
      entry: { type: 'publish', params: { state: 'started' } },
      on: {
        DETECTED: { target: 'detected', actions: 'markDetected' },
        MITIGATED: { target: 'mitigated', actions: 'markMitigated' },
      },
    },
    detected: {
      entry: { type: 'publish', params: { state: 'detected' } },
      on: {
        ACK: { target: 'acknowledged', actions: 'markAcknowledged' },
        MITIGATED: { target: 'mitigated', actions: 'markMitigated' },
      },
    },
    acknowledged: {
      entry: { type: 'publish', params: { state: 'acknowledged' } },
      on: { MITIGATED: { target: 'mitigated', actions: 'markMitigated' } },
    },
    mitigated: {
      entry: { type: 'publish', params: { state: 'mitigated' } },
      on: {
        DETECTED: { actions: 'markDetected' },
        ACK: { actions: 'markAcknowledged' },
        RESOLVE: { target: 'resolved', actions: 'markResolved' },
        REGRESSED: [
          { guard: 'wasAcknowledged', target: 'acknowledged', actions: 'clearMitigated' },
          { guard: 'wasDetected', target: 'detected', actions: 'clearMitigated' },
          { target: 'started', actions: 'clearMitigated' },
        ],
      },
    },
    resolved: {
      type: 'final',
      entry: { type: 'publish', params: { state: 'resolved' } },
    },
  },
  on: {
    SEVERITY: { guard: 'moreSevere', actions: 'escalate' },
  },
});

/** SPECS §9 durations, in seconds (null while a milestone is missing). MTTR is measured to resolution. */
export function incidentDurations(c: IncidentContext): { mttd: number | null; mtta: number | null; mttm: number | null; mttr: number | null } {
  const d = (a: number | null, b: number | null) => (a !== null && b !== null ? b - a : null);
  return {
    mttd: d(c.startedAt, c.detectedAt),
    mtta: d(c.detectedAt, c.acknowledgedAt),
    mttm: d(c.startedAt, c.mitigatedAt),
    mttr: d(c.startedAt, c.resolvedAt),
  };
}
