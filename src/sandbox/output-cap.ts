/**
 * Caps how much output one run may produce (1 MB by default). Past the cap the rest is dropped
 * and one visible notice takes its place, so a print loop cannot flood the page or the server.
 */
export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;

export function truncationNotice(maxBytes: number): string {
  const size = maxBytes >= 1024 * 1024 ? `${Math.round((maxBytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(maxBytes / 1024)} KB`;
  return `\n[output truncated: this run printed more than ${size}; the rest was dropped]\n`;
}

const encoder = new TextEncoder();

export class OutputCap {
  #used = 0;
  #truncated = false;

  constructor(readonly maxBytes: number = DEFAULT_MAX_OUTPUT_BYTES) {}

  get truncated(): boolean {
    return this.#truncated;
  }

  /**
   * The part of `chunk` that still fits, with the notice appended the first time the cap is
   * crossed; null once everything further is dropped.
   */
  takeBytes(chunk: Uint8Array): { bytes: Uint8Array; notice: string | null } | null {
    if (this.#truncated) return null;
    const room = this.maxBytes - this.#used;
    if (chunk.byteLength <= room) {
      this.#used += chunk.byteLength;
      return { bytes: chunk, notice: null };
    }
    this.#used = this.maxBytes;
    this.#truncated = true;
    return { bytes: chunk.subarray(0, room), notice: truncationNotice(this.maxBytes) };
  }

  /** The same for text (WebContainer and the fake hand out strings); the cap counts UTF-8 bytes. */
  takeText(chunk: string): string | null {
    if (this.#truncated) return null;
    const bytes = encoder.encode(chunk);
    const taken = this.takeBytes(bytes);
    if (taken === null) return null;
    if (taken.notice === null) return chunk;
    return new TextDecoder().decode(taken.bytes) + taken.notice;
  }
}
