/**
 * A player's page logic without React: the console machine's connection is the relay, not a
 * worker. The player's console sends actions and asks for catch-ups; clock commands are ignored
 * (the facilitator runs the clock for everyone). What arrives is checked (protocol.ts) and handed
 * to the console as if a worker had sent it.
 */
import type { ClientMessage, ServerMessage } from '../server/workshop/messages';
import type { ConsoleConnection } from '../console/connection';
import type { FromWorker } from '../console/protocol';
import { parseToPlayer, type TeamRole } from './protocol';

export interface PlayerMessage {
  kind: 'stakeholder' | 'refused' | 'room' | 'approval';
  from: string;
  text: string;
  /** Simulated second, when known. */
  at: number | null;
}

export interface FeedEntry {
  t: number;
  who: string;
  text: string;
}

export interface PlayerSnapshot {
  status: 'joining' | 'joined' | 'facilitator-away' | 'closed';
  playerId: string | null;
  name: string;
  role: TeamRole | null;
  roles: Record<string, TeamRole>;
  names: Record<string, string>;
  messages: PlayerMessage[];
  /** Actions the team took, with who took them. */
  feed: FeedEntry[];
  ended: boolean;
  /** What the facilitator paused the clock for the team to discuss (null: playing on). */
  discussion: string | null;
  /** This player's actions waiting for the facilitator's approval. */
  waiting: { id: string; text: string }[];
  /** The team's debrief timeline, once the facilitator's run is over (null before). */
  debrief: { t: number; kind: string; who: string; text: string }[] | null;
  /** Set once the first run state arrived (the console can load). */
  hasRun: boolean;
}

/** How a rejoin is remembered across a reload of the page (per room). */
export interface RejoinStore {
  get(code: string): { playerId: string; key: string } | null;
  set(code: string, value: { playerId: string; key: string }): void;
}

/**
 * Where a player's messages and team feed are kept, per room, so a reload does not wipe what the
 * team was told (the relay's catch-up carries the run, not the conversation).
 */
export interface FeedStore {
  load(code: string): { messages: PlayerMessage[]; feed: FeedEntry[] } | null;
  save(code: string, value: { messages: PlayerMessage[]; feed: FeedEntry[] }): void;
}

const MAX_MESSAGES = 200;

export class PlayerLink {
  #snapshot: PlayerSnapshot;
  #listeners = new Set<() => void>();
  #console = new Set<(message: FromWorker) => void>();
  #send: ((message: ClientMessage) => void) | null = null;

