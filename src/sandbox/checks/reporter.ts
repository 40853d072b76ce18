/**
 * The node:test reporter every runtime writes to .blast/reporter.mjs. Self-contained ESM that runs
 * on Node 20 and later (including WebContainer's Node), kept as a string so the browser bundle can
 * mount it without a file read.
 *
 * Output per top-level test: a readable line for the terminal and one machine line
 * `::blast::{json}` that parser.ts turns into results. The learner's own console output is echoed
 * (up to a cap) with any line starting with ":" indented by a space, so nothing a learner prints
 * can pass for a result line.
 */

/** Where runtimes put the reporter in the workspace. */
export const REPORTER_PATH = '.blast/reporter.mjs';

/**
 * Where runtimes put the output guard. Loaded with `--import` when checks run in one process
 * (the local runner, where the permission model denies a process per check file): the learner's
 * console output then reaches stdout directly instead of arriving as test:stdout events, so the
 * guard applies the same rules to it (":" lines indented, an echo cap, stderr folded into stdout
 * so a half line there cannot split a result line) and hands the reporter the untouched stdout.
 */
export const GUARD_PATH = '.blast/guard.mjs';

/** Shared between the guard and the reporter in one process. */
const SHARED_KEY = 'blast-radius.checks-output';

/** Every machine-readable line starts with this, at the start of a line. */
export const RESULT_PREFIX = '::blast::';

/** How much of the checks' own console output the reporter echoes before it stops echoing. */
export const ECHO_LIMIT_CHARS = 256 * 1024;

/**
 * Where the local runner leaves `node --check` output for learner files that do not parse: in one
 * process, an import's SyntaxError carries no file or line, so the reporter takes them from here.
 */
export const SYNTAX_REPORT_PATH = '.blast/syntax.txt';

export const REPORTER_SOURCE = String.raw`// Blast Radius check reporter (node:test). Written by the runtime; not part of the sandbox.
import { readFileSync } from 'node:fs';
const PREFIX = '${RESULT_PREFIX}';
const ECHO_LIMIT = ${ECHO_LIMIT_CHARS};
const MESSAGE_LIMIT = 4000;
const STDERR_TAIL = 8192;
const GREEN = '\u001b[32m';
const RED = '\u001b[31m';
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

function relative(file) {
  if (typeof file !== 'string' || file === '') return undefined;
  let path = file;
  if (path.startsWith('file:')) {
    try { path = decodeURIComponent(new URL(path).pathname); } catch {}
  }
  path = path.split('\\').join('/');
  const cwd = process.cwd().split('\\').join('/');
  if (path.startsWith(cwd + '/')) path = path.slice(cwd.length + 1);
  return path;
}

function clip(text) {
  return text.length > MESSAGE_LIMIT ? text.slice(0, MESSAGE_LIMIT) + '\n[message shortened]' : text;
}

function describeError(error) {
  let e = error;
  // node:test wraps what the test threw; the cause is what the learner should read.
  if (e && typeof e === 'object' && e.code === 'ERR_TEST_FAILURE' && e.cause !== undefined && e.cause !== null &&
      (typeof e.cause !== 'object' || 'message' in e.cause)) e = e.cause;
  if (e === null || e === undefined) return 'failed';
  if (typeof e !== 'object') return String(e);
  const message = typeof e.message === 'string' ? e.message : String(e);
  const name = typeof e.name === 'string' && e.name !== 'Error' && e.name !== 'AssertionError' ? e.name + ': ' : '';
  return (name + message).trim() || 'failed';
}

// A check file that cannot load (a syntax error in the learner's file, a missing export) fails as
// a whole with a bare "test failed"; the reason is in what the file printed to stderr.
function fileFailure(tail, error) {
  const lines = (tail || '').split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  const at = lines.findIndex((l) => /^[A-Za-z]*(Error|Exception)\b/.test(l.trim()));
  if (at !== -1) {
    // Node prints where it failed ("file:///.../server.js:12") before the error itself.
    const where = lines.slice(0, at).reverse().find((l) => /^(file:\/\/)?\/.*:\d+$/.test(l.trim()));
    return lines[at].trim() + (where ? ' (' + relative(where.trim()) + ')' : '');
  }
  if (lines.length > 0) return lines.slice(-5).join('\n');
  const described = describeError(error);
  if (/^SyntaxError\b/.test(described)) {
    let syntax = '';
    try { syntax = readFileSync('${SYNTAX_REPORT_PATH}', 'utf8'); } catch {}
    if (syntax) return fileFailure(syntax, error);
  }
  return described === 'test failed' ? 'this check file stopped before its checks could run' : described;
}

function round(ms) {
  return typeof ms === 'number' && Number.isFinite(ms) ? Math.round(ms * 10) / 10 : undefined;
}

// In one process the guard owns stdout: results are written past it, and it tracks the line.
// Looked up per write: node:test may load the reporter before the --import'ed guard has run.
const guard = () => globalThis[Symbol.for('${SHARED_KEY}')];

export default async function* blastReporter(source) {
  let echoed = 0;
  let droppedNoticeShown = false;
  let ownLineStart = true;
  const line = {
    get start() { const g = guard(); return g ? g.atLineStart : ownLineStart; },
    set start(v) { const g = guard(); if (g) g.atLineStart = v; else ownLineStart = v; },
  };
  const emit = (text) => {
    const g = guard();
    if (!g || text === '') return text;
    g.write(text);
    return '';
  };
  let passed = 0;
  let failed = 0;
  const stderrTails = new Map();

  function echo(text) {
    if (echoed >= ECHO_LIMIT) {
      if (droppedNoticeShown) return '';
      droppedNoticeShown = true;
      const lead = line.start ? '' : '\n';
      line.start = true;
      return lead + '[more output from the checks was not shown: over ' + Math.round(ECHO_LIMIT / 1024) + ' KB]\n';
    }
    const shown = text.slice(0, ECHO_LIMIT - echoed);
    echoed += shown.length;
    if (shown === '') return '';
    const guarded = (line.start && shown.startsWith(':') ? ' ' : '') + shown.replace(/\n:/g, '\n :');
    line.start = shown.endsWith('\n');
    return guarded;
  }

  function record(fields) {
    const lead = line.start ? '' : '\n';
    line.start = true;
    return lead + PREFIX + JSON.stringify(fields) + '\n';
  }

  for await (const event of source) {
    const data = (event && event.data) || {};
    if (event.type === 'test:stdout' || event.type === 'test:stderr') {
      const text = typeof data.message === 'string' ? data.message : '';
      if (event.type === 'test:stderr') {
        const key = relative(data.file) || '';
        const tail = (stderrTails.get(key) || '') + text;
        stderrTails.set(key, tail.length > STDERR_TAIL ? tail.slice(-STDERR_TAIL) : tail);
      }
      const out = emit(echo(text));
      if (out) yield out;
      continue;
    }
    if ((event.type !== 'test:pass' && event.type !== 'test:fail') || data.nesting !== 0) continue;

    const file = relative(data.file);
    const fileLevel = file !== undefined && relative(String(data.name)) === file;
    const details = data.details || {};
    let ok = event.type === 'test:pass';
    let message = null;
    if (!ok) message = fileLevel ? fileFailure(guard() ? guard().stderrTail : stderrTails.get(file), details.error) : describeError(details.error);
    if (ok && (data.skip || data.todo)) {
      ok = false;
      message = 'this check was skipped';
    }
    if (ok) passed++;
    else failed++;
    const name = fileLevel ? file : String(data.name);
    const ms = round(details.duration_ms);
    let readable = (line.start ? '' : '\n') + (ok ? GREEN + '\u2713' : RED + '\u2717') + RESET + ' ' + name +
      (ms === undefined ? '' : ' ' + DIM + '(' + ms + ' ms)' + RESET) + '\n';
    if (message) readable += message.split('\n').map((l) => '    ' + l).join('\n') + '\n';
    line.start = true;
    const shown = emit(readable + record({ type: 'test', name, ok, message: message === null ? null : clip(message), durationMs: ms, file, kind: fileLevel ? 'file' : 'test' }));
    if (shown) yield shown;
  }

  const summary = emit(record({ type: 'done', passed, failed }) + '\n' + (failed === 0 ? GREEN : RED) + 'checks: ' + passed + ' passed, ' + failed + ' failed' + RESET + '\n');
  if (summary) yield summary;
}
`;

