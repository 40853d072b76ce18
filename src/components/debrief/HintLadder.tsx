import { useEffect, useRef, useState } from 'react';
import { HintTimer, isMeaningful, RUNG_LABEL, RUNGS, type HintTaken } from '../../console/debrief/hints';
import { useConsole, useLog } from '../console/context';

/**
 * The hint ladder during a drill: offered after two wall-clock minutes without a meaningful action,
 * one rung at a time (a question, where to look, what to do). The hints stay in the simulation's
 * worker until a rung is asked for; each one asked for is logged there and shown in the debrief.
 */
export default function HintLadder({ now = Date.now }: { now?: () => number }) {
  const { actor, mode } = useConsole();
  const log = useLog();
  const [timer] = useState(() => new HintTimer(now));
  const [offered, setOffered] = useState(false);
  const [shown, setShown] = useState<HintTaken[]>([]);
  const [asking, setAsking] = useState(false);
  const seen = useRef(log.length);

  // A meaningful action restarts the two minutes and withdraws the offer (hints already shown stay).
  useEffect(() => {
    const fresh = log.slice(seen.current);
    seen.current = log.length;
    if (fresh.some((l) => isMeaningful(l.action, l.accepted))) {
      timer.reset();
      setOffered(false);
    }
  }, [log, timer]);

  useEffect(() => {
    const id = setInterval(() => setOffered((o) => o || timer.offered()), 1000);
    return () => clearInterval(id);
  }, [timer]);

  useEffect(() => {
    const connection = actor.getSnapshot().context.connection;
    return connection.listen((m) => {
      if (m.type === 'hint') {
        setShown((s) => [...s, m.hint]);
        setAsking(false);
      } else if (m.type === 'error') setAsking(false);
    });
  }, [actor]);

  if (mode !== 'drill' || (!offered && shown.length === 0)) return null;
  const next = RUNGS[shown.length];
  const ask = () => {
    setAsking(true);
    actor.getSnapshot().context.connection.send({ type: 'hint' });
  };
  return (
    <aside className="hint-ladder" aria-label="Hints">
      {shown.length === 0 && <p>Two minutes without a move. Want a nudge? Each hint you take is noted in the debrief.</p>}
      {shown.length > 0 && (
        <ol className="hint-ladder__rungs" aria-live="polite">
          {shown.map((h) => (
            <li key={h.rung}>
              <span className="muted">{RUNG_LABEL[RUNGS[h.rung - 1]!]}:</span> {h.text}
            </li>
          ))}
        </ol>
      )}
      {next && offered && (
        <button type="button" className="button button--quiet button--small" onClick={ask} disabled={asking}>
          {shown.length === 0 ? 'Show a hint' : 'Next hint'}: {RUNG_LABEL[next]}
        </button>
      )}
    </aside>
  );
}
