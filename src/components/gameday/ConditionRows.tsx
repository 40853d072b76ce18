import { COMPARATORS, GAME_DAY_METRICS, metricNames, type Comparator, type MetricName } from '../../console/gameday/metrics';
import type { AbortDraft, ConditionDraft, DesignErrors, SystemFacts } from '../../console/gameday/design';
import { metricFits } from '../../console/gameday/design';
import { Field, GroupError } from './fields';

const OP_WORDS: Record<Comparator, string> = { '<': '< (below)', '<=': '≤ (at most)', '>': '> (above)', '>=': '≥ (at least)' };

interface Props<T extends ConditionDraft> {
  kind: 'hyp' | 'abort';
  noun: string;
  rows: T[];
  facts: SystemFacts;
  errors: DesignErrors;
  onChange: (rows: T[]) => void;
  blank: () => T;
}

/** The steady-state conditions or the abort conditions: metric, comparator, threshold (and, for aborts, how long). */
export default function ConditionRows<T extends ConditionDraft>({ kind, noun, rows, facts, errors, onChange, blank }: Props<T>) {
  const set = (i: number, patch: Partial<ConditionDraft & AbortDraft>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <>
      <GroupError id={`gd-${kind}-error`} error={errors[kind === 'hyp' ? 'hypothesis' : 'abort']} />
      {rows.map((row, i) => {
        const key = `${kind}-${i}`;
        const info = GAME_DAY_METRICS[row.metric];
        return (
          <fieldset key={i} className="gameday__row">
            <legend>
              {noun} {i + 1}
            </legend>
            <Field id={`gd-${key}-metric`} label="Metric" error={errors[`${key}-metric`]}>
              {(a) => (
                <select {...a} value={row.metric} onChange={(e) => set(i, { metric: e.target.value as MetricName })}>
                  {metricNames
                    .filter((m) => metricFits(m, facts) || m === row.metric)
                    .map((m) => (
                      <option key={m} value={m}>
                        {GAME_DAY_METRICS[m].label}
                      </option>
                    ))}
                </select>
              )}
            </Field>
            <Field id={`gd-${key}-op`} label="Comparator">
              {(a) => (
                <select {...a} value={row.op} onChange={(e) => set(i, { op: e.target.value as Comparator })}>
                  {COMPARATORS.map((op) => (
                    <option key={op} value={op}>
                      {OP_WORDS[op]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`gd-${key}-threshold`} label={<>Threshold <span className="muted">({info?.unit ?? ''})</span></>} error={errors[`${key}-threshold`]}>
              {(a) => <input {...a} type="text" inputMode="decimal" value={row.threshold} onChange={(e) => set(i, { threshold: e.target.value })} />}
            </Field>
            {kind === 'abort' && (
              <Field id={`gd-${key}-for`} label={<>For <span className="muted">(s)</span></>} error={errors[`${key}-forSeconds`]}>
                {(a) => <input {...a} type="text" inputMode="numeric" value={(row as unknown as AbortDraft).forSeconds} onChange={(e) => set(i, { forSeconds: e.target.value })} />}
              </Field>
            )}
            <button type="button" className="button button--quiet button--small gameday__remove" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              Remove {noun.toLowerCase()} {i + 1}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="button button--quiet button--small" onClick={() => onChange([...rows, blank()])}>
        Add {kind === 'hyp' ? 'a condition' : 'an abort condition'}
      </button>
    </>
  );
}
