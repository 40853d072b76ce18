import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useSelector } from '@xstate/react';
import { whoTook } from '../../workshop/debrief';
import WorkshopDebrief from './WorkshopDebrief';
import { DEFAULT_WARMUP_SECONDS } from '../../console/constants';
import { FacilitatorCore } from '../../workshop/facilitator';
import { workshopScript, type WorkshopScript } from '../../workshop/script';
import { loadPack } from '../../workshop/pack';
import { parseScenario } from '../../sim/scenarios/schema';
import type { WorkshopConsole } from './console-host';
import { startSimulationConsole } from './simulation-console';
import ConsoleView from './ConsoleView';
import FacilitatorPanels from './FacilitatorPanels';
import { openRelay, relayAddress } from './relay-socket';
import { LOCAL_CHANNEL, openLocalRoom, type LocalHandlers } from '../../workshop/local-room';
import { forgetRun, keepRun, readKeptRun, type KeptRun, type StorageLike } from '../../workshop/facilitator-store';
import { clockText } from '../../console/format';
import '../../styles/workshop.css';

function tabStorage(): StorageLike | null {
  try {
    return sessionStorage;
  } catch {
    return null;
  }
}

interface Setup {
  script: WorkshopScript;
  seed: number;
  /** The relay's address, or null: players in other windows of this browser (BroadcastChannel, no server). */
  relay: string | null;
  /** A run kept before this page reloaded: replayed, its room resumed. */
  restored?: KeptRun | null;
}

/** The facilitator's page: choose a drill and a seed, open a room, then run the session. */
export default function FacilitatorApp({ scripts }: { scripts: WorkshopScript[] }) {
  const [setup, setSetup] = useState<Setup | null>(null);
  const [kept, setKept] = useState<KeptRun | null>(() => {
    const storage = tabStorage();
    return storage ? readKeptRun(storage) : null;
  });
  if (setup) return <Session {...setup} />;
  if (kept) {
    return (
      <section className="card workshop-setup" aria-labelledby="resume-heading">
        <h2 id="resume-heading">Resume the run in progress?</h2>
        <p>
          This tab was running <strong>{kept.script.title}</strong> (seed {kept.seed}) in room <strong>{kept.session.room?.code ?? '(not opened)'}</strong>, at{' '}
          {clockText(kept.reached, kept.warmupSeconds)} with {kept.session.players.length} players and {kept.log.length} actions. Resuming replays the run to that second and reopens the room; players rejoin
          on their own.
        </p>
        <p className="workshop-toolbar">
          <button type="button" className="button" onClick={() => setSetup({ script: kept.script, seed: kept.seed, relay: kept.relay, restored: kept })}>
            Resume the run
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              const storage = tabStorage();
              if (storage) forgetRun(storage);
              setKept(null);
            }}
          >
            Discard it and open a new room
          </button>
        </p>
      </section>
    );
  }
  return <SetupForm scripts={scripts} onStart={setSetup} />;
}

function SetupForm({ scripts, onStart }: { scripts: WorkshopScript[]; onStart(s: Setup): void }) {
  const [id, setId] = useState(scripts[0]?.id ?? '');
  const [seed, setSeed] = useState(() => String(crypto.getRandomValues(new Uint32Array(1))[0]! % 100000));
  const [relay, setRelay] = useState(relayAddress);
  const [local, setLocal] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [pack, setPack] = useState<WorkshopScript | null>(null);
  const [packProblem, setPackProblem] = useState<string | null>(null);
  const script = pack ?? scripts.find((s) => s.id === id);
  const onPack = async (file: File | undefined) => {
    setPack(null);
    setPackProblem(null);
    if (!file) return;
    try {
      setPack(loadPack(file.name, await file.text(), scripts, (s) => workshopScript(parseScenario(s))));
    } catch (error) {
      setPackProblem((error as Error).message);
    }
  };
  return (
    <form
      className="card workshop-setup"
      aria-labelledby="setup-heading"
      onSubmit={(e) => {
        e.preventDefault();
        const n = Number(seed);
        if (!script) return setProblem('Choose a drill.');
        if (!Number.isInteger(n) || n < 0 || n >= 2 ** 32) return setProblem('The seed is a whole number from 0 to 4294967295; the same seed replays the same run.');
        if (local) return onStart({ script, seed: n, relay: null });
        if (!/^wss?:\/\//.test(relay)) return setProblem('The relay address starts with ws:// or wss://, for example ws://localhost:4330/relay.');
        onStart({ script, seed: n, relay });
      }}
    >
      <h2 id="setup-heading">Open a room</h2>
      <div className="field">
        <label htmlFor="ws-pack">Scenario pack (optional, JSON or YAML)</label>
        <input id="ws-pack" type="file" accept=".json,.yaml,.yml,application/json,text/yaml" aria-describedby="ws-pack-hint" onChange={(e) => void onPack(e.target.files?.[0])} />
        <p id="ws-pack-hint" className="muted">
          A drill with your team’s phases, notes, injects, contingencies and rubric (format: see “Running a workshop” in the README). Without one, choose a drill below.
        </p>
        {packProblem && (
          <pre className="notice notice--error workshop-pack-error" role="alert">
            {packProblem}
          </pre>
        )}
        {pack && (
          <p role="status">
            Pack loaded: <strong>{pack.title}</strong>, {pack.pack!.phases.length} phases, {pack.injects.length} injects, {pack.contingencies.length} contingencies, {pack.pack!.rubric.length} rubric lines.
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="ws-drill">Drill</label>
        <select id="ws-drill" value={id} disabled={pack !== null} onChange={(e) => setId(e.target.value)}>
          {scripts.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title} ({s.minutes} simulated minutes)
            </option>
          ))}
        </select>
      </div>
      {script && <p className="muted">{script.briefing}</p>}
      <div className="field">
        <label htmlFor="ws-seed">Seed</label>
        <input id="ws-seed" inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} aria-describedby="ws-seed-hint" />
        <p id="ws-seed-hint" className="muted">
          The same drill, seed and actions give the same run: note it to replay the session later.
        </p>
      </div>
      <fieldset className="field">
        <legend>Where the players are</legend>
        <label>
          <input type="radio" name="ws-mode" checked={!local} onChange={() => setLocal(false)} /> On their own laptops, through the relay
        </label>
        <label>
          <input type="radio" name="ws-mode" checked={local} onChange={() => setLocal(true)} /> On this machine: a second window for the projector (no server)
        </label>
      </fieldset>
      {!local && (
        <div className="field">
          <label htmlFor="ws-relay">Relay address</label>
          <input id="ws-relay" value={relay} onChange={(e) => setRelay(e.target.value)} aria-describedby="ws-relay-hint" spellCheck={false} />
          <p id="ws-relay-hint" className="muted">
            Started with <code>npm run workshop</code>; players need to reach it too.
          </p>
        </div>
      )}
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="button">
        Create room
      </button>
    </form>
  );
}