export const GUARD_SOURCE = String.raw`// Blast Radius output guard for checks run in one process. Written by the runtime; not part of the sandbox.
const ECHO_LIMIT = ${ECHO_LIMIT_CHARS};
const STDERR_TAIL = 8192;
const rawWrite = process.stdout.write.bind(process.stdout);
const shared = { atLineStart: true, stderrTail: '', write: (text) => rawWrite(text) };
globalThis[Symbol.for('${SHARED_KEY}')] = shared;
let echoed = 0;
let noticeShown = false;

function asText(chunk, encoding) {
  if (typeof chunk === 'string') return chunk;
  try { return Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8'); } catch { return String(chunk); }
}

function guarded(text) {
  if (echoed >= ECHO_LIMIT) {
    if (noticeShown) return '';
    noticeShown = true;
    const lead = shared.atLineStart ? '' : '\n';
    shared.atLineStart = true;
    return lead + '[more output from the checks was not shown: over ' + Math.round(ECHO_LIMIT / 1024) + ' KB]\n';
  }
  const shown = text.slice(0, ECHO_LIMIT - echoed);
  echoed += shown.length;
  if (shown === '') return '';
  const safe = (shared.atLineStart && shown.startsWith(':') ? ' ' : '') + shown.replace(/\n:/g, '\n :');
  shared.atLineStart = shown.endsWith('\n');
  return safe;
}

// stderr is folded into stdout: a half line on another pipe could otherwise split a result line.
function wrap(stream, isErr) {
  stream.write = function write(chunk, encoding, callback) {
    const done = typeof encoding === 'function' ? encoding : callback;
    const text = asText(chunk, encoding);
    if (isErr) {
      const tail = shared.stderrTail + text;
      shared.stderrTail = tail.length > STDERR_TAIL ? tail.slice(-STDERR_TAIL) : tail;
    }
    const safe = guarded(text);
    if (safe === '') {
      if (typeof done === 'function') queueMicrotask(done);
      return true;
    }
    return typeof done === 'function' ? rawWrite(safe, done) : rawWrite(safe);
  };
}

wrap(process.stdout, false);
wrap(process.stderr, true);
`;