  constructor(
    readonly code: string,
    name: string,
    private readonly store: RejoinStore | null = null,
    private readonly feedStore: FeedStore | null = null,
  ) {
    const kept = feedStore?.load(code) ?? null;
    this.#snapshot = {
      status: 'joining',
      playerId: null,
      name,
      role: null,
      roles: {},
      names: {},
      messages: kept?.messages.slice(-MAX_MESSAGES) ?? [],
      feed: kept?.feed.slice(-MAX_MESSAGES) ?? [],
      ended: false,
      discussion: null,
      debrief: null,
      waiting: [],
      hasRun: false,
    };
  }

  /** The socket is open: join (or rejoin, keeping this player's identity). */
  opened(send: (message: ClientMessage) => void): void {
    this.#send = send;
    const rejoin = this.store?.get(this.code) ?? undefined;
    send({ type: 'join', code: this.code, name: this.#snapshot.name, ...(rejoin ? { rejoin } : {}) });
  }

  closed(): void {
    this.#send = null;
    if (this.#snapshot.status !== 'closed') this.#update({ status: 'joining' });
  }

  /** The console machine's connection. */
  connection(): ConsoleConnection {
    return {
      send: (message) => {
        if (message.type === 'act') this.#action({ kind: 'act', action: message.action as Record<string, unknown> });
        // Loading, rewinding or reloading: ask the facilitator for the run as it is now.
        else if (message.type === 'load' || message.type === 'seek') this.requestCatchUp();
      },
      listen: (listener) => {
        this.#console.add(listener);
        return () => this.#console.delete(listener);
      },
      close: () => this.#console.clear(),
    };
  }

  /** Asks for the run as it is now (nothing to ask while disconnected: joining asks anyway). */
  requestCatchUp(): void {
    if (this.#send && !this.#quiet) this.#send({ type: 'action', action: { kind: 'catch-up' } });
  }

  /**
   * Called before a new run state (a catch-up, or the facilitator's rewind) reaches the console,
   * so the page can put its console into loading first; catch-ups it would ask for are not sent.
   */
  beforeLoaded: (() => void) | null = null;
  #quiet = false;

  onRelay(message: ServerMessage): void {
    switch (message.type) {
      case 'joined':
        this.store?.set(this.code, { playerId: message.playerId, key: message.key });
        this.#update({ status: message.facilitatorPresent ? 'joined' : 'facilitator-away', playerId: message.playerId, name: message.name });
        this.requestCatchUp();
        return;
      case 'facilitator-left':
        this.#update({ status: 'facilitator-away' });
        return;
      case 'facilitator-back':
        this.#update({ status: 'joined' });
        this.requestCatchUp();
        return;
      case 'room-closed':
        this.#message({ kind: 'room', from: 'Relay', text: message.reason, at: null });
        this.#update({ status: 'closed' });
        return;
      case 'error':
        this.#message({ kind: 'refused', from: 'Relay', text: message.message, at: null });
        return;
      case 'from-facilitator':
        this.#fromFacilitator(message.message);
        return;
      default:
        return;
    }
  }

  #fromFacilitator(raw: unknown): void {
    const m = parseToPlayer(raw);
    if (!m) return; // not something a player page shows; ignoring it loses nothing of the run
    switch (m.kind) {
      case 'console': {
        const msg = m.msg as unknown as FromWorker;
        if (msg.type === 'loaded') {
          // A new run state (the facilitator rewound): the old debrief no longer describes it.
          if (this.#snapshot.debrief) this.#update({ debrief: null });
          this.#quiet = true;
          try {
            this.beforeLoaded?.();
          } finally {
            this.#quiet = false;
          }
          if (!this.#snapshot.hasRun) this.#update({ hasRun: true });
        }
        if (msg.type === 'acted' && m.by) {
          this.#update({ feed: [...this.#snapshot.feed, { t: msg.record.at, who: m.by, text: msg.record.message || msg.record.action.type }].slice(-MAX_MESSAGES) });
          this.#keep();
        }
        for (const l of [...this.#console]) l(msg);
        return;
      }
      case 'session':
        this.#update({ roles: m.roles, names: m.names, role: this.#snapshot.playerId ? (m.roles[this.#snapshot.playerId] ?? null) : null, ended: m.ended, discussion: m.discussion });
        return;
      case 'stakeholder':
        this.#message({ kind: 'stakeholder', from: m.from, text: m.text, at: m.at });
        return;
      case 'refused':
        this.#message({ kind: 'refused', from: 'Facilitator', text: m.message, at: null });
        return;
      case 'debrief':
        this.#update({ debrief: m.entries });
        return;
      case 'approval':
        if (m.status === 'waiting') {
          if (!this.#snapshot.waiting.some((w) => w.id === m.id)) this.#update({ waiting: [...this.#snapshot.waiting, { id: m.id, text: m.text }] });
          return;
        }
        this.#update({ waiting: this.#snapshot.waiting.filter((w) => w.id !== m.id) });
        this.#message({ kind: 'approval', from: 'Facilitator', text: m.status === 'approved' ? `approved your ${m.text}` : `rejected your ${m.text}${m.reason ? `: ${m.reason}` : ''}`, at: null });
        return;
    }
  }

  #action(action: Record<string, unknown>): void {
    if (!this.#send) {
      this.#message({ kind: 'refused', from: 'This page', text: 'Not connected to the room right now; that was not sent. Reconnecting…', at: null });
      return;
    }
    this.#send({ type: 'action', action });
  }

  #message(m: PlayerMessage): void {
    this.#update({ messages: [...this.#snapshot.messages, m].slice(-MAX_MESSAGES) });
    this.#keep();
  }

  #keep(): void {
    try {
      this.feedStore?.save(this.code, { messages: this.#snapshot.messages, feed: this.#snapshot.feed });
    } catch {
      // Storage full or blocked: the feed still shows; only a reload would lose it, as before.
    }
  }

  #update(patch: Partial<PlayerSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const l of [...this.#listeners]) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): PlayerSnapshot => this.#snapshot;
}
