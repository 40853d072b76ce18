/**
 * A whole workshop in one Node process: the real relay on a free port, the facilitator's page
 * logic with the console machine and the simulation in-process, and players' page logic with
 * their own console machines, all over real WebSockets.
 */
import WebSocket from 'ws';
import { createActor } from 'xstate';
import { inProcessConnection } from '../../../src/console/in-process-connection';
import { FrameStore } from '../../../src/console/frame-store';
import { consoleMachine } from '../../../src/console/machine';
import type { ServerMessage } from '../../../src/server/workshop/messages';
import { FacilitatorCore } from '../../../src/workshop/facilitator';
import { PlayerLink } from '../../../src/workshop/player';
import type { WorkshopScript } from '../../../src/workshop/script';

const opened = (ws: WebSocket) =>
  new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

/** Waits until `check` holds, letting sockets and the in-process simulation deliver (no wall-clock assertion). */
export async function until(check: () => boolean, what: string, tries = 2000): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`gave up waiting for: ${what}`);
}

export async function startFacilitator(url: string, script: WorkshopScript, seed: number, warmupSeconds: number, restored: ConstructorParameters<typeof FacilitatorCore>[3] = null) {
  const core = new FacilitatorCore(script, seed, warmupSeconds, restored);
  const raw = inProcessConnection();
  const connection = core.wrap(raw);
  const frames = new FrameStore();
  const actor = createActor(consoleMachine, { input: { connection, frames } }).start();
  core.attach(actor, frames);
  const ws = new WebSocket(url);
  await opened(ws);
  ws.on('message', (data) => core.onRelay(JSON.parse(String(data)) as ServerMessage));
  core.connectRelay((m) => ws.send(JSON.stringify(m)), 'open');
  const room = restored?.session.room;
  ws.send(JSON.stringify(room ? { type: 'resume', code: room.code, secret: room.secret } : { type: 'create' }));
  await until(() => core.getSnapshot().session.room !== null, 'the room');
  actor.send({ type: 'LOAD', request: core.loadRequest() });
  const settle = async () => {
    for (let i = 0; i < 5; i++) await raw.flush();
  };
  await until(() => actor.getSnapshot().matches('session'), 'the facilitator console');
  return { core, actor, frames, ws, raw, settle, code: core.getSnapshot().session.room!.code };
}

export async function startPlayer(url: string, code: string, name: string) {
  const link = new PlayerLink(code, name);
  const frames = new FrameStore();
  const actor = createActor(consoleMachine, { input: { connection: link.connection(), frames } }).start();
  link.beforeLoaded = () => {
    if (!actor.getSnapshot().matches('loading')) actor.send({ type: 'LOAD', request: { source: { kind: 'builtin', id: 'workshop' }, seed: 0, warmupSeconds: 0, skipBriefing: true } });
  };
  /** Every message this player's page received, as text, for the leak test. */
  const received: string[] = [];
  const ws = new WebSocket(url);
  await opened(ws);
  ws.on('message', (data) => {
    received.push(String(data));
    link.onRelay(JSON.parse(String(data)) as ServerMessage);
  });
  link.opened((m) => ws.send(JSON.stringify(m)));
  await until(() => actor.getSnapshot().matches('session'), `${name}'s console`);
  return { link, actor, frames, ws, received };
}
