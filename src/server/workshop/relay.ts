/**
 * The workshop relay: a WebSocket server that passes messages between one facilitator page and
 * its players' pages, room by room. It runs no simulation and no learner code (there is no local
 * runner in this process): the facilitator's page simulates, the relay only forwards. Every
 * message is checked for size, rate, shape and the sender's role before anything happens; a bad
 * one is answered with an `error` naming what was wrong, and the relay carries on.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { DEFAULT_LIMITS, TokenBucket, type RelayLimits } from './limits';
import { ALLOWED, parseClientMessage, type ClientMessage, type ErrorCode, type ServerMessage } from './messages';
import { playerInfo, Rooms, sameSecret, type Room } from './rooms';

export const RELAY_PATH = '/relay';
/** ws closes a connection (code 1009) on frames above this, before our own reply could be sent. */
const HARD_MAX_BYTES = 8 * 1024 * 1024;

export interface RelayOptions {
  port?: number;
  /** Loopback unless the caller says otherwise (the CLI's --host). */
  host?: string;
  limits?: Partial<RelayLimits>;
  /** The clock for rates and expiry (tests pass their own). */
  now?: () => number;
  /** How often rooms are checked for expiry and dead connections pinged (ms); 0 = never (tests sweep by hand). */
  sweepEveryMs?: number;
  /** Answers plain HTTP requests (the CLI serves the built site's pages with it); 404 otherwise. */
  onHttp?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  log?: (line: string) => void;
}

interface Conn {
  ws: WebSocket;
  role: 'nobody' | 'facilitator' | 'player';
  room: Room<Conn> | null;
  playerId: string | null;
  bucket: TokenBucket;
  refusals: number;
  /** Rate-limit errors are sent at most once a second, so a flood does not double as a reply flood. */
  lastRateReply: number;
  alive: boolean;
}

export interface Relay {
  port: number;
  host: string;
  url: string;
  rooms: Rooms<Conn>;
  /** Closes rooms idle past the limit and drops connections that stopped answering pings. */
  sweep(now?: number): void;
  close(): Promise<void>;
}

