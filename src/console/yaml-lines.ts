/**
 * Which line of a YAML file (a scenario file, a workshop pack) a schema problem is on, so an error
 * can say "line 14" as well as "faults.0.type". js-yaml keeps no positions for parsed values, so
 * this walks the text's block structure (keys and "- " items by indentation), which is how people
 * and js-yaml's dump write these files. Flow style ({...} or [...]) stops the walk: the deepest
 * line found so far is given.
 */

interface Line {
  /** Column where the content starts (a "- " counts as content). */
  raw: number;
  /** Column where the key starts, after any "- " markers. */
  key: number;
  text: string;
  dash: boolean;
}

function describe(text: string): (Line | null)[] {
  return text.split(/\r?\n/).map((l) => {
    const body = l.trimStart();
    if (body === '' || body.startsWith('#') || body === '---') return null;
    const raw = l.length - body.length;
    const afterDashes = body.replace(/^(-\s+)+/, '');
    return { raw, key: l.length - afterDashes.length, text: afterDashes, dash: /^-(\s|$)/.test(body) };
  });
}

const keyPattern = (key: string) => new RegExp(`^(?:"${escape(key)}"|'${escape(key)}'|${escape(key)})\\s*:(\\s|$)`);
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The 1-based line of `path` (e.g. ['faults', 0, 'type']) in YAML text, or null when not even its first part is found. */
export function yamlLine(text: string, path: readonly PropertyKey[]): number | null {
  const lines = describe(text);
  let from = 0;
  let end = lines.length;
  let parent = -1; // children sit at a column beyond this
  let found: number | null = null;
  for (const seg of path) {
    if (typeof seg === 'number' || /^\d+$/.test(String(seg))) {
      const n = Number(seg);
      // The list starts on the line after its key (or on the key's own line for "- - " nesting, not handled).
      let dashCol = -1;
      let count = -1;
      let item = -1;
      for (let i = found === null ? from : found + 1; i < end; i++) {
        const l = lines[i];
        if (!l) continue;
        if (dashCol === -1) {
          if (!l.dash) return found === null ? null : found + 1;
          dashCol = l.raw;
        }
        if (l.raw < dashCol) break;
        if (l.raw === dashCol && l.dash && ++count === n) {
          item = i;
          break;
        }
      }
      if (item === -1) return found === null ? null : found + 1;
      found = item;
      from = item;
      parent = dashCol;
      end = blockEnd(lines, item, (l) => l.raw <= dashCol);
    } else {
      const pattern = keyPattern(String(seg));
      let childCol = -1;
      let hit = -1;
      for (let i = from; i < end; i++) {
        const l = lines[i];
        if (!l || l.key <= parent) continue;
        if (childCol === -1) childCol = l.key;
        if (l.key === childCol && pattern.test(l.text)) {
          hit = i;
          break;
        }
      }
      if (hit === -1) return found === null ? null : found + 1;
      const col = lines[hit]!.key;
      found = hit;
      from = hit + 1;
      parent = col;
      // A key's block: deeper lines, and a "- " list written at the key's own column.
      end = blockEnd(lines, hit, (l) => l.raw < col || (l.raw === col && !l.dash));
    }
  }
  return found === null ? null : found + 1;
}

function blockEnd(lines: (Line | null)[], start: number, ends: (l: Line) => boolean): number {
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l && ends(l)) return i;
  }
  return lines.length;
}
