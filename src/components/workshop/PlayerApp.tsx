import { useEffect, useState, useSyncExternalStore } from 'react';
import { clockText } from '../../console/format';
import { PlayerLink, type FeedStore, type RejoinStore } from '../../workshop/player';
import { keptFeedSchema } from '../../workshop/protocol';
import { startRelayConsole, type WorkshopConsole } from './console-host';
import ConsoleView from './ConsoleView';
import JoinRoomForm, { type JoinWords } from './JoinRoomForm';
import { openRelay, relayAddress } from './relay-socket';
import { LOCAL_CHANNEL, openLocalPlayer } from '../../workshop/local-room';
import '../../styles/workshop.css';
import { tabSeat } from '../../workshop/tab-seat';

const KEY = 'blast-radius-workshop-player';

/** This tab's seat in a room, so a reload rejoins as the same player. */
const seat = tabSeat<{ code: string; name: string; playerId?: string; key?: string }>(KEY);

const WORDS: JoinWords = {
  heading: 'Join a workshop',
  nameLabel: 'Your name',
  codeProblem: 'The room code is the 6 letters and digits the facilitator shows.',
  nameProblem: 'Enter the name your team knows you by.',
};

/** The messages and team feed of this tab's room, kept across a reload (a bad copy is dropped, not shown). */
const feedStore: FeedStore = {
  load(code) {
    try {
      const r = keptFeedSchema.safeParse(JSON.parse(sessionStorage.getItem(`${KEY}:feed:${code}`) ?? 'null'));
      return r.success ? r.data : null;
    } catch {
      return null;
    }
  },
  save: (code, value) => sessionStorage.setItem(`${KEY}:feed:${code}`, JSON.stringify(value)),
};

/** The players' page: join a room with its code and a name, then the drill console, fed by the facilitator's run. */
export default function PlayerApp() {
  const [joined, setJoined] = useState<{ code: string; name: string; local: boolean } | null>(() => {
    const params = new URLSearchParams(location.search);
    // A window the facilitator opened on this machine (the projector): joins at once, over BroadcastChannel.
    const local = params.get('local')?.toUpperCase();
    if (local) return { code: local, name: params.get('name')?.trim().slice(0, 40) || 'Projector', local: true };
    const s = seat.read();
    const code = params.get('code')?.toUpperCase();
    return s && (!code || code === s.code) ? { code: s.code, name: s.name, local: false } : null;
  });
  const join = ({ code, name }: { code: string; name: string }) => {
    seat.write({ code, name });
    setJoined({ code, name, local: false });
  };
  return joined ? <Room {...joined} /> : <JoinRoomForm id="join" words={WORDS} initialCode={new URLSearchParams(location.search).get('code')?.toUpperCase() ?? ''} onJoin={join} />;
}

function Room({ code, name, local }: { code: string; name: string; local: boolean }) {
  const [link] = useState(() => {
    const store: RejoinStore = {
      get: (c) => {
        const s = seat.read();
        return s && s.code === c && s.playerId && s.key ? { playerId: s.playerId, key: s.key } : null;
      },
      set: (c, v) => seat.write({ code: c, name, ...v }),
    };
    return new PlayerLink(code, name, store, feedStore);
  });
  const [c] = useState<WorkshopConsole>(() => startRelayConsole(link.connection()));
  const snap = useSyncExternalStore(link.subscribe, link.getSnapshot);

  useEffect(() => {
    // A new run state (catch-up or the facilitator's rewind) is taken while the console is loading.
    link.beforeLoaded = () => {
      if (!c.actor.getSnapshot().matches('loading')) c.actor.send({ type: 'LOAD', request: { source: { kind: 'builtin', id: 'workshop' }, seed: 0, warmupSeconds: 0, skipBriefing: true } });
    };
    const handlers = { onOpen: link.opened.bind(link), onMessage: link.onRelay.bind(link) };
    const socket = local ? openLocalPlayer(new BroadcastChannel(LOCAL_CHANNEL), code, handlers) : openRelay(relayAddress(), { ...handlers, onClose: () => link.closed() });
    return () => {
      socket.close();
      c.stop();
    };
  }, [c, link, local, code]);

  const warm = c.actor.getSnapshot().context.scenario?.warmupSeconds ?? 0;
  const status =
    snap.status === 'joining' ? 'Connecting to the room…' : snap.status === 'closed' ? 'The room is closed.' : snap.status === 'facilitator-away' ? 'The facilitator is reconnecting; the run is on hold.' : 'Connected.';
  return (
    <div className="workshop">
      <section className="card workshop-seat" aria-labelledby="seat-heading">
        <h2 id="seat-heading">
          Room {code} · {snap.name}
          {snap.role ? ` · ${snap.role}` : ''}
        </h2>
        <p className="muted" role="status">
          {status}
        </p>
        {snap.status === 'closed' && (
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => {
              seat.clear();
              sessionStorage.removeItem(`${KEY}:feed:${code}`);
              location.search = '';
            }}
          >
            Join another room
          </button>
        )}
        {Object.keys(snap.roles).length > 0 && (
          <p className="muted">
            Team:{' '}
            {Object.entries(snap.names)
              .map(([id, n]) => `${n}${snap.roles[id] ? ` (${snap.roles[id]})` : ''}`)
              .join(', ')}
          </p>
        )}
      </section>
      {snap.discussion !== null && (
        <section className="card workshop-discussion" aria-labelledby="discussion-heading">
          <h2 id="discussion-heading">Paused for discussion</h2>
          <p role="status">{snap.discussion}</p>
          <p className="muted">The facilitator stopped the clock; talk it through, the run goes on when they resume it.</p>
        </section>
      )}
      {snap.debrief && (
        <section className="card workshop-messages" aria-labelledby="team-debrief-heading">
          <h2 id="team-debrief-heading">Debrief: the session, minute by minute</h2>
          <p className="muted">What the team did and was told, and the notes the facilitator shared. The measured effects and the postmortem are on the facilitator’s screen.</p>
          <ol className="workshop-entries workshop-entries--debrief">
            {snap.debrief.map((e, i) => (
              <li key={i} data-kind={e.kind}>
                <span className="workshop-entries__t">{clockText(e.t, warm)}</span> <strong>{e.kind === 'note' ? 'Facilitator’s note' : e.who}</strong> {e.text}
              </li>
            ))}
          </ol>
        </section>
      )}
      <section className="card workshop-messages" aria-labelledby="messages-heading">
        <h2 id="messages-heading">Messages</h2>
        {snap.messages.length === 0 && snap.feed.length === 0 && snap.waiting.length === 0 ? <p className="muted">Stakeholder messages and your team’s actions appear here.</p> : null}
        {snap.waiting.length > 0 && (
          <ul className="workshop-waiting" role="status">
            {snap.waiting.map((w) => (
              <li key={w.id}>Waiting for the facilitator’s approval: {w.text}</li>
            ))}
          </ul>
        )}
        <ol className="workshop-entries" aria-live="polite">
          {snap.messages.map((m, i) => (
            <li key={`m${i}`} data-kind={m.kind}>
              {m.at !== null && <span className="workshop-entries__t">{clockText(m.at, warm)}</span>} <strong>{m.from}</strong> {m.text}
            </li>
          ))}
          {snap.feed.map((f, i) => (
            <li key={`f${i}`} data-kind="action">
              <span className="workshop-entries__t">{clockText(f.t, warm)}</span> <strong>{f.who}</strong> {f.text}
            </li>
          ))}
        </ol>
      </section>
      <ConsoleView console={c} role="player" />
    </div>
  );
}
