// Collects what a logger writes, the way a log shipper sees it: a stream of text that it splits
// on newlines, one event per line. Pass capture.write to createLogger({ write }).
//
//   capture.writes     every write() call, as text
//   capture.lines()    the text split into lines (what the shipper indexes as separate events)
//   capture.records()  every line parsed as JSON; throws, naming the line, if one is not JSON
//   capture.clear()

export function captureLines() {
  const writes = [];
  return {
    write(chunk) {
      writes.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    },
    get writes() {
      return [...writes];
    },
    lines() {
      const text = writes.join('');
      const lines = text.split('\n');
      if (lines.at(-1) === '') lines.pop();
      return lines;
    },
    records() {
      return this.lines().map((line, i) => {
        try {
          const record = JSON.parse(line);
          if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new Error('not an object');
          return record;
        } catch {
          const shown = line.length > 160 ? `${line.slice(0, 160)}...` : line;
          throw new Error(`log line ${i + 1} is not a JSON object, so a log store can only treat it as text: ${JSON.stringify(shown)}`);
        }
      });
    },
    clear() {
      writes.length = 0;
    },
  };
}
