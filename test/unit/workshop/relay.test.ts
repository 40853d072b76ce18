/**
 * The relay with real sockets on a free port: rooms, roles, forwarding, and every kind of bad
 * input refused with a reason while the relay keeps serving everyone else.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startRelay, type Relay } from '../../../src/server/workshop/relay';
import type { ServerMessage } from '../../../src/server/workshop/messages';

/** A test client: every message it receives is queued, `next` waits for the next of a type. */
class Client {
  readonly got: ServerMessage[] = [];
  #waiters: { type: string; resolve: (m: ServerMessage) => void }[] = [];
  closed: { code: number } | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as ServerMessage;
      const i = this.#waiters.findIndex((w) => w.type === m.type);
      if (i >= 0) this.#waiters.splice(i, 1)[0]!.resolve(m);
      else this.got.push(m);
    });
    ws.on('close', (code) => (this.closed = { code }));
  }
  static async open(url: string): Promise<Client> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new Client(ws);
  }
  send(m: unknown) {
    this.ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  }
  next<T extends ServerMessage['type']>(type: T): Promise<Extract<ServerMessage, { type: T }>> {
    const i = this.got.findIndex((m) => m.type === type);
    if (i >= 0) return Promise.resolve(this.got.splice(i, 1)[0] as Extract<ServerMessage, { type: T }>);
    return new Promise((resolve) => this.#waiters.push({ type, resolve: resolve as (m: ServerMessage) => void }));
  }
  async roundTrip() {
    this.send({ type: 'ping' });
    await this.next('pong');
  }
  closedNow(): Promise<number> {
    if (this.closed) return Promise.resolve(this.closed.code);
    return new Promise((resolve) => this.ws.once('close', (code) => resolve(code)));
  }
}

let relay: Relay;
let clients: Client[] = [];
let clock = 1_000_000;
const open = async () => {
  const c = await Client.open(relay.url);
  clients.push(c);
  return c;
};

async function roomWithPlayers(names: string[]) {
  const fac = await open();
  fac.send({ type: 'create' });
  const created = await fac.next('created');
  const players = [];
  for (const name of names) {
    const p = await open();
    p.send({ type: 'join', code: created.code.toLowerCase(), name });
    const joined = await p.next('joined');
    await fac.next('player-joined');
    players.push({ client: p, joined });
  }
  return { fac, created, players };
}

beforeEach(async () => {
  clock = 1_000_000;
  relay = await startRelay({ port: 0, now: () => clock, limits: { maxRooms: 3, idleMs: 60_000 } });
});
afterEach(async () => {
  for (const c of clients) c.ws.terminate();
  clients = [];
  await relay.close();
});

