import { FAULT_FORMS } from '../../console/fault-forms';
import type { FormValues } from '../../console/form-spec';
import { faultDefaults, faultFits, faultSpec, newFault, selectOptions, type DesignErrors, type FaultDraft, type SystemFacts } from '../../console/gameday/design';
import FormFields from '../console/FormFields';
import { Field, GroupError } from './fields';

interface Props {
  rows: FaultDraft[];
  facts: SystemFacts;
  errors: DesignErrors;
  onChange: (rows: FaultDraft[]) => void;
}

/** The faults to inject: a type from the fault table, when it starts, and its parameters. */
export default function FaultRows({ rows, facts, errors, onChange }: Props) {
  const set = (i: number, row: FaultDraft) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <>
      <GroupError id="gd-faults-error" error={errors.faults} />
      {rows.map((row, i) => {
        const spec = faultSpec(row.type);
        const paramErrors: Record<string, string> = {};
        for (const [k, v] of Object.entries(errors)) if (k.startsWith(`fault-${i}-`) && k !== `fault-${i}-type` && k !== `fault-${i}-start`) paramErrors[k.slice(`fault-${i}-`.length)] = v;
        return (
          <fieldset key={i} className="gameday__row gameday__fault">
            <legend>Fault {i + 1}</legend>
            <Field id={`gd-fault-${i}-type`} label="Fault" error={errors[`fault-${i}-type`]}>
              {(a) => (
                <select
                  {...a}
                  value={row.type}
                  onChange={(e) => {
                    const next = faultSpec(e.target.value)!;
                    set(i, { ...row, type: next.type, values: faultDefaults(next, facts) });
                  }}
                >
                  {FAULT_FORMS.filter((f) => faultFits(f, facts) || f.type === row.type).map((f) => (
                    <option key={f.type} value={f.type}>
                      {f.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`gd-fault-${i}-start`} label={<>Starts at <span className="muted">(minute)</span></>} error={errors[`fault-${i}-start`]}>
              {(a) => <input {...a} type="text" inputMode="decimal" value={row.startMinute} onChange={(e) => set(i, { ...row, startMinute: e.target.value })} />}
            </Field>
            {spec && <p className="muted gameday__summary">{spec.summary}</p>}
            {spec && (
              <FormFields
                idPrefix={`gd-fault-${i}`}
                fields={spec.fields}
                values={row.values}
                options={(f) => selectOptions(f, facts)}
                errors={paramErrors}
                onChange={(name, value) => set(i, { ...row, values: { ...row.values, [name]: value } as FormValues })}
              />
            )}
            <button type="button" className="button button--quiet button--small gameday__remove" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              Remove fault {i + 1}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="button button--quiet button--small" onClick={() => onChange([...rows, newFault('instance-crash', facts)])}>
        Add a fault
      </button>
    </>
  );
}
