// A structured logger in the style of pino: one JSON object per line. It writes whatever it is
// given; keeping secrets out is the caller's job. The lines are also kept in memory (`lines`), so
// the checks can read everything that was logged.
//
//   const logger = createLogger();
//   logger.info({ method: 'GET', path: '/', status: 200 }, 'request');
//   logger.lines   -> [{ level: 'info', msg: 'request', method: 'GET', path: '/', status: 200, time }]

export function createLogger({ echo = false, clock = { now: () => Date.now() } } = {}) {
  const lines = [];
  function write(level, fields, msg) {
    if (typeof fields === 'string' && msg === undefined) [fields, msg] = [{}, fields];
    const line = { level, time: clock.now(), msg: msg ?? '', ...(fields && typeof fields === 'object' ? fields : { value: fields }) };
    const text = JSON.stringify(line);
    lines.push(JSON.parse(text));
    if (echo) process.stdout.write(`${text}\n`);
  }
  return {
    info: (fields, msg) => write('info', fields, msg),
    warn: (fields, msg) => write('warn', fields, msg),
    error: (fields, msg) => write('error', fields, msg),
    lines,
    /** Everything logged so far, as the text a log platform would store. */
    text: () => lines.map((l) => JSON.stringify(l)).join('\n'),
  };
}