describe('workshop relay', () => {
  it('listens on loopback by default', () => {
    expect(relay.host).toBe('127.0.0.1');
    expect(relay.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/relay$/);
  });

  it('creates a room, players join with its code, messages flow both ways', async () => {
    const { fac, created, players } = await roomWithPlayers(['Ada', 'Linus']);
    expect(created.code).toMatch(/^[A-Z2-9]{6}$/);
    expect(created.secret.length).toBeGreaterThanOrEqual(16);
    expect(players.map((p) => p.joined.name)).toEqual(['Ada', 'Linus']);
    expect(players[0]!.joined.playerId).not.toBe(players[1]!.joined.playerId);

    fac.send({ type: 'to-players', message: { kind: 'frames', t: 5 } });
    for (const p of players) expect((await p.client.next('from-facilitator')).message).toEqual({ kind: 'frames', t: 5 });

    fac.send({ type: 'to-player', playerId: players[1]!.joined.playerId, message: { kind: 'catch-up' } });
    expect((await players[1]!.client.next('from-facilitator')).message).toEqual({ kind: 'catch-up' });
    await players[0]!.client.roundTrip();
    expect(players[0]!.client.got.filter((m) => m.type === 'from-facilitator')).toEqual([]);

    players[0]!.client.send({ type: 'action', action: { type: 'acknowledge' } });
    const action = await fac.next('player-action');
    expect(action).toEqual({ type: 'player-action', playerId: players[0]!.joined.playerId, name: 'Ada', action: { type: 'acknowledge' } });
  });

  it('refuses malformed, unknown and invalid messages with a reason, and stays up', async () => {
    const c = await open();
    c.send('not json {');
    expect(await c.next('error')).toMatchObject({ code: 'malformed', message: expect.stringContaining('not valid JSON') });
    c.send('[1,2]');
    expect(await c.next('error')).toMatchObject({ code: 'malformed' });
    c.send({ type: 'teleport' });
    expect(await c.next('error')).toMatchObject({ code: 'unknown-type', message: expect.stringContaining('teleport') });
    c.send({ type: 'join', code: 'ABCDEF' });
    expect(await c.next('error')).toMatchObject({ code: 'invalid', message: expect.stringContaining('name') });
    c.send({ type: 'join', code: '!!', name: 'x' });
    expect(await c.next('error')).toMatchObject({ code: 'invalid', message: expect.stringContaining('room code') });
    c.send({ type: 'join', code: 'ABCDEF', name: 'x', extra: true });
    expect(await c.next('error')).toMatchObject({ code: 'invalid' });
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await c.next('error')).toMatchObject({ code: 'malformed', message: expect.stringContaining('binary') });
    c.send({ type: 'join', code: 'ABCDEF', name: 'x' });
    expect(await c.next('error')).toMatchObject({ code: 'no-room' });
    // Still serving: a new room works.
    const { players } = await roomWithPlayers(['Grace']);
    expect(players[0]!.joined.name).toBe('Grace');
    expect(c.closed).toBeNull();
  });

  it('refuses a message from the wrong role', async () => {
    const { fac, players } = await roomWithPlayers(['Ada']);
    const p = players[0]!.client;
    p.send({ type: 'to-players', message: { kind: 'frames', fake: true } });
    expect(await p.next('error')).toMatchObject({ code: 'wrong-role', refused: 'to-players' });
    p.send({ type: 'kick', playerId: players[0]!.joined.playerId });
    expect(await p.next('error')).toMatchObject({ code: 'wrong-role' });
    fac.send({ type: 'action', action: { type: 'rollback' } });
    expect(await fac.next('error')).toMatchObject({ code: 'wrong-role', refused: 'action' });
    const stranger = await open();
    stranger.send({ type: 'action', action: { type: 'rollback' } });
    expect(await stranger.next('error')).toMatchObject({ code: 'wrong-role', message: expect.stringContaining('not joined') });
    // The player's forged broadcast reached nobody.
    await p.roundTrip();
    expect(p.got.filter((m) => m.type === 'from-facilitator')).toEqual([]);
  });

  it('refuses oversized messages by role, and the sender can carry on', async () => {
    const { fac, players } = await roomWithPlayers(['Ada']);
    const p = players[0]!.client;
    p.send({ type: 'action', action: { type: 'note', text: 'x'.repeat(20_000) } });
    expect(await p.next('error')).toMatchObject({ code: 'too-large', message: expect.stringMatching(/at most 16384 bytes/) });
    p.send({ type: 'action', action: { type: 'acknowledge' } });
    expect((await fac.next('player-action')).action).toEqual({ type: 'acknowledge' });
    // The facilitator may send much more (a catch-up), within its own limit.
    fac.send({ type: 'to-players', message: { frames: 'y'.repeat(500_000) } });
    expect(((await p.next('from-facilitator')).message.frames as string).length).toBe(500_000);
    const stranger = await open();
    stranger.send({ type: 'join', code: 'ABCDEF', name: 'z'.repeat(3000) });
    expect(await stranger.next('error')).toMatchObject({ code: 'too-large' });
  });

  it('rate-limits a flooding player without affecting the room', async () => {
    const { fac, players } = await roomWithPlayers(['Ada', 'Linus']);
    const flooder = players[0]!.client;
    // The clock does not move: the burst (30) passes, the rest is dropped.
    for (let i = 0; i < 200; i++) flooder.send({ type: 'action', action: { type: 'note', text: `spam ${i}` } });
    expect(await flooder.next('error')).toMatchObject({ code: 'rate-limited' });
    const other = players[1]!.client;
    other.send({ type: 'action', action: { type: 'acknowledge' } });
    const seen: string[] = [];
    for (;;) {
      const m = await fac.next('player-action');
      seen.push(m.name);
      if (m.name === 'Linus') break;
    }
    expect(seen.filter((n) => n === 'Ada').length).toBe(30);
    // Refilled after a second of simulated clock.
    clock += 1000;
    flooder.send({ type: 'action', action: { type: 'acknowledge' } });
    expect((await fac.next('player-action')).name).toBe('Ada');
  });

  it('closes a connection that keeps sending refused messages', async () => {
    await relay.close();
    relay = await startRelay({ port: 0, now: () => clock, limits: { maxRefusals: 5 } });
    const c = await open();
    for (let i = 0; i < 8; i++) c.send('nope');
    expect(await c.closedNow()).toBe(1008);
    const d = await open();
    await d.roundTrip();
  });

  it('limits the number of rooms', async () => {
    for (let i = 0; i < 3; i++) {
      const f = await open();
      f.send({ type: 'create' });
      await f.next('created');
    }
    const f = await open();
    f.send({ type: 'create' });
    expect(await f.next('error')).toMatchObject({ code: 'too-many-rooms' });
  });

  it('lets a facilitator resume with the secret, and only with it', async () => {
    const { fac, created, players } = await roomWithPlayers(['Ada']);
    fac.ws.close();
    expect((await players[0]!.client.next('facilitator-left')).type).toBe('facilitator-left');
    const thief = await open();
    thief.send({ type: 'resume', code: created.code, secret: 'x'.repeat(32) });
    expect(await thief.next('error')).toMatchObject({ code: 'bad-secret' });
    const back = await open();
    back.send({ type: 'resume', code: created.code, secret: created.secret });
    const resumed = await back.next('resumed');
    expect(resumed.players).toEqual([{ playerId: players[0]!.joined.playerId, name: 'Ada', connected: true }]);
    await players[0]!.client.next('facilitator-back');
  });

  it('lets a player rejoin under the same id with their key', async () => {
    const { fac, created, players } = await roomWithPlayers(['Ada']);
    const first = players[0]!;
    first.client.ws.close();
    expect((await fac.next('player-left')).player).toMatchObject({ playerId: first.joined.playerId, connected: false });
    const again = await open();
    again.send({ type: 'join', code: created.code, name: 'Ada', rejoin: { playerId: first.joined.playerId, key: first.joined.key } });
    expect((await again.next('joined')).playerId).toBe(first.joined.playerId);
    expect(await fac.next('player-joined')).toMatchObject({ rejoined: true, player: { playerId: first.joined.playerId, connected: true } });
    // A wrong key makes a new player rather than taking someone's identity.
    const impostor = await open();
    impostor.send({ type: 'join', code: created.code, name: 'Ada', rejoin: { playerId: first.joined.playerId, key: 'k'.repeat(32) } });
    expect((await impostor.next('joined')).playerId).not.toBe(first.joined.playerId);
  });

  it('closes a room idle past the limit and tells everyone', async () => {
    const { fac, created, players } = await roomWithPlayers(['Ada']);
    clock += 30_000;
    relay.sweep();
    expect(relay.rooms.get(created.code)).toBeDefined();
    fac.send({ type: 'to-players', message: { kind: 'keepalive' } });
    await players[0]!.client.next('from-facilitator');
    clock += 61_000;
    relay.sweep();
    expect(relay.rooms.get(created.code)).toBeUndefined();
    expect((await players[0]!.client.next('room-closed')).reason).toMatch(/idle/);
    expect((await fac.next('room-closed')).reason).toMatch(/idle/);
    const late = await open();
    late.send({ type: 'join', code: created.code, name: 'Late' });
    expect(await late.next('error')).toMatchObject({ code: 'no-room' });
  });

  it('lets the facilitator remove a player', async () => {
    const { fac, players } = await roomWithPlayers(['Ada', 'Troll']);
    fac.send({ type: 'kick', playerId: players[1]!.joined.playerId });
    expect((await players[1]!.client.next('room-closed')).reason).toMatch(/removed/);
    fac.send({ type: 'to-players', message: { n: 1 } });
    await players[0]!.client.next('from-facilitator');
    fac.send({ type: 'to-player', playerId: players[1]!.joined.playerId, message: { n: 2 } });
    expect(await fac.next('error')).toMatchObject({ code: 'no-player' });
  });
});
