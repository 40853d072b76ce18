import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readDataFile, type DataFileKind } from '../../../src/console/data-file';

class NoteError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: string[],
  ) {
    super(`${fileName}: ${problems.join('; ')}`);
  }
}

const noteSchema = z
  .object({ title: z.string(), tags: z.array(z.string()).default([]) })
  .strict()
  .refine((n) => n.title !== n.tags[0], { message: 'the title is not its own first tag' });

const kind = (fileName: string, maxBytes = 1024): DataFileKind<z.output<typeof noteSchema>> => ({
  schema: noteSchema,
  maxBytes,
  noun: 'a note',
  holds: 'one note: an object with a title',
  refuse: (problems) => new NoteError(fileName, problems),
});

function problemsOf(fileName: string, text: string, maxBytes?: number): string[] {
  try {
    readDataFile(fileName, text, kind(fileName, maxBytes));
  } catch (error) {
    expect(error).toBeInstanceOf(NoteError);
    return (error as NoteError).problems;
  }
  throw new Error('expected the file to be refused');
}

describe('data files written by hand (the reader shared by scenario files and workshop packs)', () => {
  it('reads JSON or YAML by the file name, and by the text when the name says neither', () => {
    expect(readDataFile('note.yaml', 'title: hello\ntags: [a]\n', kind('note.yaml'))).toEqual({ title: 'hello', tags: ['a'] });
    expect(readDataFile('note.json', '{"title": "hello"}', kind('note.json'))).toEqual({ title: 'hello', tags: [] });
    // No extension: text starting with { is JSON, so a JSON mistake is called one, not a YAML one.
    expect(problemsOf('note', '{"title": "hello",}')[0]).toMatch(/^it is not valid JSON .*commas and quotes/);
    expect(problemsOf('note', 'title: [unclosed\n')[0]).toMatch(/^it is not valid YAML at line \d+, column \d+/);
    // A .yaml name wins over JSON-looking text: JSON is YAML, so it parses.
    expect(readDataFile('note.yaml', '{"title": "hello"}', kind('note.yaml'))).toEqual({ title: 'hello', tags: [] });
  });

  it('gives a field problem its line in YAML, and only its path in JSON (which has no lines to point at)', () => {
    expect(problemsOf('note.yaml', '# my note\ntitle: hello\ntags:\n  - a\n  - 7\n')).toEqual([expect.stringMatching(/^tags\.1: .* \(line 5\)$/)]);
    expect(problemsOf('note.json', '{\n"title": "hello",\n"tags": ["a", 7]\n}')).toEqual([expect.stringMatching(/^tags\.1: [^(]*$/)]);
    expect(problemsOf('note.yaml', 'title: a\ntags: [a]\n')).toEqual(['(root): the title is not its own first tag']);
  });

  it('points at a misspelt or extra field itself, with its line, rather than at the object holding it', () => {
    expect(problemsOf('note.yaml', 'title: hello\ntagz:\n  - a\ncolour: red\n')).toEqual([
      'tagz: a note has no such field here; check its spelling, or remove it (line 2)',
      'colour: a note has no such field here; check its spelling, or remove it (line 4)',
    ]);
    expect(problemsOf('note.json', '{"title": "hello", "colour": "red"}')).toEqual(['colour: a note has no such field here; check its spelling, or remove it']);
  });

  it('counts the size in bytes, not characters, and refuses before parsing', () => {
    const accents = 'é'.repeat(600); // 1200 bytes in UTF-8
    expect(problemsOf('note.yaml', `title: ${accents}\n`)).toEqual(['it is 2 KB; a note may be at most 1 KB']);
    expect(problemsOf('note.yaml', `title: [${accents}`)).toEqual(['it is 2 KB; a note may be at most 1 KB']);
    expect(readDataFile('note.yaml', `title: ${accents}\n`, kind('note.yaml', 2048)).title).toBe(accents);
  });

  it('refuses a file that holds no object, and YAML that would build more than plain data', () => {
    expect(problemsOf('note.yaml', '- a\n- b\n')).toEqual(['it must hold one note: an object with a title']);
    expect(problemsOf('note.json', 'null')).toEqual(['it must hold one note: an object with a title']);
    expect(problemsOf('note.yaml', 'title: !!js/function "() => 1"\n')[0]).toMatch(/^it is not valid YAML/);
  });
});