function Session({ script, seed, relay, restored = null }: Setup) {
  const [core] = useState(() => new FacilitatorCore(script, seed, restored?.warmupSeconds ?? DEFAULT_WARMUP_SECONDS, restored));
  const [c] = useState<WorkshopConsole>(() => {
    const started = startSimulationConsole((conn) => core.wrap(conn));
    core.attach(started.actor, started.frames);
    return started;
  });
  const snapshot = useSyncExternalStore(core.subscribe, core.getSnapshot);

  useEffect(() => {
    c.actor.send({ type: 'LOAD', request: core.loadRequest() });
    core.connectRelay(null, 'connecting');
    const handlers: LocalHandlers = {
      onOpen(send) {
        core.connectRelay(send, 'open');
        const room = core.getSnapshot().session.room;
        send(room ? { type: 'resume', code: room.code, secret: room.secret } : { type: 'create' });
      },
      onMessage: (m) => core.onRelay(m),
    };
    // No server in local mode: the page itself is the room, over a BroadcastChannel to the players' windows.
    const socket = relay === null ? openLocalRoom(new BroadcastChannel(LOCAL_CHANNEL), handlers) : openRelay(relay, { ...handlers, onClose: () => core.connectRelay(null, 'connecting') });
    return () => {
      socket.close();
      c.stop();
    };
  }, [c, core, relay]);

  // Keep the run in this tab so a reload resumes it; if storage refuses, warn before the page goes.
  useEffect(() => {
    const storage = tabStorage();
    let kept = storage !== null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const save = () => {
      timer = null;
      if (!storage) return;
      kept = keepRun(storage, { version: 1, script, seed, warmupSeconds: core.warmupSeconds, relay, ...core.keepable() });
    };
    const soon = () => {
      if (timer === null) timer = setTimeout(save, 1000);
    };
    const unsubscribe = core.subscribe(soon);
    const watch = c.actor.subscribe(soon);
    const beforeUnload = (e: BeforeUnloadEvent) => {
      save();
      if (!kept) e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      if (timer !== null) clearTimeout(timer);
      unsubscribe();
      watch.unsubscribe();
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [c, core, script, seed, relay]);

  const inDebrief = useSelector(c.actor, (s) => s.matches('debrief'));
  const log = useSelector(c.actor, (s) => s.context.reveal?.log ?? s.context.log);
  const who = useMemo(() => whoTook(log, snapshot.session.attribution), [log, snapshot.session.attribution]);
  const [projector, setProjector] = useState(false);
  const projecting = projector && inDebrief;
  return (
    <div className={projecting ? 'workshop workshop--projector' : 'workshop'}>
      {inDebrief && (
        <p className="workshop-toolbar">
          <button type="button" className="button button--small" aria-pressed={projecting} onClick={() => setProjector(!projector)}>
            {projecting ? 'Back to the facilitator’s view' : 'Projector view'}
          </button>{' '}
          <span className="muted">{projecting ? 'The team’s debrief in large type: your private notes and the script stay off this screen.' : 'Large type, one column, no private notes: for the team’s screen.'}</span>
        </p>
      )}
      {!projecting && <FacilitatorPanels core={core} snapshot={snapshot} console={c} local={relay === null} />}
      <ConsoleView console={c} role="facilitator" who={who} debrief={<WorkshopDebrief core={core} snapshot={snapshot} projector={projecting} who={who} />} />
    </div>
  );
}