export async function startRelay(options: RelayOptions = {}): Promise<Relay> {
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const rooms = new Rooms<Conn>();
  const conns = new Set<Conn>();

  const server = http.createServer((req, res) => {
    if (options.onHttp) return options.onHttp(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`This is the workshop relay; connect a WebSocket to ${RELAY_PATH}.\n`);
  });
  const wss = new WebSocketServer({ server, path: RELAY_PATH, maxPayload: HARD_MAX_BYTES, perMessageDeflate: false });

  const send = (conn: Conn | null | undefined, message: ServerMessage) => {
    if (conn && conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify(message));
  };
  const refuse = (conn: Conn, code: ErrorCode, message: string, refused?: string) => {
    conn.refusals++;
    send(conn, { type: 'error', code, message, ...(refused ? { refused } : {}) });
    if (conn.refusals > limits.maxRefusals) conn.ws.close(1008, 'too many refused messages');
  };

  const closeRoom = (room: Room<Conn>, reason: string) => {
    rooms.delete(room.code);
    for (const c of [room.facilitator, ...[...room.players.values()].map((p) => p.conn)]) {
      if (!c) continue;
      send(c, { type: 'room-closed', reason });
      c.room = null;
      c.role = 'nobody';
      c.ws.close(1000, 'room closed');
    }
    log(`room ${room.code} closed: ${reason}`);
  };

  const handle = (conn: Conn, m: ClientMessage) => {
    const room = conn.room;
    switch (m.type) {
      case 'ping':
        send(conn, { type: 'pong' });
        return;
      case 'create': {
        if (rooms.size >= limits.maxRooms) return refuse(conn, 'too-many-rooms', `This relay already has ${limits.maxRooms} rooms open; close one or start another relay.`, m.type);
        const created = rooms.create(conn, now());
        becomes(conn, 'facilitator', created);
        send(conn, { type: 'created', code: created.code, secret: created.secret });
        log(`room ${created.code} created`);
        return;
      }
      case 'resume': {
        const target = rooms.get(m.code);
        if (!target) return refuse(conn, 'no-room', `There is no room ${m.code} on this relay (it may have expired); create a new one.`, m.type);
        if (!sameSecret(m.secret, target.secret)) return refuse(conn, 'bad-secret', `That is not room ${m.code}'s facilitator secret.`, m.type);
        if (target.facilitator && target.facilitator !== conn) target.facilitator.ws.close(4000, 'the facilitator reconnected elsewhere');
        target.facilitator = conn;
        target.lastActivity = now();
        becomes(conn, 'facilitator', target);
        send(conn, { type: 'resumed', code: target.code, players: [...target.players.values()].map(playerInfo) });
        for (const p of target.players.values()) send(p.conn, { type: 'facilitator-back' });
        return;
      }
      case 'join': {
        const target = rooms.get(m.code);
        if (!target) return refuse(conn, 'no-room', `There is no room ${m.code}; check the code the facilitator shows.`, m.type);
        let player = m.rejoin ? target.players.get(m.rejoin.playerId) : undefined;
        if (m.rejoin && (!player || !sameSecret(m.rejoin.key, player.key))) player = undefined;
        const rejoined = player !== undefined;
        if (player) {
          if (player.conn && player.conn !== conn) player.conn.ws.close(4000, 'you joined again from another page');
          player.conn = conn;
          player.name = m.name;
        } else {
          if (target.players.size >= limits.maxPlayersPerRoom) return refuse(conn, 'room-full', `Room ${m.code} is full (${limits.maxPlayersPerRoom} players).`, m.type);
          player = rooms.addPlayer(target, m.name, conn);
        }
        becomes(conn, 'player', target);
        conn.playerId = player.playerId;
        send(conn, { type: 'joined', code: target.code, playerId: player.playerId, name: player.name, key: player.key, facilitatorPresent: target.facilitator !== null });
        send(target.facilitator, { type: 'player-joined', player: playerInfo(player), rejoined });
        return;
      }
      case 'to-players':
        room!.lastActivity = now();
        for (const p of room!.players.values()) send(p.conn, { type: 'from-facilitator', message: m.message });
        return;
      case 'to-player': {
        room!.lastActivity = now();
        const p = room!.players.get(m.playerId);
        if (!p) return refuse(conn, 'no-player', `There is no player ${m.playerId} in this room.`, m.type);
        send(p.conn, { type: 'from-facilitator', message: m.message });
        return;
      }
      case 'kick': {
        const p = room!.players.get(m.playerId);
        if (!p) return refuse(conn, 'no-player', `There is no player ${m.playerId} in this room.`, m.type);
        room!.players.delete(m.playerId);
        if (p.conn) {
          send(p.conn, { type: 'room-closed', reason: 'The facilitator removed you from the room.' });
          p.conn.room = null;
          p.conn.ws.close(1000, 'removed');
        }
        return;
      }
      case 'action': {
        const p = room!.players.get(conn.playerId!);
        if (!p) return refuse(conn, 'no-player', 'You are no longer in this room; join again.', m.type);
        if (!room!.facilitator) return refuse(conn, 'no-room', 'The facilitator is not connected right now; try again in a moment.', m.type);
        send(room!.facilitator, { type: 'player-action', playerId: p.playerId, name: p.name, action: m.action });
        return;
      }
    }
  };

  const becomes = (conn: Conn, role: 'facilitator' | 'player', room: Room<Conn>) => {
    conn.role = role;
    conn.room = room;
    conn.bucket.reset(limits.rate[role].perSecond, limits.rate[role].burst);
  };

  const onMessage = (conn: Conn, data: RawData, isBinary: boolean) => {
    const bytes = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
    const t = now();
    if (!conn.bucket.take(t)) {
      conn.refusals++;
      if (t - conn.lastRateReply >= 1000) {
        conn.lastRateReply = t;
        send(conn, { type: 'error', code: 'rate-limited', message: `Too many messages: at most ${limits.rate[conn.role].perSecond} a second; this one was dropped.` });
      }
      if (conn.refusals > limits.maxRefusals) conn.ws.close(1008, 'too many refused messages');
      return;
    }
    const max = limits.maxBytes[conn.role];
    if (bytes > max) return refuse(conn, 'too-large', `Message of ${bytes} bytes refused: at most ${max} bytes here.`);
    if (isBinary) return refuse(conn, 'malformed', 'The relay takes JSON text messages, not binary ones.');
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    const parsed = parseClientMessage(text);
    if (!parsed.ok) return refuse(conn, parsed.code, parsed.message);
    if (!ALLOWED[conn.role].has(parsed.message.type)) {
      const who = conn.role === 'nobody' ? 'a connection that has not joined a room' : `a ${conn.role}`;
      return refuse(conn, 'wrong-role', `"${parsed.message.type}" cannot be sent by ${who}.`, parsed.message.type);
    }
    handle(conn, parsed.message);
  };

  const onClose = (conn: Conn) => {
    const room = conn.room;
    if (!room || rooms.get(room.code) !== room) return;
    if (conn.role === 'facilitator' && room.facilitator === conn) {
      // The room waits for its facilitator (a reload resumes it) until it idles out.
      room.facilitator = null;
      for (const p of room.players.values()) send(p.conn, { type: 'facilitator-left' });
    } else if (conn.role === 'player') {
      const p = room.players.get(conn.playerId!);
      if (p && p.conn === conn) {
        p.conn = null;
        send(room.facilitator, { type: 'player-left', player: playerInfo(p) });
      }
    }
  };

  wss.on('connection', (ws) => {
    const r = limits.rate.nobody;
    const conn: Conn = { ws, role: 'nobody', room: null, playerId: null, bucket: new TokenBucket(r.perSecond, r.burst, now()), refusals: 0, lastRateReply: -Infinity, alive: true };
    ws.on('message', (data, isBinary) => {
      try {
        onMessage(conn, data, isBinary);
      } catch (error) {
        // A bug here must cost one message, not the relay and every room on it.
        log(`message handling failed: ${(error as Error).stack ?? String(error)}`);
        send(conn, { type: 'error', code: 'invalid', message: 'The relay could not handle that message.' });
      }
    });
    ws.on('pong', () => (conn.alive = true));
    conns.add(conn);
    ws.on('close', () => {
      conns.delete(conn);
      onClose(conn);
    });
    ws.on('error', (error) => log(`connection error: ${error.message}`));
  });
  wss.on('error', (error) => log(`relay error: ${error.message}`));

  const sweep = (at = now()) => {
    for (const room of rooms.expired(at, limits.idleMs)) closeRoom(room, `The room was idle for ${Math.round(limits.idleMs / 60000)} minutes.`);
    for (const conn of conns) {
      if (!conn.alive) conn.ws.terminate();
      else {
        conn.alive = false;
        conn.ws.ping();
      }
    }
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const timer = options.sweepEveryMs ? setInterval(() => sweep(), options.sweepEveryMs) : null;
  timer?.unref();

  return {
    port,
    host,
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${port}${RELAY_PATH}`,
    rooms,
    sweep,
    async close() {
      if (timer) clearInterval(timer);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
