/**
 * Turns the output of a checks run (see reporter.ts) into per-test results while passing the
 * readable part through for a terminal. Streaming: chunks may split lines, JSON or UTF-16
 * surrogate pairs anywhere; results appear as soon as their line is complete.
 */
import { RESULT_PREFIX } from './reporter';

export interface CheckResult {
  name: string;
  ok: boolean;
  /** The assertion message (or why a check file could not load); null when the check passed. */
  message: string | null;
  durationMs?: number;
  /** Check file, relative to the workspace. */
  file?: string;
  /** "file" when a whole check file failed before its tests could run. */
  kind: 'test' | 'file';
}

export interface ParsedChecks {
  tests: CheckResult[];
  passed: number;
  failed: number;
  /** The reporter reached its end; false when the run was cut short (time limit, kill, crash). */
  complete: boolean;
}

export interface ParserOptions {
  onResult?: (result: CheckResult) => void;
  /** Output with the machine lines removed, in order, ready for a terminal. */
  onDisplay?: (text: string) => void;
}

/** A machine line longer than this is not ours (or is broken); it is shown as text instead. */
const MAX_RECORD_CHARS = 1024 * 1024;

export class CheckOutputParser {
  readonly #tests: CheckResult[] = [];
  #complete = false;
  /** Start of the current line, held back only while it might still turn into a machine line. */
  #pending = '';
  /** True when the current line is known to be plain text (already streamed through). */
  #plainLine = false;
  readonly #options: ParserOptions;

  constructor(options: ParserOptions = {}) {
    this.#options = options;
  }

  push(chunk: string): void {
    let display = '';
    let rest = chunk;
    while (rest.length > 0) {
      if (this.#plainLine) {
        const nl = rest.indexOf('\n');
        if (nl === -1) {
          display += rest;
          return this.#show(display);
        }
        display += rest.slice(0, nl + 1);
        rest = rest.slice(nl + 1);
        this.#plainLine = false;
        continue;
      }
      const nl = rest.indexOf('\n');
      const piece = nl === -1 ? rest : rest.slice(0, nl);
      this.#pending += piece;
      rest = nl === -1 ? '' : rest.slice(nl + 1);
      const line = this.#pending;
      const couldBeRecord = line.length < RESULT_PREFIX.length ? RESULT_PREFIX.startsWith(line) : line.startsWith(RESULT_PREFIX);
      if (nl === -1) {
        // Line still open: keep holding it only while it may be a record (and is not absurdly long).
        if (!couldBeRecord || line.length > MAX_RECORD_CHARS) {
          display += line;
          this.#pending = '';
          this.#plainLine = true;
        }
        break;
      }
      this.#pending = '';
      if (!(couldBeRecord && this.#record(line))) display += `${line}\n`;
    }
    this.#show(display);
  }

  /** Flushes a last unterminated line and returns the results. */
  end(): ParsedChecks {
    if (this.#pending !== '') {
      const line = this.#pending;
      this.#pending = '';
      if (!(line.startsWith(RESULT_PREFIX) && this.#record(line))) this.#show(line);
    }
    this.#plainLine = false;
    return this.result;
  }

  get result(): ParsedChecks {
    const tests = this.#tests.map((t) => ({ ...t }));
    const passed = tests.filter((t) => t.ok).length;
    return { tests, passed, failed: tests.length - passed, complete: this.#complete };
  }

  #show(text: string): void {
    if (text !== '') this.#options.onDisplay?.(text);
  }

  /** Consumes one machine line; false when it is not a well-formed record (then it is shown as text). */
  #record(line: string): boolean {
    let value: unknown;
    try {
      value = JSON.parse(line.slice(RESULT_PREFIX.length));
    } catch {
      return false;
    }
    if (typeof value !== 'object' || value === null) return false;
    const rec = value as Record<string, unknown>;
    if (rec.type === 'done') {
      this.#complete = true;
      return true;
    }
    if (rec.type !== 'test' || typeof rec.name !== 'string' || typeof rec.ok !== 'boolean') return false;
    const result: CheckResult = {
      name: rec.name,
      ok: rec.ok,
      message: typeof rec.message === 'string' ? rec.message : rec.ok ? null : 'failed',
      kind: rec.kind === 'file' ? 'file' : 'test',
    };
    if (typeof rec.durationMs === 'number') result.durationMs = rec.durationMs;
    if (typeof rec.file === 'string') result.file = rec.file;
    this.#tests.push(result);
    this.#options.onResult?.({ ...result });
    return true;
  }
}

/** Parses a whole output at once (CLI, tests). */
export function parseCheckOutput(output: string): ParsedChecks {
  const parser = new CheckOutputParser();
  parser.push(output);
  return parser.end();
}

/** Writes one result the way the reporter does; the fake runtime uses it to script outputs. */
export function formatResultLine(result: Omit<CheckResult, 'kind'> & { kind?: CheckResult['kind'] }): string {
  return `${RESULT_PREFIX}${JSON.stringify({ type: 'test', kind: 'test', ...result })}\n`;
}

export function formatDoneLine(passed: number, failed: number): string {
  return `${RESULT_PREFIX}${JSON.stringify({ type: 'done', passed, failed })}\n`;
}
