import type { FieldSpec, FormValues } from '../../console/form-spec';

interface Props {
  idPrefix: string;
  fields: readonly FieldSpec[];
  values: FormValues;
  options: (field: Extract<FieldSpec, { kind: 'select' }>) => readonly string[];
  onChange: (name: string, value: string | boolean) => void;
  /** Problems by field name, shown under the field and tied to its input. */
  errors?: Record<string, string>;
}

/** The inputs of an action or fault form, one per field, each with its label and unit. */
export default function FormFields({ idPrefix, fields, values, options, onChange, errors = {} }: Props) {
  return (
    <>
      {fields.map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const v = values[f.name];
        const error = errors[f.name];
        const invalid = error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
        if (f.kind === 'boolean') {
          return (
            <label key={f.name} className="field field--check" htmlFor={id}>
              <input id={id} type="checkbox" checked={v === true} onChange={(e) => onChange(f.name, e.target.checked)} />
              {f.label}
            </label>
          );
        }
        let input;
        if (f.kind === 'select') {
          const opts = options(f);
          input = (
            <select id={id} {...invalid} value={String(v ?? '')} onChange={(e) => onChange(f.name, e.target.value)}>
              {f.optional && <option value="">all / default</option>}
              {opts.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          );
        } else if (f.kind === 'tristate') {
          input = (
            <select id={id} value={String(v ?? '')} onChange={(e) => onChange(f.name, e.target.value)}>
              <option value="">{f.labels[0]}</option>
              <option value="yes">{f.labels[1]}</option>
              <option value="no">{f.labels[2]}</option>
            </select>
          );
        } else if (f.kind === 'numbers') {
          input = <input id={id} {...invalid} inputMode="decimal" value={String(v ?? '')} onChange={(e) => onChange(f.name, e.target.value)} />;
        } else {
          input = (
            <input
              id={id}
              {...invalid}
              type="number"
              inputMode="decimal"
              value={String(v ?? '')}
              min={f.min}
              max={f.max}
              step={f.step ?? 'any'}
              placeholder={f.optional ? 'default' : undefined}
              required={!f.optional}
              onChange={(e) => onChange(f.name, e.target.value)}
            />
          );
        }
        return (
          <label key={f.name} className="field" htmlFor={id}>
            <span className="field__label">
              {f.label}
              {f.kind === 'number' && f.unit ? <span className="muted"> ({f.unit})</span> : null}
            </span>
            {input}
            {error && (
              <span id={`${id}-error`} className="field__error">
                {error}
              </span>
            )}
          </label>
        );
      })}
    </>
  );
}
