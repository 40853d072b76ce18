/**
 * Records what the player looked at as 'viewed' entries in the run's log (src/console/observations.ts
 * decides which looks count). Only while the run is on: a look during the briefing or the debrief is
 * not part of the run. One gate per console, so two panels never log the same look twice.
 */
import { useCallback, type KeyboardEvent, type SyntheticEvent } from 'react';
import type { ConsoleActor } from '../../console/machine';
import { ObservationGate } from '../../console/observations';
import type { ViewPanel } from '../../console/protocol';
import { useConsole } from './context';

const gates = new WeakMap<ConsoleActor, ObservationGate>();

export function useObserve(): (panel: ViewPanel, focus?: string) => void {
  const { actor, recordViews = true } = useConsole();
  return useCallback(
    (panel: ViewPanel, focus?: string) => {
      if (!recordViews) return;
      const snap = actor.getSnapshot();
      if (!snap.matches('session') || snap.context.clock.ended) return;
      let gate = gates.get(actor);
      if (!gate) gates.set(actor, (gate = new ObservationGate()));
      const action = gate.admit({ panel, ...(focus ? { focus } : {}) }, snap.context.clock.t);
      if (action) actor.send({ type: 'ACT', action });
    },
    [actor, recordViews],
  );
}

/**
 * Handlers for a region whose handling counts as a look: a click or a key pressed inside it (Tab only
 * moves through, and scrolling the page past a panel is not reading it, so neither counts). `describe` names what was looked at from the event's target.
 */
export function useLookHandlers(panel: ViewPanel, describe: (target: Element) => string | undefined) {
  const observe = useObserve();
  const look = useCallback((e: SyntheticEvent) => observe(panel, e.target instanceof Element ? describe(e.target) : undefined), [observe, panel, describe]);
  return {
    onPointerDown: look,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key !== 'Tab' && e.key !== 'Shift' && e.key !== 'Escape') look(e);
    },
  };
}
