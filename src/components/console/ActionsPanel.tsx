import { useMemo, useState } from 'react';
import { ACTION_FORMS } from '../../console/action-forms';
import { FAULT_FORMS } from '../../console/fault-forms';
import { available } from '../../console/form-spec';
import { canaryView } from '../../console/canary-view';
import { useConsole, useFrameVersion, useLog, useScenario } from './context';
import ActionForm from './ActionForm';
import CanaryVerdict from './CanaryVerdict';
import PendingEffects from './PendingEffects';

/** Every action of the simulator (and, in free play, every fault), with what is in progress and the canary's verdict. */
export default function ActionsPanel({ form }: { form: { type: string; n: number } | null }) {
  const { frames, mode } = useConsole();
  const scenario = useScenario();
  const log = useLog();
  useFrameVersion();
  const latest = frames.latest;
  // One array per set of names, so the memoised forms do not re-render for every frame.
  const names = latest?.instances.map((i) => i.name).join(' ') ?? '';
  const instances = useMemo(() => names.split(' ').filter(Boolean), [names]);
  if (!scenario || !latest) return null;
  const d = latest.deployment;
  const canary = canaryView(frames.frames, log);
  return (
    <div className="actions">
      <p className="actions__deploy" data-testid="deployment">
        Running {d.stable}
        {d.phase !== 'idle' && d.target ? ` · ${d.phase} to ${d.target}${d.weight > 0 ? ` at ${d.weight}%` : ''}` : ''}
        {d.lastOutcome && d.phase === 'idle' ? ` · last deploy: ${d.lastOutcome}` : ''} · {latest.instances.filter((i) => i.phase === 'ready').length} of {latest.desiredReplicas} instances ready
      </p>
      {canary && <CanaryVerdict view={canary} warm={scenario.warmupSeconds} />}
      <PendingEffects />
      {mode === 'free' && scenario.faultsAllowed && <FaultForm instances={instances} focusRequest={form?.type === 'inject-fault' ? form.n : undefined} />}
      <div className="actions__forms">
        {ACTION_FORMS.filter((f) => !f.panel && available(f, scenario)).map((spec) => (
          <ActionForm key={spec.type} spec={spec} scenario={scenario} instances={instances} focusRequest={form?.type === spec.type ? form.n : undefined} />
        ))}
      </div>
    </div>
  );
}

/** Free play's "Inject fault": pick one of the faults this system can have, set its parameters. */
function FaultForm({ instances, focusRequest }: { instances: string[]; focusRequest: number | undefined }) {
  const scenario = useScenario()!;
  const faults = FAULT_FORMS.filter((f) => available(f, scenario));
  const [type, setType] = useState(faults[0]!.type);
  const spec = faults.find((f) => f.type === type) ?? faults[0]!;
  return (
    <div className="fault-form">
      <label className="field">
        <span className="field__label">Fault to inject ({faults.length} this system can have)</span>
        <select value={spec.type} onChange={(e) => setType(e.target.value)} autoFocus={Boolean(focusRequest)}>
          {faults.map((f) => (
            <option key={f.type} value={f.type}>
              {f.title}
            </option>
          ))}
        </select>
      </label>
      <ActionForm key={spec.type} spec={spec} scenario={scenario} instances={instances} fault focusRequest={focusRequest} />
    </div>
  );
}
