import { memo, useEffect, useRef, useState, type FormEvent } from 'react';
import { faultAction } from '../../console/fault-forms';
import { buildFromForm, initialValues, optionsFor, type FormSpec } from '../../console/form-spec';
import type { PlayerScenario } from '../../console/protocol';
import { useConsole } from './context';
import { useDialog } from './hooks';
import FormFields from './FormFields';

interface Props {
  spec: FormSpec;
  scenario: PlayerScenario;
  instances: readonly string[];
  /** Free play's fault forms send an inject-fault action. */
  fault?: boolean;
  /** Bumped when the palette asks for this form: focus its first input. */
  focusRequest?: number;
}

/** One action (or fault) as a small form: its main fields, "More options", and one button; irreversible ones ask first. */
function ActionForm({ spec, scenario, instances, fault = false, focusRequest }: Props) {
  const { actor } = useConsole();
  const [values, setValues] = useState(() => initialValues(spec, scenario, instances));
  const [confirming, setConfirming] = useState(false);
  const root = useRef<HTMLFormElement>(null);
  const dialog = useDialog(confirming, () => setConfirming(false));
  const id = `${fault ? 'fault' : 'action'}-${spec.type}`;

  useEffect(() => setValues(initialValues(spec, scenario, instances)), [spec, scenario]);
  useEffect(() => {
    if (!focusRequest || !root.current) return;
    root.current.scrollIntoView({ block: 'nearest' });
    root.current.querySelector<HTMLElement>('input, select, button')?.focus();
  }, [focusRequest]);
  // An instance may be gone since the form opened: fall back to one that runs.
  const instance = values.instance;
  const liveValues = typeof instance === 'string' && instances.length && !instances.includes(instance) ? { ...values, instance: instances[0]! } : values;

  const send = () => actor.send({ type: 'ACT', action: fault ? faultAction(spec, liveValues) : buildFromForm(spec, liveValues) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (spec.irreversible) setConfirming(true);
    else send();
  };
  const main = spec.fields.filter((f) => !f.advanced);
  const more = spec.fields.filter((f) => f.advanced);
  const fieldProps = { idPrefix: id, values: liveValues, options: (f: Parameters<typeof optionsFor>[0]) => optionsFor(f, scenario, instances), onChange: (name: string, v: string | boolean) => setValues((old) => ({ ...old, [name]: v })) };
  return (
    <form ref={root} className="action-form" data-action={spec.type} onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 className="action-form__title" id={`${id}-title`}>
        {spec.title}
      </h3>
      <p className="action-form__summary muted">{spec.summary}</p>
      {main.length > 0 && (
        <div className="action-form__fields">
          <FormFields fields={main} {...fieldProps} />
        </div>
      )}
      {more.length > 0 && (
        <details className="action-form__more">
          <summary>More options</summary>
          <div className="action-form__fields">
            <FormFields fields={more} {...fieldProps} />
          </div>
        </details>
      )}
      <button type="submit" className={`button button--small${spec.irreversible ? ' button--danger' : ''}`}>
        {spec.button}
      </button>
      {spec.irreversible && (
        <dialog ref={dialog} className="console-dialog" aria-labelledby={`${id}-confirm`}>
          <h2 id={`${id}-confirm`}>{spec.title}: are you sure?</h2>
          <p>{spec.irreversible}</p>
          <div className="console-dialog__actions">
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                setConfirming(false);
                send();
              }}
            >
              Yes, {spec.button.toLowerCase()}
            </button>
            <button type="button" className="button button--quiet" data-autofocus onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </dialog>
      )}
    </form>
  );
}

/** Memoised: the Actions panel re-renders with the frames, its forms only when their inputs change. */
export default memo(ActionForm);
