/**
 * The facilitator's page logic without React: it sits between the facilitator's console (the only
 * simulation) and the relay. Console messages go to players through player-view.ts; due injects
 * fire as the clock reaches them; players' actions are checked (role, shape) and applied through
 * the console machine, attributed to who took them; everything lands on the session timeline.
 */
import type { ClientMessage, ServerMessage } from '../server/workshop/messages';
import type { ConsoleConnection } from '../console/connection';
import type { FrameStore } from '../console/frame-store';
import type { ConsoleActor, LoadRequest } from '../console/machine';
import type { FromWorker, LoggedAction } from '../console/protocol';
import { contingencyUpdates } from './contingency';
import { debriefTimeline } from './debrief';
import { describeRequest, readPlayerRequest } from './player-requests';
import { catchUp, forPlayers, framesInParts } from './player-view';
import type { TeamRole, ToPlayer } from './protocol';
import type { WorkshopScript } from './script';
import { dueInjects, initialSession, publicSession, sessionReducer, type SessionEvent, type SessionState } from './session';
import { exportSession } from './session-export';

export type RelayStatus = 'offline' | 'connecting' | 'open' | 'closed';

export interface FacilitatorSnapshot {
  session: SessionState;
  relay: RelayStatus;
  /** The relay's or a page's last complaint, for the facilitator to read. */
  problem: string | null;
  ended: boolean;
}

/** Who an `act` on its way to the simulation was taken by. */
interface Actor {
  name: string;
  playerId: string | null;
}

const FACILITATOR: Actor = { name: 'Facilitator', playerId: null };

export class FacilitatorCore {
  #snapshot: FacilitatorSnapshot;
  #listeners = new Set<() => void>();
  #pending: Actor[] = [];
  #nextActor: Actor | null = null;
  #actor: ConsoleActor | null = null;
  #frames: FrameStore | null = null;
  #send: ((message: ClientMessage) => void) | null = null;
  #lastT = 0;
  #queued = 0;

  /** A run kept before a reload (facilitator-store.ts): its log, replayed to the second it reached. */
  #restored: { log: LoggedAction[]; reached: number } | null = null;

  constructor(
    readonly script: WorkshopScript,
    readonly seed: number,
    readonly warmupSeconds: number,
    restored: { session: SessionState; log: LoggedAction[]; reached: number } | null = null,
  ) {
    const session = restored?.session ?? initialSession(script.id, seed, warmupSeconds, script.injects, script.contingencies, script.pack?.rubric ?? []);
    // Players are back when the relay says so; the discussion prompt stays, the clock starts paused.
    this.#snapshot = { session: restored ? { ...session, players: session.players.map((p) => ({ ...p, connected: false })) } : session, relay: 'offline', problem: null, ended: false };
    if (restored) {
      this.#restored = { log: restored.log, reached: restored.reached };
      this.#queued = session.timeline.filter((e) => e.kind === 'approval' && e.who !== 'Facilitator').length;
    }
  }

  /** The console's load request: the drill without its own faults (they come as this session's injects); a kept run replays its log. */
  loadRequest(): LoadRequest {
    const replay = this.#restored ? { log: this.#restored.log.map(({ at, action }) => ({ at, action })), reachedSeconds: this.#restored.reached } : undefined;
    return { source: { kind: 'custom', scenario: this.script.scenario }, seed: this.seed, warmupSeconds: this.warmupSeconds, skipBriefing: true, ...(replay ? { replay } : {}) };
  }

