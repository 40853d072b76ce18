import { useMemo } from 'react';
import type { AlertCause, FaultBand } from '../../console/debrief/faults-revealed';
import { durationText } from '../../console/format';
import type { Frame } from '../../console/protocol';
import RevealChart, { type RevealSeries } from './RevealChart';

interface Props {
  frames: readonly Frame[];
  warmupSeconds: number;
  rootCause: string;
  bands: FaultBand[];
  causes: AlertCause[];
  cursor: number | null;
}

const at = (s: number) => `T${s < 0 ? '-' : '+'}${durationText(Math.abs(s))}`;

const ERRORS: RevealSeries[] = [{ key: 'errorPct:edge', label: 'errors % at the edge', unit: '%' }];
const BUDGET: RevealSeries[] = [{ key: 'slo.budgetBurnedPercent', label: 'error budget burned %', unit: '%' }];

/** What was hidden: the root cause, each fault as a band on the charts, and which fault each alert came from. */
export default function FaultsRevealed({ frames, warmupSeconds, rootCause, bands, causes, cursor }: Props) {
  const bandText = useMemo(
    () => (bands.length ? bands.map((b) => `fault ${b.id ?? b.type} (${b.type}) from ${at(b.from)}${b.to === null ? ' to the end' : ` to ${at(b.to)}`}`).join('; ') : 'no faults ran'),
    [bands],
  );
  return (
    <section className="debrief__section" aria-labelledby="debrief-faults">
      <h3 id="debrief-faults">Faults revealed</h3>
      {rootCause && (
        <p className="debrief__cause">
          <strong>Root cause:</strong> {rootCause}
        </p>
      )}
      <ul className="debrief__bands" data-testid="faults-revealed">
        {bands.map((b, i) => (
          <li key={i}>
            <strong>Fault {b.id ?? b.type}</strong> ({b.type}): from {at(b.from)}
            {b.to === null ? ' until the run ended or an action removed it' : ` to ${at(b.to)}`}
          </li>
        ))}
        {bands.length === 0 && <li>No faults ran in this run.</li>}
      </ul>
      <div className="debrief__charts">
        <RevealChart
          title="Errors at the edge, with the hidden faults shaded"
          frames={frames}
          warmupSeconds={warmupSeconds}
          series={ERRORS}
          bands={bands}
          alerts={causes}
          cursor={cursor}
          description={`Edge error rate over the run; shaded: ${bandText}; dotted lines: alerts firing.`}
        />
        <RevealChart
          title="Error budget burned, with the hidden faults shaded"
          frames={frames}
          warmupSeconds={warmupSeconds}
          series={BUDGET}
          bands={bands}
          alerts={causes}
          cursor={cursor}
          description={`Error budget burned over the run; shaded: ${bandText}.`}
        />
      </div>
      <h4>Why each alert fired</h4>
      <ul className="debrief__alerts">
        {causes.map((c, i) => (
          <li key={i}>
            {c.severity === 'page' ? 'Page' : 'Ticket'} <code>{c.alert}</code> fired at {at(c.firedAt)}{' '}
            {c.fault ? (
              <>
                because of fault <strong>{c.fault.id ?? c.fault.type}</strong> (running since {at(c.fault.from)})
              </>
            ) : (
              'with no fault running: a side effect of the system or of an action'
            )}
          </li>
        ))}
        {causes.length === 0 && <li>No alert fired.</li>}
      </ul>
    </section>
  );
}
