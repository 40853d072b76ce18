/**
 * Frames as the simulation worker posts them. A frame's `metrics` holds some sixty numbers under
 * names that are the same every second; posted as objects, a replayed hour (5,400 frames) is an
 * 18 MB object graph that takes the worker ~0.5 s to serialise and the page over 1 s to rebuild.
 * On the wire the metrics travel instead as one Float64Array per run of frames with the same names
 * (transferred, not copied), and the page rebuilds each frame's object from it: the messages
 * carry the same frames, a few times cheaper. The rest of a frame stays as it is (FrameBuilder
 * shares its unchanged parts between frames, which structured cloning keeps shared).
 */
import type { Frame, FromWorker } from './protocol';

/** Consecutive frames whose metrics have the same names, in the same order. */
export interface MetricColumns {
  names: string[];
  /** Frame after frame, `names.length` values each. */
  values: Float64Array;
}

/**
 * A message as posted. A `packed` one is a message with frames whose `metrics` are null, their
 * values in `metrics` (in frame order).
 */
export type WireMessage = FromWorker | { type: 'packed'; message: FromWorker; metrics: MetricColumns[] };

function sameNames(names: readonly string[], metrics: Record<string, number>): boolean {
  let i = 0;
  for (const name in metrics) if (names[i++] !== name) return false;
  return i === names.length;
}

/** Packs a message's frames; returns it with what to transfer (the columns' buffers). */
export function toWire(message: FromWorker): { message: WireMessage; transfer: Transferable[] } {
  if (!('frames' in message) || message.frames.length === 0) return { message, transfer: [] };
  const columns: MetricColumns[] = [];
  const frames: Frame[] = [];
  let start = 0;
  const all = message.frames;
  while (start < all.length) {
    const names = Object.keys(all[start]!.metrics);
    let end = start + 1;
    while (end < all.length && sameNames(names, all[end]!.metrics)) end++;
    const values = new Float64Array((end - start) * names.length);
    let k = 0;
    for (let i = start; i < end; i++) {
      const metrics = all[i]!.metrics;
      for (const name of names) values[k++] = metrics[name]!;
      frames.push({ ...all[i]!, metrics: null as unknown as Frame['metrics'] });
    }
    columns.push({ names, values });
    start = end;
  }
  return { message: { type: 'packed', message: { ...message, frames }, metrics: columns }, transfer: columns.map((c) => c.values.buffer) };
}

/** The message the worker meant: frames with their metrics objects back. */
export function fromWire(data: WireMessage): FromWorker {
  if (data.type !== 'packed') return data;
  const { message, metrics } = data;
  if (!('frames' in message)) return message;
  const frames = message.frames;
  let f = 0;
  for (const { names, values } of metrics) {
    const width = names.length;
    // Copies of one object made with these names, then filled: built key by key from {}, sixty-odd
    // names would turn each record into a slow dictionary (4x the time, more memory).
    const template: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
    for (let k = 0; k < values.length; k += width) {
      const record = { ...template };
      for (let j = 0; j < width; j++) record[names[j]!] = values[k + j]!;
      frames[f++]!.metrics = record;
    }
  }
  if (f !== frames.length) throw new Error(`The simulation sent ${frames.length} frames but metrics for ${f}; reload the page.`);
  return message;
}
