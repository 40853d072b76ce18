import { RUNTIME_NAME } from './useSandboxSession';
import { RunnerLimits } from './RunnerConnect';
import type { RuntimeSetting, SessionState } from '../../sandbox/session';

interface Props {
  state: SessionState;
  /** The runtime the learner's settings ask for. */
  setting: RuntimeSetting;
  onSetting(setting: RuntimeSetting): void;
  /** The sandbox was completed: all its checks passed once. */
  complete: boolean;
}

const STEPS = [
  { phase: 'booting', label: 'Booting' },
  { phase: 'mounting', label: 'Mounting files' },
  { phase: 'running', label: 'Running' },
] as const;

/** The runtime's steps, the runtime choice, a status line, and the completion badge. */
export default function StatusBar({ state, setting, onSetting, complete }: Props) {
  const currentStep = state.status === 'running' ? 'running' : state.progress?.phase;
  return (
    <div className="wb-status">
      <ol className="wb-steps" aria-label="Runtime progress">
        {STEPS.map((step) => (
          <li key={step.phase} data-current={currentStep === step.phase ? 'true' : undefined}>
            {step.label}
          </li>
        ))}
      </ol>
      <label className="wb-runtime">
        Runs on{' '}
        <select value={setting} onChange={(e) => onSetting(e.target.value as RuntimeSetting)} data-testid="runtime-select">
          <option value="auto">Automatic{state.runtime ? ` (${RUNTIME_NAME[state.runtime]})` : ''}</option>
          <option value="local">{RUNTIME_NAME.local}</option>
          <option value="webcontainer">{RUNTIME_NAME.webcontainer}</option>
        </select>
      </label>
      <span className="wb-status__line" data-testid="runtime-status">
        {statusLine(state)}
      </span>
      {complete && <span className="badge badge--done" data-sandbox-complete>✓ Sandbox complete</span>}
      {state.runtime === 'local' && <RunnerLimits />}
    </div>
  );
}

function statusLine(state: SessionState): string {
  if (state.status === 'failed') return 'Not running: see the message above.';
  if (state.status === 'starting') return state.progress?.message ?? 'Starting…';
  if (state.status === 'running') return state.running?.kind === 'checks' ? 'Running the checks…' : 'Running the demo…';
  if (state.status === 'ready') return state.runtime ? `Ready: ${RUNTIME_NAME[state.runtime]}` : 'Ready';
  return 'Not started';
}