  /** What a reload needs to carry on: the session and the console's log up to the second reached. */
  keepable(): { session: SessionState; log: LoggedAction[]; reached: number } {
    const snap = this.#actor?.getSnapshot();
    // Until the kept run has replayed, the console holds nothing worth keeping over it.
    const ctx = snap && (snap.matches('session') || snap.matches('finishing') || snap.matches('debrief')) ? snap.context : null;
    return { session: this.#snapshot.session, log: ctx ? [...ctx.log] : (this.#restored?.log ?? []), reached: ctx?.clock.t ?? this.#restored?.reached ?? 0 };
  }

  /** Wraps the console's connection so every command and message passes through here first. */
  wrap(connection: ConsoleConnection): ConsoleConnection {
    connection.listen((message) => this.#onConsole(message));
    return {
      send: (message) => {
        if (message.type === 'act') this.#pending.push(this.#nextActor ?? FACILITATOR);
        if (message.type === 'load' || message.type === 'seek') this.#pending = [];
        connection.send(message);
      },
      listen: (listener) => connection.listen(listener),
      close: () => connection.close(),
    };
  }

  attach(actor: ConsoleActor, frames: FrameStore): void {
    this.#actor = actor;
    this.#frames = frames;
  }

  /** Where relay messages go out (a WebSocket in the page, a test client in tests). */
  connectRelay(send: ((message: ClientMessage) => void) | null, status: RelayStatus): void {
    this.#send = send;
    this.#update({ relay: status });
  }

  // ---- what the facilitator does ----

  fire(id: string): void {
    const inject = this.#snapshot.session.injects.find((i) => i.id === id && i.status === 'scheduled');
    if (!inject || !this.#inSession()) return;
    const t = this.#now();
    this.#dispatch({ type: 'FIRED', id, t });
    // A pack's timed message goes to the players as it is; a fault goes to the simulation, out of their sight.
    if (inject.message) this.stakeholder(inject.message.from, inject.message.text);
    else this.#act({ type: 'inject-fault', fault: inject.fault }, { name: `Facilitator (${id})`, playerId: null });
  }

  delay(id: string, seconds: number): void {
    this.#dispatch({ type: 'DELAY', id, seconds, t: this.#now() });
  }

  skip(id: string): void {
    this.#dispatch({ type: 'SKIP', id, t: this.#now() });
  }

  stakeholder(from: string, text: string): void {
    const t = this.#now();
    this.#dispatch({ type: 'STAKEHOLDER', t, from, text });
    this.#toPlayers({ kind: 'stakeholder', at: t, from, text });
  }

  skipContingency(id: string): void {
    this.#dispatch({ type: 'CONTINGENCY', id, status: 'skipped', t: this.#now() });
  }

  /** Pauses the clock for everyone and shows the players what to discuss (the same prompt again does nothing). */
  discuss(prompt: string): void {
    const text = prompt.trim() || 'What do we know, and what do we try next?';
    this.#actor?.send({ type: 'PAUSE' });
    this.#dispatch({ type: 'DISCUSSION', prompt: text, t: this.#now() });
    this.#toPlayers(publicSession(this.#snapshot.session, this.#snapshot.ended));
  }

  /** Ends the discussion and plays on. */
  resume(): void {
    if (this.#snapshot.session.discussion === null) return;
    this.#dispatch({ type: 'DISCUSSION', prompt: null, t: this.#now() });
    this.#toPlayers(publicSession(this.#snapshot.session, this.#snapshot.ended));
    if (!this.#snapshot.ended) this.#actor?.send({ type: 'PLAY' });
  }

  /** A note on the session timeline: private to this page unless `shared` (then on the team's debrief too). */
  note(text: string, shared = false): void {
    this.#dispatch({ type: 'NOTE', t: this.#now(), text, shared });
    if (shared && this.#snapshot.ended) this.#sendDebrief();
  }

  /** Whether players' actions wait for approval (those already waiting keep waiting for a decision). */
  setApproval(on: boolean): void {
    this.#dispatch({ type: 'APPROVAL', on, t: this.#now() });
  }

  /** Applies a waiting action, attributed to the player who asked for it. */
  approve(id: string): void {
    const item = this.#snapshot.session.queue.find((q) => q.id === id);
    if (!item) return;
    if (!this.#inSession()) {
      this.#update({ problem: 'The run is not on right now: approve once it plays again, or reject the action.' });
      return;
    }
    this.#dispatch({ type: 'DECIDED', id, approved: true, reason: '', t: this.#now() });
    this.#send?.({ type: 'to-player', playerId: item.playerId, message: { kind: 'approval', id, status: 'approved', text: item.text, reason: '' } satisfies ToPlayer });
    this.#act(item.action, { name: item.name, playerId: item.playerId });
  }

  /** Drops a waiting action; the player reads why. */
  reject(id: string, reason: string): void {
    const item = this.#snapshot.session.queue.find((q) => q.id === id);
    if (!item) return;
    const why = reason.trim().slice(0, 1000);
    this.#dispatch({ type: 'DECIDED', id, approved: false, reason: why, t: this.#now() });
    this.#send?.({ type: 'to-player', playerId: item.playerId, message: { kind: 'approval', id, status: 'rejected', text: item.text, reason: why } satisfies ToPlayer });
  }

  /** Ticks (or unticks) one line of the pack's rubric; the timeline keeps when, as a private note. */
  rubric(index: number, checked: boolean): void {
    this.#dispatch({ type: 'RUBRIC', index, checked, t: this.#now() });
  }

  /** Shares a note already taken (by its index on the timeline) with the team, or takes it back. */
  shareNote(index: number, shared: boolean): void {
    this.#dispatch({ type: 'SHARE_NOTE', index, shared });
    if (this.#snapshot.ended) this.#sendDebrief();
  }

  /** The team's debrief timeline (actions with who took them, messages, discussions, shared notes) to every player. */
  #sendDebrief(playerId?: string): void {
    const entries = debriefTimeline(this.#snapshot.session, 'team').map(({ t, kind, who, text }) => ({ t, kind, who, text }));
    // The team's audience has no injects, contingencies or refusals: what is left fits the players' schema.
    const message = { kind: 'debrief', entries } as ToPlayer;
    if (playerId) this.#send?.({ type: 'to-player', playerId, message });
    else this.#toPlayers(message);
  }

  assignRole(playerId: string, role: TeamRole | null): void {
    this.#dispatch({ type: 'ASSIGN_ROLE', playerId, role, t: this.#now() });
    this.#toPlayers(publicSession(this.#snapshot.session, this.#snapshot.ended));
  }

  remove(playerId: string): void {
    this.#send?.({ type: 'kick', playerId });
    this.#dispatch({ type: 'PLAYER_REMOVED', playerId, t: this.#now() });
    this.#toPlayers(publicSession(this.#snapshot.session, this.#snapshot.ended));
  }

  /** The whole session as JSON: script, seed, roles, timeline (with attribution and notes) and the action log (it replays). */
  exportJson(): string {
    const log = this.#actor?.getSnapshot().context.log ?? [];
    return exportSession({ script: this.script, seed: this.seed, warmupSeconds: this.warmupSeconds, session: this.#snapshot.session, log });
  }

  // ---- what arrives ----

  onRelay(message: ServerMessage): void {
    const t = this.#now();
    switch (message.type) {
      case 'created':
        this.#dispatch({ type: 'ROOM', code: message.code, secret: message.secret });
        return;
      case 'resumed':
        for (const p of message.players) if (p.connected) this.#dispatch({ type: 'PLAYER_JOINED', playerId: p.playerId, name: p.name, t, rejoined: true });
        return;
      case 'player-joined':
        this.#dispatch({ type: 'PLAYER_JOINED', playerId: message.player.playerId, name: message.player.name, t, rejoined: message.rejoined });
        this.#toPlayers(publicSession(this.#snapshot.session, this.#snapshot.ended));
        return;
      case 'player-left':
        this.#dispatch({ type: 'PLAYER_LEFT', playerId: message.player.playerId, t });
        return;
      case 'player-action':
        this.#onPlayer(message.playerId, message.name, message.action);
        return;
      case 'error':
        this.#update({ problem: `The relay refused a message: ${message.message}` });
        return;
      case 'room-closed':
        this.#update({ problem: `The room was closed: ${message.reason}`, relay: 'closed' });
        return;
      default:
        return;
    }
  }

  #onPlayer(playerId: string, name: string, raw: Record<string, unknown>): void {
    const request = readPlayerRequest(this.#snapshot.session, playerId, raw);
    const who = { name, playerId };
    if (request.kind === 'refused') return this.#refuse(who, request.reason);
    if (request.kind === 'catch-up') return this.#catchUp(playerId);
    if (!this.#inSession()) return this.#refuse(who, 'The run is not on right now; wait for the facilitator.');
    if (this.#snapshot.session.approval) return this.#queue(request.action, who);
    this.#act(request.action, who);
  }

  #queue(action: Record<string, unknown>, who: Actor & { playerId: string }): void {
    const id = `q${++this.#queued}`;
    const text = describeRequest(action);
    this.#dispatch({ type: 'QUEUED', item: { id, playerId: who.playerId, name: who.name, action, t: this.#now(), text } });
    this.#send?.({ type: 'to-player', playerId: who.playerId, message: { kind: 'approval', id, status: 'waiting', text, reason: '' } satisfies ToPlayer });
  }

  #onConsole(message: FromWorker): void {
    switch (message.type) {
      case 'loaded':
        if (message.clock.t < this.#lastT) this.#dispatch({ type: 'REWOUND', t: message.clock.t });
        this.#lastT = message.clock.t;
        this.#update({ ended: message.clock.ended });
        break;
      case 'frames': {
        this.#lastT = message.clock.t;
        if (message.clock.ended && !this.#snapshot.ended) {
          this.#update({ ended: true });
          this.#toPlayers(publicSession(this.#snapshot.session, true));
          this.#sendDebrief();
        }
        // Forwarded before any inject fires, so players get this second before the fault's.
        for (const part of framesInParts(message)) this.#toPlayers({ kind: 'console', msg: part as never });
        for (const inject of dueInjects(this.#snapshot.session, message.clock.t)) this.fire(inject.id);
        this.#checkContingencies(message.clock.t);
        return;
      }
      case 'acted': {
        const who = this.#pending.shift() ?? FACILITATOR;
        const r = message.record;
        this.#dispatch({ type: 'ATTRIBUTED', t: r.at, who: who.name, actionType: r.action.type });
        if (r.action.type !== 'inject-fault') this.#dispatch({ type: r.accepted ? 'ACTED' : 'REFUSED', t: r.at, who: who.name, text: describe(r) });
        const out = forPlayers(message);
        if (out) this.#toPlayers({ kind: 'console', msg: out as never, by: who.name });
        return;
      }
      case 'error': {
        const who = this.#pending.shift();
        if (who?.playerId) this.#refuse(who, message.message);
        else this.#update({ problem: message.message });
        return;
      }
      case 'finished':
        if (!this.#snapshot.ended) {
          this.#update({ ended: true });
          this.#toPlayers(publicSession(this.#snapshot.session, true));
          this.#sendDebrief();
        }
        return;
    }
    const out = forPlayers(message);
    if (out) this.#toPlayers({ kind: 'console', msg: out as never });
  }

  #checkContingencies(t: number): void {
    const s = this.#snapshot.session;
    const { met, due } = contingencyUpdates(s.contingencies, this.#actor?.getSnapshot().context.log ?? [], t, s.warmupSeconds);
    for (const id of met) this.#dispatch({ type: 'CONTINGENCY', id, status: 'met', t });
    for (const id of due) {
      const c = s.contingencies.find((x) => x.id === id)!;
      this.#dispatch({ type: 'CONTINGENCY', id, status: 'sent', t });
      this.#toPlayers({ kind: 'stakeholder', at: t, from: c.from, text: c.text });
    }
  }

  #catchUp(playerId: string): void {
    const ctx = this.#actor?.getSnapshot().context;
    // Still warming up: the run goes to every player as soon as it is loaded.
    if (!ctx?.scenario || !this.#frames) return;
    const msg = catchUp({ scenario: ctx.scenario, clock: ctx.clock, frames: this.#frames.frames, log: ctx.log });
    this.#send?.({ type: 'to-player', playerId, message: { kind: 'console', msg } });
    this.#send?.({ type: 'to-player', playerId, message: publicSession(this.#snapshot.session, this.#snapshot.ended) });
    if (this.#snapshot.ended) this.#sendDebrief(playerId);
    // A player who reloaded still sees what they are waiting for.
    for (const q of this.#snapshot.session.queue.filter((x) => x.playerId === playerId)) {
      this.#send?.({ type: 'to-player', playerId, message: { kind: 'approval', id: q.id, status: 'waiting', text: q.text, reason: '' } satisfies ToPlayer });
    }
  }

  #refuse(who: Actor, text: string): void {
    this.#dispatch({ type: 'REFUSED', t: this.#now(), who: who.name, text });
    if (who.playerId) this.#send?.({ type: 'to-player', playerId: who.playerId, message: { kind: 'refused', message: text } satisfies ToPlayer });
  }

  #act(action: unknown, who: Actor): void {
    this.#nextActor = who;
    try {
      this.#actor?.send({ type: 'ACT', action });
    } finally {
      this.#nextActor = null;
    }
  }

  #toPlayers(message: ToPlayer): void {
    this.#send?.({ type: 'to-players', message: message as unknown as Record<string, unknown> });
  }

  #inSession(): boolean {
    return this.#actor?.getSnapshot().matches('session') ?? false;
  }

  #now(): number {
    // The console's clock, or a frame this page has seen but the machine has not taken yet.
    return Math.max(this.#actor?.getSnapshot().context.clock.t ?? 0, this.#lastT);
  }

  #dispatch(event: SessionEvent): void {
    this.#update({ session: sessionReducer(this.#snapshot.session, event) });
  }

  #update(patch: Partial<FacilitatorSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const l of [...this.#listeners]) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): FacilitatorSnapshot => this.#snapshot;
}

function describe(r: LoggedAction): string {
  return r.message ? `${r.action.type}: ${r.message}` : r.action.type;
}
