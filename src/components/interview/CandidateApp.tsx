import { useEffect, useState, useSyncExternalStore } from 'react';
import { clockText } from '../../console/format';
import { joinLocalRoom, newSeatId } from '../../interview/local-room';
import { PlayerLink, type RejoinStore } from '../../workshop/player';
import { startRelayConsole, type WorkshopConsole } from '../workshop/console-host';
import ConsoleView from '../workshop/ConsoleView';
import JoinRoomForm, { type JoinWords } from '../workshop/JoinRoomForm';
import '../../styles/workshop.css';
import { tabSeat } from '../../workshop/tab-seat';

const KEY = 'blast-radius-interview-candidate';

interface Seat {
  code: string;
  name: string;
  seatId: string;
  key?: string;
}

/** This window's seat, so a reload rejoins as the same candidate. */
const seat = tabSeat<Seat>(KEY);

const WORDS: JoinWords = {
  heading: 'Join the interview',
  nameLabel: 'Your name (optional)',
  codeProblem: 'The room code is the 6 letters and digits the interviewer’s window shows.',
};

const roomParam = () => new URLSearchParams(location.search).get('room')?.toUpperCase() ?? '';

/** The candidate's window of an interviewer-led interview: join with the room code, then the console and the interviewer's nudges. */
export default function CandidateApp() {
  const [joined, setJoined] = useState<Seat | null>(() => {
    const s = seat.read();
    return s && s.code === roomParam() ? s : null;
  });
  const join = ({ code, name }: { code: string; name: string }) => {
    const s: Seat = { code, name: name || 'Candidate', seatId: newSeatId() };
    seat.write(s);
    setJoined(s);
  };
  return joined ? <Room {...joined} /> : <JoinRoomForm id="cand" words={WORDS} initialCode={roomParam()} onJoin={join} />;
}

function Room({ code, name, seatId }: Seat) {
  const [link] = useState(() => {
    const store: RejoinStore = {
      get: (c) => {
        const s = seat.read();
        return s && s.code === c && s.key ? { playerId: s.seatId, key: s.key } : null;
      },
      set: (c, v) => seat.write({ code: c, name, seatId, key: v.key }),
    };
    return new PlayerLink(code, name, store);
  });
  const [c] = useState<WorkshopConsole>(() => startRelayConsole(link.connection()));
  const snap = useSyncExternalStore(link.subscribe, link.getSnapshot);

  useEffect(() => {
    link.beforeLoaded = () => {
      if (!c.actor.getSnapshot().matches('loading')) c.actor.send({ type: 'LOAD', request: { source: { kind: 'builtin', id: 'interview' }, seed: 0, warmupSeconds: 0, skipBriefing: true } });
    };
    const room = joinLocalRoom(code, seatId, { onOpen: (send) => link.opened(send), onMessage: (m) => link.onRelay(m) });
    const leave = () => room.close();
    addEventListener('pagehide', leave);
    return () => {
      removeEventListener('pagehide', leave);
      room.close();
      c.stop();
    };
  }, [c, link, code, seatId]);

  const warm = c.actor.getSnapshot().context.scenario?.warmupSeconds ?? 0;
  const nudges = snap.messages.filter((m) => m.kind === 'stakeholder');
  const problems = snap.messages.filter((m) => m.kind !== 'stakeholder');
  const status =
    snap.status === 'joining'
      ? 'Waiting for the interviewer’s window (open in this browser)…'
      : snap.status === 'closed'
        ? 'The interview is closed.'
        : snap.status === 'facilitator-away'
          ? 'The interviewer’s window was closed; the interview is on hold.'
          : 'Connected. Think aloud: write hypotheses as notes before you act on them.';
  return (
    <div className="workshop">
      <section className="card workshop-seat" aria-labelledby="cand-seat">
        <h2 id="cand-seat">
          Interview {code} · {snap.name}
        </h2>
        <p className="muted" role="status" data-testid="candidate-connection">
          {status}
        </p>
      </section>
      <section className="card workshop-messages" aria-labelledby="cand-nudges">
        <h2 id="cand-nudges">From the interviewer</h2>
        {nudges.length === 0 && problems.length === 0 && <p className="muted">The interviewer’s nudges appear here.</p>}
        <ol className="workshop-entries" aria-live="polite" data-testid="candidate-nudges">
          {nudges.map((m, i) => (
            <li key={`n${i}`} data-kind="stakeholder">
              {m.at !== null && <span className="workshop-entries__t">{clockText(m.at, warm)}</span>} <strong>{m.from}</strong> {m.text}
            </li>
          ))}
          {problems.map((m, i) => (
            <li key={`p${i}`} data-kind={m.kind}>
              <strong>{m.from}</strong> {m.text}
            </li>
          ))}
        </ol>
      </section>
      <ConsoleView console={c} role="player" host="interviewer" recordViews />
    </div>
  );
}
