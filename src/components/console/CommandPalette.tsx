import { Command } from 'cmdk';
import { SPEEDS } from '../../console/constants';
import { ACTION_FORMS } from '../../console/action-forms';
import { available } from '../../console/form-spec';
import { useConsole, useScenario } from './context';
import { useDialog } from './hooks';
import { PANELS, type PanelId } from './PanelTabs';

interface Props {
  onClose(): void;
  onHelp(): void;
  onForm(type: string): void;
  onPanel(id: PanelId): void;
}

/**
 * Ctrl K: every action by name. Actions without parameters run at once (Rollback, Acknowledge);
 * the others open their form, focused, so parameters and confirmations are never skipped.
 */
export default function CommandPalette({ onClose, onHelp, onForm, onPanel }: Props) {
  const { actor, mode } = useConsole();
  const scenario = useScenario();
  const ref = useDialog(true, onClose);
  const { clock, scenario: running } = actor.getSnapshot().context;
  const t = clock.t;
  const end = running ? running.warmupSeconds + running.durationSeconds : 0;
  const run = (fn: () => void) => () => {
    onClose();
    fn();
  };
  const send = (e: Parameters<typeof actor.send>[0]) => run(() => actor.send(e));
  const act = (action: unknown) => send({ type: 'ACT', action });
  return (
    <dialog ref={ref} className="console-dialog palette" aria-label="Command palette">
      <Command label="Commands" loop>
        <Command.Input placeholder="Type an action: rollback, scale, declare…" aria-label="Search commands" data-autofocus />
        <Command.List>
          <Command.Empty>No command by that name.</Command.Empty>
          <Command.Group heading="Run">
            <Command.Item onSelect={send({ type: 'TOGGLE' })}>Play or pause</Command.Item>
            <Command.Item onSelect={send({ type: 'STEP' })}>Step one second</Command.Item>
            {SPEEDS.map((s) => (
              <Command.Item key={s} onSelect={send({ type: 'SPEED', speed: s })}>{`Speed ${s}x`}</Command.Item>
            ))}
            <Command.Item onSelect={send({ type: 'RUN_TO_ALERT' })}>Run to next alert</Command.Item>
            <Command.Item onSelect={send({ type: 'REWIND', t: t - 60 })}>Rewind one minute</Command.Item>
            {mode === 'drill' && end > t && <Command.Item onSelect={send({ type: 'STEP', seconds: end - t })}>Skip to the end</Command.Item>}
          </Command.Group>
          <Command.Group heading="Incident">
            <Command.Item onSelect={act({ type: 'acknowledge' })}>Acknowledge the page</Command.Item>
            <Command.Item onSelect={run(() => onPanel('incident'))}>Declare incident…</Command.Item>
            <Command.Item onSelect={run(() => onPanel('incident'))}>Post a status update…</Command.Item>
            <Command.Item onSelect={act({ type: 'resolve-incident' })}>Resolve the incident</Command.Item>
            <Command.Item onSelect={run(() => onPanel('alerts'))}>Silence an alert…</Command.Item>
          </Command.Group>
          <Command.Group heading="Actions">
            {mode === 'free' && scenario?.faultsAllowed && <Command.Item onSelect={run(() => onForm('inject-fault'))}>Inject fault…</Command.Item>}
            {ACTION_FORMS.filter((f) => !f.panel && scenario && available(f, scenario)).map((f) => (
              <Command.Item key={f.type} value={`${f.title} ${f.button}`} onSelect={f.fields.length === 0 && !f.irreversible ? act({ type: f.type }) : run(() => onForm(f.type))}>
                {f.fields.length === 0 && !f.irreversible ? f.title : `${f.title}…`}
              </Command.Item>
            ))}
          </Command.Group>
          <Command.Group heading="Go to">
            {PANELS.map((p) => (
              <Command.Item key={p.id} value={`go to ${p.label}`} onSelect={run(() => onPanel(p.id))}>{`Go to ${p.label}`}</Command.Item>
            ))}
            <Command.Item onSelect={run(onHelp)}>Keyboard shortcuts</Command.Item>
          </Command.Group>
        </Command.List>
      </Command>
    </dialog>
  );
}
